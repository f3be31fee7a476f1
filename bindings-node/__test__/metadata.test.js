'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const verity = require('../index.js')
const { expectVerityError } = require('./helpers.js')

const FIXTURES = path.join(__dirname, '..', '..', 'tests', 'fixtures', 'responses')
const fixtureBytes = (rel) => fs.readFileSync(path.join(FIXTURES, rel))

test('extractMetadata: object, text and raw bytes give the same frozen result', () => {
  const bytes = fixtureBytes('openai_responses/md_reasoning_cached.json')
  const fromBytes = verity.extractMetadata(bytes)
  assert.deepEqual(verity.extractMetadata(bytes.toString('utf8')), fromBytes)
  assert.deepEqual(verity.extractMetadata(JSON.parse(bytes)), fromBytes)
  assert.equal(fromBytes.api, 'openai_responses')
  assert.ok(Object.isFrozen(fromBytes) && Object.isFrozen(fromBytes.usage) && Object.isFrozen(fromBytes.finish_reasons))
  assert.throws(() => {
    'use strict'
    fromBytes.provider = 'google'
  }, TypeError)
})

test('providerVersionKey and otelAttributes with options', () => {
  const azure = fixtureBytes('openai_chat/md_azure_no_fingerprint.json')
  assert.equal(verity.providerVersionKey(azure), 'unknown')
  const attrs = verity.otelAttributes(azure, { model: 'gpt-4o', include_deprecated: true })
  assert.equal(attrs['gen_ai.request.model'], 'gpt-4o')
  assert.ok('gen_ai.system' in attrs)
  assert.ok(!('gen_ai.system' in verity.otelAttributes(azure)))
  const vertex = verity.otelAttributes(fixtureBytes('gemini/grounded.json'), { platform: 'vertex_ai' })
  assert.equal(vertex['gen_ai.provider.name'], 'gcp.vertex_ai')
})

test('bad input for every metadata entry point', () => {
  expectVerityError(() => verity.extractMetadata('{"hello": 1}'), 'unknown_shape', '$')
  expectVerityError(() => verity.extractMetadata(Buffer.from('{')), 'invalid_json', '$')
  expectVerityError(() => verity.extractMetadata({ object: 'chat.completion', choices: 'x' }), 'invalid_input')
  expectVerityError(() => verity.extractMetadata(null), 'unknown_shape', '$')
  expectVerityError(() => verity.providerVersionKey([]), 'unknown_shape', '$')
  expectVerityError(() => verity.providerVersionKey(fixtureBytes('gemini/grounded.json'), 5), 'invalid_input', '$.model')
  expectVerityError(() => verity.otelAttributes(fixtureBytes('gemini/grounded.json'), { platform: 'mars' }), 'invalid_input', '$.platform')
  expectVerityError(() => verity.otelAttributes(fixtureBytes('gemini/grounded.json'), { includeDeprecated: true }), 'invalid_input', '$.includeDeprecated')
  expectVerityError(() => verity.otelAttributes(fixtureBytes('gemini/grounded.json'), { include_deprecated: 'yes' }), 'invalid_input', '$.include_deprecated')
  expectVerityError(() => verity.otelAttributes(fixtureBytes('gemini/grounded.json'), 'x'), 'invalid_input', '$.options')
  expectVerityError(() => verity.otelAttributes('nope'), 'invalid_json', '$')
  expectVerityError(() => verity.detectApi(undefined), 'invalid_input', '$')
  expectVerityError(() => verity.detectProvider(null), 'invalid_input', '$.model_id')
})
