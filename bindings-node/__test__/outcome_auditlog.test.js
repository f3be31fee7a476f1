'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const verity = require('../index.js')
const { expectVerityError, timerTicksDuring } = require('./helpers.js')
const { ExecutionResult } = verity

test('ExecutionResult factories: invariants on construction, frozen values, read back', () => {
  const ok = ExecutionResult.success({ id: 7 }, { metrics: { tokens: 12 }, correlation_id: 'req-1' })
  assert.equal(ok.ok, true)
  assert.equal(ok.status, 'success')
  assert.ok(Object.isFrozen(ok) && Object.isFrozen(ok.metrics) && Object.isFrozen(ok.data))
  assert.throws(() => {
    ok.ok = false
  }, TypeError)
  const failed = ExecutionResult.failure({ code: 'timeout', message: 'slow', retryable: true })
  assert.equal(failed.ok, false)
  assert.deepEqual(ExecutionResult.fromDict(JSON.stringify(failed)), failed)
  assert.equal(ExecutionResult.partial([1, 2], { code: 'timeout' }).status, 'partial')
  assert.equal(ExecutionResult.success('plain text').data, 'plain text', 'data strings are values, not JSON text')
  // an ok failure cannot exist, not even when read back
  expectVerityError(() => ExecutionResult.fromDict({ ok: true, status: 'failure', error: { code: 'x' } }), 'invariant_violation')
  assert.throws(() => new ExecutionResult(), Error)
})

test('aggregate, envelope, failure classification and retry decisions', () => {
  const results = [ExecutionResult.success(null, { metrics: { t: 1 } }), ExecutionResult.failure({ code: 'timeout' })]
  const summary = verity.aggregateResults(results)
  assert.equal(summary.total, 2)
  assert.equal(summary.ok_count, 1)
  const env = verity.envelopeFromResult(results[0], 'v1', { correlation_id: 'c-1' })
  assert.equal(env.meta.version, 'v1')
  const failure = verity.classifyFailure({ http_status: 429, retry_after: '2' })
  assert.equal(failure.kind, 'rate_limited')
  const policy = { jitter: 'full', base_ms: 100, factor: 2, cap_ms: 1000, max_retries: 3 }
  const d1 = verity.decideRetry(policy, 0, failure, 0.5)
  assert.deepEqual(verity.decideRetry(policy, 0, failure, 0.5), d1, 'randomness is an input: reproducible')
  assert.equal(d1.action, 'retry')
  assert.equal(verity.decideRetry(policy, 3, failure, 0.5).action, 'give_up')
  const now = new Date('2025-10-01T09:00:00Z')
  assert.deepEqual(verity.classifyFailure({ http_status: 503 }, now), verity.classifyFailure({ http_status: 503 }, now.toISOString()))
})

function chain(n) {
  const entries = []
  let previous = null
  for (let i = 0; i < n; i++) {
    const event = {
      id: `evt-${i}`,
      timestamp: new Date(Date.UTC(2025, 9, 1, 9, 0, i % 60, 0) + Math.floor(i / 60) * 60000).toISOString().replace('.000', ''),
      subsystem: ['jobs', 'executor', 'governance'][i % 3],
      event: i % 7 === 0 ? 'job.failed' : 'job.done',
      payload: { n: i },
    }
    previous = verity.appendLogEntry(previous, event)
    entries.push(previous)
  }
  return entries
}

test('appendLogEntry chains; verifyLog detects tampering, also from JSON text and bytes', async () => {
  const entries = chain(20)
  assert.equal(entries[0].seq, 0)
  assert.equal(entries[1].prev_hash, entries[0].hash)
  const report = verity.verifyLog(entries)
  assert.equal(report.ok, true)
  assert.deepEqual(verity.verifyLog(JSON.stringify(entries)), report)
  assert.deepEqual(await verity.verifyLogAsync(Buffer.from(JSON.stringify(entries))), report)
  const tampered = entries.map((e, i) => (i === 5 ? { ...e, payload: { n: 999 } } : e))
  const bad = verity.verifyLog(tampered)
  assert.equal(bad.ok, false)
  assert.equal(bad.problems[0].kind, 'hash_mismatch')
  const stale = verity.verifyLog(entries, { now: '2025-10-02T00:00:00Z', stale_after_seconds: 60 })
  assert.ok(stale.problems.some((p) => p.kind === 'stale_log'))
})

test('a timer keeps firing while a large async log verification runs', async () => {
  const entries = chain(3000)
  const text = JSON.stringify(entries)
  const big = `[${Array.from({ length: 10 }, () => text.slice(1, -1)).join(',')}]`
  const { result, ticks, elapsedMs } = await timerTicksDuring(() => verity.verifyLogAsync(big))
  assert.equal(result.entries, 30000)
  assert.ok(elapsedMs > 30, `job too small to show anything (${elapsedMs} ms)`)
  assert.ok(ticks >= 3, `event loop blocked: ${ticks} ticks in ${elapsedMs} ms`)
})

test('bad input for every outcome and auditlog entry point', async () => {
  expectVerityError(() => ExecutionResult.failure(), 'missing_field', '$.error')
  expectVerityError(() => ExecutionResult.failure({ code: 'x' }, { metrics: { a: 'b' } }), 'invalid_input')
  expectVerityError(() => ExecutionResult.success(null, { metrics: { a: NaN } }), 'invalid_number', '$.metrics.a')
  expectVerityError(() => ExecutionResult.success(null, 'opts'), 'invalid_input', '$.options')
  expectVerityError(() => ExecutionResult.partial(null, 5), 'invalid_input')
  expectVerityError(() => ExecutionResult.fromDict('{'), 'invalid_json', '$')
  expectVerityError(() => verity.aggregateResults({}), 'invalid_input', '$.results')
  expectVerityError(() => verity.aggregateResults([{ ok: true }]), 'missing_field')
  expectVerityError(() => verity.envelopeFromResult(ExecutionResult.success(), undefined), 'missing_field', '$.version')
  expectVerityError(() => verity.classifyFailure({ http_status: 'x' }), 'invalid_input')
  expectVerityError(() => verity.classifyFailure({}, 'yesterday'), 'invalid_input', '$.now')
  expectVerityError(() => verity.decideRetry({ base_ms: -1 }, 0, { kind: 'timeout' }, 0.5), 'invalid_config')
  expectVerityError(() => verity.decideRetry({}, -1, { kind: 'timeout' }, 0.5), 'invalid_input', '$.attempt')
  expectVerityError(() => verity.decideRetry({}, 0, { kind: 'nope' }, 0.5), 'invalid_input')
  expectVerityError(() => verity.decideRetry({}, 0, { kind: 'timeout' }, 1.5), 'invalid_input', '$.random_unit')
  expectVerityError(() => verity.appendLogEntry(null, { subsystem: 'x' }), 'missing_field')
  expectVerityError(() => verity.appendLogEntry({ seq: 'x' }, { timestamp: '2025-10-01T09:00:00Z', subsystem: 's', event: 'e' }), 'invalid_input')
  expectVerityError(() => verity.verifyLog({}), 'invalid_input', '$.entries')
  expectVerityError(() => verity.verifyLog([], { stale_after: 5 }), 'invalid_config', '$.stale_after')
  await assert.rejects(verity.verifyLogAsync('[', null), (e) => e.code === 'VERITY_INVALID_JSON')
  await assert.rejects(verity.verifyLogAsync([], { stale_after: 5 }), (e) => e.code === 'VERITY_INVALID_CONFIG')
})
