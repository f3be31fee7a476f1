'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const verity = require('../index.js')
const { expectVerityError, timerTicksDuring } = require('./helpers.js')

const FIXTURES = path.join(__dirname, '..', '..', 'tests', 'fixtures', 'responses')
const body = (rel) => fs.readFileSync(path.join(FIXTURES, rel))

test('REQUIRED without a successful search is failed, and the outcome cannot be turned into ok', () => {
  const outcome = verity.classify(body('openai_responses/web_search_failed.json'), 'REQUIRED')
  assert.equal(outcome.status, 'failed')
  assert.equal(outcome.enforcement_passed, false)
  assert.ok(Object.isFrozen(outcome) && Object.isFrozen(outcome.citation_urls))
  assert.throws(() => {
    outcome.status = 'ok'
  }, TypeError)
  assert.equal(outcome.status, 'failed')
  // a tampered copy is refused where outcomes are read back
  expectVerityError(() => verity.explainFailure({ ...outcome, status: 'ok', enforcement_passed: true, error_code: null }), 'invariant_violation')
  assert.ok(verity.checkRunInvariants({ ...outcome, status: 'ok', enforcement_passed: true, error_code: null }).length > 0)
  assert.deepEqual(verity.checkRunInvariants(outcome), [])
})

test('classify accepts object, text and bytes alike, with options', () => {
  const raw = body('openai_responses/no_search.json')
  const a = verity.classify(raw, 'REQUIRED', { enforcement_mode: 'hard', model: 'gpt-4o' })
  assert.deepEqual(verity.classify(raw.toString(), 'REQUIRED', { enforcement_mode: 'hard', model: 'gpt-4o' }), a)
  assert.deepEqual(verity.classify(JSON.parse(raw), 'REQUIRED', { enforcement_mode: 'hard', model: 'gpt-4o' }), a)
  assert.equal(a.error_code, 'no_tool_call_in_required')
  const explained = verity.explainFailure(a)
  assert.equal(typeof explained.title, 'string')
  assert.equal(verity.explainFailure(verity.classify(raw, 'PREFERRED')), null)
  const table = { rules: [{ model_prefix: 'gpt-4o', enforcement_mode: 'soft' }], default: 'hard' }
  assert.equal(verity.classify(raw, 'REQUIRED', { model: 'gpt-4o', enforcement_mode_table: table }).enforcement_mode, 'soft')
})

test('classifyMany and classifyManyAsync agree; aggregateOutcomes summarises', async () => {
  const bodies = fs.readdirSync(path.join(FIXTURES, 'openai_responses')).map((f) => body(`openai_responses/${f}`))
  const sync = verity.classifyMany(bodies, 'REQUIRED')
  assert.equal(sync.length, bodies.length)
  assert.deepEqual(await verity.classifyManyAsync(bodies, 'REQUIRED'), sync)
  const measures = verity.aggregateOutcomes(sync)
  assert.equal(measures.runs, bodies.length)
  assert.equal(measures.ok + measures.failed, bodies.length)
})

test('a timer keeps firing while a large async classification batch runs', async () => {
  const raw = body('openai_responses/web_search_long.json')
  const bodies = Array.from({ length: 20000 }, () => raw)
  const { result, ticks, elapsedMs } = await timerTicksDuring(() => verity.classifyManyAsync(bodies, 'REQUIRED'))
  assert.equal(result.length, bodies.length)
  assert.ok(elapsedMs > 30, `job too small to show anything (${elapsedMs} ms)`)
  assert.ok(ticks >= 3, `event loop blocked: ${ticks} ticks in ${elapsedMs} ms`)
  await assert.rejects(verity.classifyManyAsync(bodies, 'REQUIRED', null, AbortSignal.abort()), (e) => e.name === 'AbortError')
})

test('bad input for every enforcement entry point', async () => {
  const raw = body('openai_responses/no_search.json')
  expectVerityError(() => verity.classify(raw, 'SOMETIMES'), 'invalid_input', '$.mode')
  expectVerityError(() => verity.classify(raw, undefined), 'invalid_input', '$.mode')
  expectVerityError(() => verity.classify('{"output": [', 'REQUIRED'), 'invalid_json', '$')
  expectVerityError(() => verity.classify({}, 'REQUIRED'), 'unknown_shape', '$')
  expectVerityError(() => verity.classify(raw, 'REQUIRED', { enforcement_mode: 'medium' }), 'invalid_input', '$.enforcement_mode')
  expectVerityError(() => verity.classify(raw, 'REQUIRED', { api: 'bard' }), 'invalid_input', '$.api')
  expectVerityError(() => verity.classify(raw, 'REQUIRED', { max_output_tokens: -1 }), 'invalid_input', '$.max_output_tokens')
  expectVerityError(() => verity.classify(raw, 'REQUIRED', { search_tool_names: 'web' }), 'invalid_input', '$.search_tool_names')
  expectVerityError(() => verity.classify(raw, 'REQUIRED', { maxOutputTokens: 5 }), 'invalid_input', '$.maxOutputTokens')
  expectVerityError(() => verity.classify(raw, 'REQUIRED', { enforcement_mode_table: { rules: 3 } }), 'invalid_input')
  expectVerityError(() => verity.classifyMany([raw, '{'], 'REQUIRED'), 'invalid_json', '$[1]')
  expectVerityError(() => verity.classifyMany(raw, 'REQUIRED'), 'invalid_input', '$.responses')
  await assert.rejects(verity.classifyManyAsync([raw, {}], 'REQUIRED'), (e) => e.code === 'VERITY_UNKNOWN_SHAPE' && e.path === '$[1]')
  expectVerityError(() => verity.checkRunInvariants('[]'), 'invalid_input')
  expectVerityError(() => verity.explainFailure({ status: 'ok' }), 'missing_field')
  expectVerityError(() => verity.aggregateOutcomes([{}]), 'missing_field')
  expectVerityError(() => verity.aggregateOutcomes({}), 'invalid_input', '$.outcomes')
  expectVerityError(() => verity.inlineUrls(42), 'invalid_input', '$.text')
})
