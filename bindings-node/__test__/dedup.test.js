'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const verity = require('../index.js')
const { expectVerityError, mulberry32, timerTicksDuring } = require('./helpers.js')

const CONFIG = {
  org_id: 'default',
  workspace_id: 'ws-1',
  name: 'Brand analysis',
  system_instructions: 'Be concise',
  user_prompt_template: 'What is {brand} known for?',
  country_set: ['us', 'CH'],
  model_id: 'gpt-4o',
  inference_params: { temperature: 0.7, max_tokens: 1000 },
}

test('canonicalJson number formatting equals the engine\'s own String(x) for random doubles', () => {
  const rand = mulberry32(0x5eed)
  const view = new DataView(new ArrayBuffer(8))
  const samples = []
  for (let i = 0; i < 4000; i++) {
    // random bit patterns cover every exponent; the others typical magnitudes
    view.setUint32(0, rand() * 2 ** 32 >>> 0)
    view.setUint32(4, rand() * 2 ** 32 >>> 0)
    const bits = view.getFloat64(0)
    if (Number.isFinite(bits)) samples.push(bits)
    samples.push((rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20))
    samples.push(Math.round(rand() * 1e6) / 100)
    samples.push(Math.floor((rand() - 0.5) * 2 ** 60))
  }
  samples.push(0, -0, 1e21, 1e-7, 5e-324, -5e-324, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, 2 ** 53 + 2, 0.1 + 0.2)
  let checked = 0
  for (const x of samples) {
    const expected = String(x)
    assert.equal(verity.canonicalJson(x).toString(), expected, `value ${expected} (given)`)
    assert.equal(verity.canonicalJson([x]).toString(), `[${expected}]`, `value ${expected} (in array)`)
    // a null forces the exact object walker instead of the JSON.stringify fast path
    assert.equal(verity.canonicalJson([x, null]).toString(), `[${expected},null]`, `value ${expected} (walker)`)
    // through the text parser: JSON text of x must round-trip to the same double
    assert.equal(verity.canonicalJson(expected).toString(), expected, `value ${expected} (text)`)
    assert.equal(verity.canonicalJson(Buffer.from(expected)).toString(), expected, `value ${expected} (bytes)`)
    checked++
  }
  assert.ok(checked > 10000)
})

test('templateConfigHash: identity fields ignored, normalisation applied, frozen result', () => {
  const a = verity.templateConfigHash(CONFIG)
  assert.match(a.config_hash, /^[0-9a-f]{64}$/)
  assert.equal(a.normalization_version, 1)
  assert.ok(Object.isFrozen(a))
  const b = verity.templateConfigHash({ ...CONFIG, name: 'Other', org_id: 'x', country_set: ['CH', 'US', 'us'] })
  assert.equal(b.config_hash, a.config_hash)
  assert.equal(verity.templateConfigHash(JSON.stringify(CONFIG)).config_hash, a.config_hash)
  assert.equal(verity.templateConfigHash(Buffer.from(JSON.stringify(CONFIG))).config_hash, a.config_hash)
  const c = verity.templateConfigHash({ ...CONFIG, model_id: 'gpt-4o-mini' })
  assert.notEqual(c.config_hash, a.config_hash)
  assert.equal(verity.renderedPromptSha256(a.canonical), a.config_hash)
  assert.equal(typeof verity.normalizeTemplateConfig(CONFIG), 'object')
})

test('templateConfigHashMany and its async variant agree, in input order', async () => {
  const configs = [CONFIG, JSON.stringify({ ...CONFIG, model_id: 'x' }), Buffer.from(JSON.stringify(CONFIG))]
  const sync = verity.templateConfigHashMany(configs)
  const asyncResult = await verity.templateConfigHashManyAsync(configs)
  assert.deepEqual(asyncResult, sync)
  assert.equal(sync[0].config_hash, sync[2].config_hash)
  assert.notEqual(sync[0].config_hash, sync[1].config_hash)
})

test('a timer keeps firing while a large async hashing job runs', async () => {
  // Few results, much work each (long prompts to normalise and hash), so the time is
  // spent on the worker thread rather than converting results on the main thread.
  const configs = []
  for (let i = 0; i < 300; i++) configs.push(Buffer.from(JSON.stringify({ ...CONFIG, user_prompt_template: `prompt ${i} é `.repeat(2500) })))
  const { result, ticks, elapsedMs } = await timerTicksDuring(() => verity.templateConfigHashManyAsync(configs))
  assert.equal(result.length, configs.length)
  assert.ok(elapsedMs > 30, `job too small to show anything (${elapsedMs} ms)`)
  assert.ok(ticks >= 3, `event loop blocked: ${ticks} ticks in ${elapsedMs} ms`)
})

test('async errors reject with the same typed error; AbortSignal cancels', async () => {
  await assert.rejects(verity.templateConfigHashManyAsync([CONFIG, '{"user_prompt_template": 3}']), (err) => {
    assert.equal(err.code, 'VERITY_INVALID_INPUT')
    assert.ok(err.path.startsWith('$[1]'), err.path)
    return true
  })
  const aborted = AbortSignal.abort()
  await assert.rejects(verity.templateConfigHashManyAsync([CONFIG], aborted), (err) => {
    assert.equal(err.name, 'AbortError')
    assert.equal(err.code, 'ABORT_ERR')
    return true
  })
  const controller = new AbortController()
  const big = Array.from({ length: 200000 }, () => CONFIG)
  const pending = verity.templateConfigHashManyAsync(big, controller.signal)
  setTimeout(() => controller.abort(), 5)
  await assert.rejects(pending, (err) => err.name === 'AbortError')
  assert.throws(() => verity.templateConfigHashManyAsync([CONFIG], 'nope'), (e) => e.code === 'VERITY_INVALID_INPUT')
  expectVerityError(() => verity.templateConfigHashManyAsync('not a list'), 'invalid_input', '$.configs')
})

test('DedupIndex: 201/409 per workspace, delete unblocks, check_duplicate', () => {
  const index = new verity.DedupIndex()
  const first = index.create('org', 'ws', 't1', CONFIG)
  assert.deepEqual({ ...first }, { status: 'created', template_id: 't1', config_hash: first.config_hash })
  const dup = index.create('org', 'ws', 't2', JSON.stringify({ ...CONFIG, name: 'renamed' }))
  assert.deepEqual({ ...dup }, { status: 'conflict', existing_template_id: 't1', config_hash: first.config_hash })
  assert.equal(index.create('org', 'other-ws', 't3', CONFIG).status, 'created')
  assert.deepEqual({ ...index.checkDuplicate('org', 'ws', CONFIG) }, { exact_match: true, template_id: 't1' })
  assert.equal(index.delete('org', 'ws', 't1'), true)
  assert.equal(index.delete('org', 'ws', 't1'), false)
  assert.deepEqual({ ...index.checkDuplicate('org', 'ws', CONFIG) }, { exact_match: false, template_id: null })
  assert.equal(index.create('org', 'ws', 't4', CONFIG).status, 'created')
  expectVerityError(() => index.create('org', 'ws', 't4', { ...CONFIG, model_id: 'y' }), 'invalid_input', '$.template_id')
  expectVerityError(() => index.create('', 'ws', 't9', CONFIG), 'invalid_input', '$.org_id')
})

test('idempotency keys: Date, seconds and RFC 3339 agree; components escaped and parse back', () => {
  const at = '2025-11-21T23:05:00Z'
  const k1 = verity.probeIdempotencyKey('o', 'w', 't', 'openai', 'gpt-4o', at)
  assert.equal(k1, 'probe:o:w:t:openai:gpt-4o:2025112123')
  assert.equal(verity.probeIdempotencyKey('o', 'w', 't', 'openai', 'gpt-4o', new Date(at)), k1)
  assert.equal(verity.probeIdempotencyKey('o', 'w', 't', 'openai', 'gpt-4o', Date.parse(at) / 1000), k1)
  const forged = verity.runIdempotencyKey('o:w', 'x', 't', 'v', 'CH', at)
  assert.notEqual(forged, verity.runIdempotencyKey('o', 'w:x', 't', 'v', 'CH', at))
  const parsed = verity.parseIdempotencyKey(forged)
  assert.equal(parsed.kind, 'run')
  assert.equal(parsed.org_id, 'o:w')
  assert.ok(Object.isFrozen(parsed))
})

test('bad input for every dedup entry point is a typed error naming the argument', () => {
  expectVerityError(() => verity.canonicalJson('{"a":1,}'), 'invalid_json')
  expectVerityError(() => verity.templateConfigHash({ ...CONFIG, inference_params: { temperature: 'hot' } }), 'invalid_input', '$.inference_params.temperature')
  expectVerityError(() => verity.templateConfigHash('[1]'), 'invalid_input')
  expectVerityError(() => verity.templateConfigHashMany([CONFIG, 7]), 'invalid_input')
  expectVerityError(() => verity.normalizeTemplateConfig(42), 'invalid_input')
  expectVerityError(() => verity.renderedPromptSha256(Buffer.from('x')), 'invalid_input', '$.text')
  expectVerityError(() => verity.probeIdempotencyKey('o', 'w', 't', 'openai', 'm', 1.5), 'invalid_input', '$.at')
  expectVerityError(() => verity.probeIdempotencyKey('o', 'w', 't', 'openai', 'm', new Date(NaN)), 'invalid_input', '$.at')
  expectVerityError(() => verity.probeIdempotencyKey('o', 'w', 't', 'openai', 'm', 'yesterday'), 'invalid_input', '$.at')
  expectVerityError(() => verity.runIdempotencyKey('o', 'w', 't', 'v', 7, 0), 'invalid_input', '$.country')
  expectVerityError(() => verity.parseIdempotencyKey('nope'), 'invalid_input', '$')
  const index = new verity.DedupIndex()
  expectVerityError(() => index.checkDuplicate('o', 'w', '{'), 'invalid_json')
  expectVerityError(() => index.delete('o', 'w', null), 'invalid_input', '$.template_id')
})
