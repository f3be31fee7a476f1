'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const verity = require('../index.js')
const { expectVerityError } = require('./helpers.js')

const CATALOG = fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'fixtures', 'conversation', 'parts_catalog.json'))

test('a compiled Catalog and a catalogue document give the same states; state round-trips as JSON text', () => {
  const catalog = new verity.Catalog(CATALOG)
  assert.ok(catalog.size > 0)
  const turns = [
    { role: 'user', text: 'Do you have hydraulic pumps?' },
    { role: 'assistant', text: 'Yes. The HP-200 Hydraulic Pump is in stock at £450.' },
    { role: 'user', text: 'How much is it with delivery?' },
  ]
  let a = null
  let b = null
  for (const turn of turns) {
    a = verity.updateConversation(a, turn, catalog)
    b = verity.updateConversation(b === null ? null : JSON.stringify(b), turn, JSON.parse(CATALOG))
  }
  assert.deepEqual(a, b)
  assert.ok(Object.isFrozen(a))
  const it = a.last_turn.resolutions[0]
  assert.equal(it.phrase, 'it')
  assert.equal(it.targets[0].name, 'HP-200 Hydraulic Pump')
  const block = verity.renderContext(a)
  assert.ok(block.length <= 850)
  assert.ok(verity.renderContext(a, 120).length <= 120)
  assert.deepEqual(verity.replayConversation(turns, catalog).state, a)
})

test('bad input for every conversation entry point', () => {
  expectVerityError(() => new verity.Catalog('{'), 'invalid_json', '$')
  expectVerityError(() => new verity.Catalog({ products: [{ name: 3 }] }), 'invalid_input')
  expectVerityError(() => verity.updateConversation(null, 'hello'), 'invalid_input', '$')
  expectVerityError(() => verity.updateConversation(null, { role: 'robot', text: 'x' }), 'invalid_input', '$.role')
  expectVerityError(() => verity.updateConversation('{"format_version": 99}', { role: 'user', text: 'x' }), 'unsupported_version')
  expectVerityError(() => verity.updateConversation(null, { role: 'user', text: 'x' }, 42), 'invalid_input')
  expectVerityError(() => verity.renderContext({}, 100), 'missing_field')
  expectVerityError(() => verity.renderContext(verity.updateConversation(null, { role: 'user', text: 'hi' }), -5), 'invalid_input', '$.budget')
  expectVerityError(() => verity.replayConversation([{ role: 'user', text: 'hi' }, { role: 'robot', text: 'beep' }]), 'invalid_input', '$[1].role')
  expectVerityError(() => verity.replayConversation('nope'), 'invalid_json', '$')
})
