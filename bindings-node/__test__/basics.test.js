'use strict'
// Infrastructure: input forms, error mapping, no crash on hostile input.
const test = require('node:test')
const assert = require('node:assert/strict')
const verity = require('../index.js')
const { expectVerityError } = require('./helpers.js')

test('a JSON document is accepted as object, text, Buffer, Uint8Array and ArrayBuffer', () => {
  const doc = { b: [1, 2.5, null, true], a: { d: 'x' } }
  const text = JSON.stringify(doc)
  const expected = verity.canonicalJson(doc).toString('utf8')
  assert.equal(verity.canonicalJson(text).toString('utf8'), expected)
  assert.equal(verity.canonicalJson(Buffer.from(text)).toString('utf8'), expected)
  const u8 = new TextEncoder().encode(text)
  assert.equal(verity.canonicalJson(u8).toString('utf8'), expected)
  assert.equal(verity.canonicalJson(u8.buffer).toString('utf8'), expected)
  // a view into a larger buffer reads only its own bytes
  const padded = Buffer.from(`xx${text}yy`)
  assert.equal(verity.canonicalJson(padded.subarray(2, 2 + text.length)).toString('utf8'), expected)
})

test('JS values follow JSON.stringify semantics', () => {
  // nested binary data is an object of indices, on both conversion paths
  assert.equal(verity.canonicalJson({ a: new Uint8Array([7]) }).toString(), '{"a":{"0":7}}')
  assert.equal(verity.canonicalJson({ a: new Uint8Array([7]), b: null }).toString(), '{"a":{"0":7},"b":null}')
  // the fast path and the exact walker agree
  const doc = { s: 'x', n: [1, 2.5, -0, 1e21], t: true, o: { d: new Date(0) } }
  assert.equal(verity.canonicalJson({ ...doc, z: null }).toString(), verity.canonicalJson(doc).toString().replace(/}$/, ',"z":null}'))
  const out = verity.canonicalJson({ u: undefined, f() {}, d: new Date(0), arr: [undefined, () => 1], n: -0 })
  assert.equal(out.toString(), JSON.stringify({ arr: [null, null], d: '1970-01-01T00:00:00.000Z', n: 0 }))
  assert.equal(verity.canonicalJson({ toJSON: () => ({ z: 1 }) }).toString(), '{"z":1}')
})

test('values JSON.stringify would corrupt are typed errors naming the path', () => {
  expectVerityError(() => verity.canonicalJson({ a: [1, NaN] }), 'invalid_number', '$.a[1]')
  expectVerityError(() => verity.canonicalJson({ a: Infinity }), 'invalid_number', '$.a')
  expectVerityError(() => verity.canonicalJson({ 'a b': '\ud800' }), 'invalid_string', '$["a b"]')
  expectVerityError(() => verity.canonicalJson({ a: 10n }), 'invalid_input', '$.a')
  expectVerityError(() => verity.canonicalJson(undefined), 'invalid_input', '$')
  expectVerityError(() => verity.canonicalJson(new Int32Array(2)), 'invalid_input', '$')
})

test('cycles and deep nesting are too_deep, never a stack overflow', () => {
  const cyclic = {}
  cyclic.self = cyclic
  expectVerityError(() => verity.canonicalJson(cyclic), 'too_deep')
  let deep = []
  for (let i = 0; i < 200; i++) deep = [deep]
  expectVerityError(() => verity.canonicalJson(deep), 'too_deep')
  expectVerityError(() => verity.detectApi('['.repeat(129) + ']'.repeat(129)), 'too_deep', '$')
  expectVerityError(() => verity.canonicalJson('['.repeat(129) + ']'.repeat(129)), 'too_deep')
  let ok = []
  for (let i = 0; i < 127; i++) ok = [ok]
  assert.equal(verity.canonicalJson(ok).length, 256)
})

test('text and bytes are parsed under the core limits', () => {
  expectVerityError(() => verity.detectApi('{"a": }'), 'invalid_json', '$')
  expectVerityError(() => verity.detectApi(Buffer.from([0x22, 0xff, 0x22])), 'invalid_json', '$')
  expectVerityError(() => verity.detectApi(Buffer.alloc(8 * 1024 * 1024 + 1, 0x20)), 'too_large', '$')
  // dedup reads text strictly: duplicate keys are refused, objects cannot have any
  expectVerityError(() => verity.canonicalJson('{"a":1,"a":2}'), 'duplicate_key')
  expectVerityError(() => verity.canonicalJson(Buffer.alloc(8 * 1024 * 1024 + 1, 0x20)), 'too_large')
})

test('a throwing getter or toJSON propagates the JS exception unchanged', () => {
  const boom = new TypeError('boom')
  assert.throws(() => verity.canonicalJson({ get x() { throw boom } }), (e) => e === boom)
  assert.throws(() => verity.canonicalJson({ toJSON() { throw boom } }), (e) => e === boom)
})

test('scalar arguments of the wrong type are VERITY_INVALID_INPUT naming the argument', () => {
  expectVerityError(() => verity.detectProvider(3), 'invalid_input', '$.model_id')
  expectVerityError(() => verity.detectProvider(undefined), 'invalid_input', '$.model_id')
  expectVerityError(() => verity.detectProvider('\udc00'), 'invalid_string', '$.model_id')
})

test('detectProvider and detectApi', () => {
  assert.equal(verity.detectProvider('gpt-4o'), 'openai')
  assert.equal(verity.detectProvider('no-such-model'), 'unknown')
  assert.equal(verity.detectApi({ choices: [] }), 'openai_chat')
  assert.equal(verity.detectApi('{"candidates": []}'), 'gemini')
  assert.equal(verity.detectApi(Buffer.from('{"output": []}')), 'openai_responses')
  assert.equal(verity.detectApi({}), null)
  expectVerityError(() => verity.detectApi('nope'), 'invalid_json', '$')
})
