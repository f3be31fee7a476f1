'use strict'
// The smaller public operations of each module.
const test = require('node:test')
const assert = require('node:assert/strict')
const verity = require('../index.js')
const { expectVerityError } = require('./helpers.js')

test('decide: the truth table alone', () => {
  assert.deepEqual({ ...verity.decide('REQUIRED', 0, 1, 'soft') }, { status: 'failed', enforcement_passed: false, error_code: 'no_tool_call_in_soft_required' })
  assert.deepEqual({ ...verity.decide('UNGROUNDED', 0, 0, 'hard') }, { status: 'ok', enforcement_passed: true, error_code: null })
  assert.equal(verity.decide('UNGROUNDED', 0, 2, 'hard').error_code, 'tool_used_in_ungrounded')
  assert.equal(verity.decide('PREFERRED', 0, 5, 'hard').status, 'ok')
  expectVerityError(() => verity.decide('REQUIRED', -1, 0, 'hard'), 'invalid_input', '$.successful')
  expectVerityError(() => verity.decide('REQUIRED', 0, 0, 'medium'), 'invalid_input', '$.enforcement_mode')
})

test('metadata extras: forced api, RFC 3339', () => {
  const path = require('node:path')
  const body = JSON.parse(require('node:fs').readFileSync(path.join(__dirname, '..', '..', 'tests', 'fixtures', 'responses', 'anthropic', 'no_search.json')))
  delete body.type
  assert.equal(verity.extractMetadata(body, { api: 'anthropic_messages' }).api, 'anthropic_messages')
  expectVerityError(() => verity.extractMetadata(body, { api: 'bard' }), 'invalid_input', '$.api')
  assert.equal(verity.rfc3339ToUnixSeconds('1970-01-01T00:01:00Z'), 60)
  assert.equal(verity.rfc3339ToUnixSeconds('2025-10-01T11:14:03+02:00'), Date.parse('2025-10-01T09:14:03Z') / 1000)
  expectVerityError(() => verity.rfc3339ToUnixSeconds('yesterday'), 'invalid_input')
})

test('dedup extras: canonicalNumber, normalizeText, parseStrict', () => {
  for (const x of [0, -0, 1e21, 1e-7, 0.1, 123456789.125, -5e-324]) assert.equal(verity.canonicalNumber(x), String(x))
  expectVerityError(() => verity.canonicalNumber(NaN), 'invalid_number', '$.x')
  assert.equal(verity.normalizeText('  a  \r\nb\r\n\r\n'), 'a\nb')
  assert.deepEqual(verity.parseStrict('{"a":[1,2]}'), { a: [1, 2] })
  expectVerityError(() => verity.parseStrict('{"a":1,"a":2}'), 'duplicate_key')
})

test('pairing extras: diffJson keyed by id', () => {
  const d = verity.diffJson('pairing', { pairs: [{ front: 'a', score: 1 }] }, { pairs: [{ front: 'a', score: 2 }] })
  assert.deepEqual(d.map((x) => x.path), ['$.pairs[front=a].score'])
  expectVerityError(() => verity.diffJson(1, {}, {}), 'invalid_input', '$.document')
})

test('outcome extras: retryAfterMillis', () => {
  assert.equal(verity.retryAfterMillis('1500'), 1500)
  assert.equal(verity.retryAfterMillis(null, '2'), 2000)
  assert.equal(verity.retryAfterMillis(null, 'Wed, 01 Oct 2025 09:00:10 GMT', new Date('2025-10-01T09:00:00Z')), 10000)
  assert.equal(verity.retryAfterMillis(), null)
  expectVerityError(() => verity.retryAfterMillis(null, 'Wed, 01 Oct 2025 09:00:10 GMT'), 'invalid_input', '$.now')
  expectVerityError(() => verity.retryAfterMillis(null, null, 42), 'invalid_input', '$.now')
})

test('auditlog extras: streaming LogVerifier over JSONL equals verifyLog; isFailureEvent', () => {
  const entries = []
  let previous = null
  for (let i = 0; i < 50; i++) {
    previous = verity.appendLogEntry(previous, { timestamp: `2025-10-01T09:00:${String(i).padStart(2, '0')}Z`, subsystem: 'jobs', event: i % 9 ? 'job.done' : 'job.failed', payload: { i } })
    entries.push(previous)
  }
  const jsonl = entries.map((e) => JSON.stringify(e)).join('\n') + '\n'
  const streamed = new verity.LogVerifier({ stale_after_seconds: 3600 })
  streamed.pushLines(Buffer.from(jsonl.slice(0, jsonl.indexOf('\n', 1000) + 1)))
  for (const line of jsonl.slice(jsonl.indexOf('\n', 1000) + 1).split('\n').filter(Boolean)) streamed.pushLine(line)
  const report = streamed.finish('2025-10-01T09:10:00Z')
  assert.deepEqual(report, verity.verifyLog(entries, { stale_after_seconds: 3600, now: '2025-10-01T09:10:00Z' }))
  expectVerityError(() => streamed.pushLine('{}'), 'invalid_input', '$')
  const byEntry = new verity.LogVerifier()
  for (const e of entries) byEntry.pushEntry(e)
  assert.equal(byEntry.finish().ok, true)
  const broken = new verity.LogVerifier()
  broken.pushLine('not json')
  assert.equal(broken.finish().problems[0].kind, 'malformed_entry')
  expectVerityError(() => new verity.LogVerifier({ stale_after: 1 }), 'invalid_config', '$.stale_after')
  expectVerityError(() => new verity.LogVerifier().pushLine(42), 'invalid_input', '$.line')
  assert.equal(verity.isFailureEvent('job.failed', {}), true)
  assert.equal(verity.isFailureEvent('job.done'), false)
})

test('envelopes, canonical result bytes, batch prompt hashes, appendLogEntries, engine version', async () => {
  const env = verity.dataEnvelope({ id: 7 }, 'v1', { correlation_id: 'c-1' })
  assert.deepEqual(verity.parseEnvelope(JSON.stringify(env)), env)
  const err = verity.errorEnvelope({ code: 'timeout', message: 'slow', retryable: true }, 'v1')
  assert.equal(err.error.code, 'timeout')
  expectVerityError(() => verity.errorEnvelope({ message: 'no code' }, 'v1'), 'missing_field')
  expectVerityError(() => verity.dataEnvelope(1, 2), 'invalid_input', '$.version')
  expectVerityError(() => verity.parseEnvelope('{}'), 'missing_field', '$.meta')
  const result = verity.ExecutionResult.success({ b: 1, a: 2 })
  const canonical = verity.executionResultCanonicalJson(result).toString()
  assert.equal(canonical, verity.canonicalJson(JSON.parse(canonical)).toString())
  expectVerityError(() => verity.executionResultCanonicalJson({ ok: true }), 'missing_field')
  const texts = ['a', 'b', 'é']
  const hashes = verity.renderedPromptSha256Many(texts)
  assert.deepEqual(hashes, texts.map((t) => verity.renderedPromptSha256(t)))
  assert.deepEqual(await verity.renderedPromptSha256ManyAsync(texts), hashes)
  expectVerityError(() => verity.renderedPromptSha256Many(['a', 1]), 'invalid_input', '$.texts[1]')
  const events = [0, 1, 2].map((i) => ({ timestamp: `2025-10-01T09:00:0${i}Z`, subsystem: 's', event: 'e' }))
  const entries = verity.appendLogEntries(null, events)
  assert.deepEqual(entries.map((e) => e.seq), [0, 1, 2])
  assert.equal(verity.verifyLog(entries).ok, true)
  expectVerityError(() => verity.appendLogEntries(null, [events[0], { subsystem: 's' }]), 'missing_field', '$.events[1].timestamp')
  assert.equal(verity.pairingEngineVersion(), verity.pair([{ id: 'a', view: 'front' }]).engine_version)
})
