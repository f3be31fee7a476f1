'use strict'
// Shared test helpers (not a test file: node --test only picks *.test.js).
const assert = require('node:assert/strict')

/** Asserts `fn` throws verity's typed error of `kind` (and `path`, when given). */
function expectVerityError(fn, kind, path) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error, `a real Error, got ${err}`)
    assert.equal(err.kind, kind, err.message)
    assert.equal(err.code, `VERITY_${kind.toUpperCase()}`)
    if (path !== undefined) assert.equal(err.path, path, err.message)
    assert.ok(err.message.includes(`${kind} at ${err.path}`), err.message)
    return true
  })
}

/** A small seeded PRNG (mulberry32): reproducible "random" numbers in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Runs `start()` (returning a promise) and counts 2 ms interval ticks until it settles. */
async function timerTicksDuring(start) {
  let ticks = 0
  const timer = setInterval(() => ticks++, 2)
  const t0 = performance.now()
  try {
    const result = await start()
    return { result, ticks, elapsedMs: performance.now() - t0 }
  } finally {
    clearInterval(timer)
  }
}

module.exports = { expectVerityError, mulberry32, timerTicksDuring }
