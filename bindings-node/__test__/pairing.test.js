'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const verity = require('../index.js')
const { expectVerityError, timerTicksDuring } = require('./helpers.js')

const GOLDEN = path.join(__dirname, '..', '..', 'tests', 'golden')
const golden = (name) => fs.readFileSync(path.join(GOLDEN, name))

test('golden pairing set: the same answer as Rust and Python, from every input form', async () => {
  const expectedPairing = JSON.parse(golden('pairing-expected.json'))
  const expectedMetrics = JSON.parse(golden('metrics-expected.json'))
  const raw = golden('analysis.json')
  for (const analysis of [raw, raw.toString('utf8'), JSON.parse(raw)]) {
    const result = verity.pair(analysis)
    assert.deepStrictEqual(JSON.parse(JSON.stringify(result)), expectedPairing)
    assert.deepStrictEqual(JSON.parse(JSON.stringify(result.metrics)), expectedMetrics)
  }
  assert.deepStrictEqual(JSON.parse(JSON.stringify(await verity.pairAsync(raw))), expectedPairing)
  assert.deepEqual(verity.verifyGolden(raw, golden('pairing-expected.json'), golden('metrics-expected.json')), [])
  assert.deepEqual(verity.verifyContract(raw, golden('pairing-expected.json')), [])
  const drifted = verity.verifyGolden(raw, golden('pairing-expected.json'), golden('metrics-expected.json'), { auto_pair_score: 3.5 })
  assert.ok(drifted.length > 0 && drifted.every((d) => d.document === 'pairing' || d.document === 'metrics'))
})

test('pairing config from process.env-style maps', () => {
  const config = verity.pairingConfigFromEnv({ PAIR_AUTO_SCORE: '2.2', PAIR_AUTO_HAIR_SCORE: '2.0', PAIR_DISABLE_TIEBREAK: '1', HOME: '/root', PAIR_UNSET: undefined })
  assert.equal(config.auto_pair_score, 2.2)
  assert.equal(config.category_auto_pair_score.hair, 2)
  assert.equal(config.disable_tiebreak, true)
  assert.ok(Object.isFrozen(config))
  const defaults = verity.pairingConfigFromEnv(process.env)
  assert.equal(typeof defaults.auto_pair_score, 'number')
  const result = verity.pair(golden('analysis.json'), config)
  assert.deepEqual(result.config, config)
  assert.deepEqual(verity.pairingConfigFromEnv({ PAIR_MIN_MARGIN: '0.7' }, { auto_pair_score: 3 }).auto_pair_score, 3)
})

test('pairAsync keeps the event loop free on a large batch, and compareMetrics diffs runs', async () => {
  const images = JSON.parse(golden('analysis.json')).images
  const big = []
  for (let copy = 0; copy < 8; copy++) for (const img of images) big.push({ ...img, id: `${copy}-${img.id}`, sequence: img.sequence === undefined ? undefined : img.sequence + copy * 1e6 })
  const { result, ticks, elapsedMs } = await timerTicksDuring(() => verity.pairAsync({ images: big }))
  assert.ok(result.pairs.length > 500, `${result.pairs.length} pairs`)
  assert.ok(elapsedMs > 30, `job too small to show anything (${elapsedMs} ms)`)
  assert.ok(ticks >= 3, `event loop blocked: ${ticks} ticks in ${elapsedMs} ms`)
  const changes = verity.compareMetrics(golden('metrics-expected.json'), result.metrics)
  assert.ok(changes.some((c) => c.path === '$.totals.images'))
})

test('bad input for every pairing entry point', async () => {
  const raw = golden('analysis.json')
  expectVerityError(() => verity.pair([]), 'invalid_input')
  expectVerityError(() => verity.pair('{'), 'invalid_json', '$')
  expectVerityError(() => verity.pair([{ id: 'a' }]), 'missing_field', '$[0].view')
  expectVerityError(() => verity.pair(raw, { auto_pair: 2 }), 'invalid_config', '$.auto_pair')
  expectVerityError(() => verity.pair(raw, null, { decisions: 'x' }), 'invalid_input')
  await assert.rejects(verity.pairAsync([{ id: 'a', view: 'sideways' }]), (e) => e.code === 'VERITY_INVALID_INPUT')
  await assert.rejects(verity.pairAsync(raw, null, null, AbortSignal.abort()), (e) => e.name === 'AbortError')
  expectVerityError(() => verity.verifyContract(raw, { pairs: [] }), 'missing_field')
  expectVerityError(() => verity.pairingConfigFromEnv('PAIR_AUTO_SCORE=2'), 'invalid_input', '$.env')
  expectVerityError(() => verity.pairingConfigFromEnv({ PAIR_AUTO_SCORE: 2 }), 'invalid_input', '$.PAIR_AUTO_SCORE')
  expectVerityError(() => verity.pairingConfigFromEnv({ PAIR_AUTO_SCORE: 'high' }), 'invalid_config')
  expectVerityError(() => verity.pairingConfigFromEnv({ PAIR_NOPE: '1' }), 'invalid_config')
  expectVerityError(() => verity.verifyGolden(raw, '{', '{}'), 'invalid_json')
  expectVerityError(() => verity.compareMetrics(undefined, {}), 'invalid_input')
})
