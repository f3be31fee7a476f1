'use strict'
// Generic runner over every conformance vector in tests/vectors/**/*.json,
// following tests/vectors/README.md exactly:
// - `op` is the Python name; Node calls its camelCase form with the `args`
//   placed by SIGNATURES below (positional arguments in the Python order,
//   keyword-only options in a trailing options object with the Python names).
//   An op this package does not bind, or an argument the signature does not
//   know, FAILS (never skips).
// - `{"$fixture": p}` is the parsed tests/fixtures/p, `{"$fixture_text": p}`
//   the raw text of that file.
// - `expected` is compared with the output (a Buffer as its UTF-8 text),
//   exactly or as a subset (`"match": "subset"`); `error` gives `kind`,
//   `path` and optional `message_contains`.
// - Document arguments (object | string | Buffer) run in all three forms: as
//   given, as JSON text and as UTF-8 bytes (a `$fixture_text` argument is
//   exact text: as given it is that string).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const verity = require('../index.js')

const TESTS_DIR = path.join(__dirname, '..', '..', 'tests')
const VECTORS_DIR = path.join(TESTS_DIR, 'vectors')
const FIXTURES_DIR = path.join(TESTS_DIR, 'fixtures')

// op → { args: positional names, options: keyword-only names (passed in a
// trailing options object), docs: document args, openOptions: unknown
// arguments go to the options object for the core to judge, fn: where the
// function lives when it is not `verity[camelCase(op)]` }
const SIGNATURES = {
  detect_provider: { args: ['model_id'] },
  detect_api: { args: ['response'], docs: ['response'] },
  extract_metadata: { args: ['response'], docs: ['response'] },
  provider_version_key: { args: ['response', 'model'], docs: ['response'] },
  otel_attributes: { args: ['response'], options: ['model', 'include_deprecated', 'platform'], docs: ['response'] },
  classify: {
    args: ['response', 'mode'],
    options: ['enforcement_mode', 'model', 'max_output_tokens', 'search_tool_names', 'api', 'enforcement_mode_table'],
    docs: ['response'],
  },
  classify_many: {
    args: ['responses', 'mode'],
    options: ['enforcement_mode', 'model', 'max_output_tokens', 'search_tool_names', 'api', 'enforcement_mode_table'],
  },
  check_run_invariants: { args: ['record'], docs: ['record'] },
  explain_failure: { args: ['outcome'], docs: ['outcome'] },
  aggregate_outcomes: { args: ['outcomes'] },
  inline_urls: { args: ['text'] },
  execution_result_success: {
    fn: (v) => v.ExecutionResult?.success,
    args: ['data'],
    options: ['metrics', 'correlation_id', 'error_resolved'],
    openOptions: true,
  },
  execution_result_failure: {
    fn: (v) => v.ExecutionResult?.failure,
    args: ['error'],
    options: ['metrics', 'correlation_id', 'error_resolved'],
    openOptions: true,
  },
  execution_result_partial: {
    fn: (v) => v.ExecutionResult?.partial,
    args: ['data', 'error'],
    options: ['metrics', 'correlation_id', 'error_resolved'],
    openOptions: true,
  },
  execution_result_from_dict: { fn: (v) => v.ExecutionResult?.fromDict, args: ['value'], docs: ['value'] },
  aggregate_results: { args: ['results'], docs: ['results'] },
  envelope_from_result: { args: ['result', 'version'], options: ['correlation_id', 'extra'], docs: ['result'], openOptions: true },
  classify_failure: { args: ['signal', 'now'] },
  decide_retry: { args: ['policy', 'attempt', 'failure', 'random_unit'] },
  append_log_entry: { args: ['previous', 'event'] },
  verify_log: {
    args: ['entries'],
    options: ['now', 'stale_after_seconds', 'silent_after_seconds', 'require_genesis', 'checkpoint', 'max_problems'],
    docs: ['entries'],
    // the core validates verify options itself (an unknown one is invalid_config)
    openOptions: true,
  },
  pair: { args: ['analysis', 'config', 'decisions'], docs: ['analysis', 'config', 'decisions'] },
  verify_contract: { args: ['analysis', 'pairing'], docs: ['analysis', 'pairing'] },
  update_conversation: { args: ['state', 'turn', 'catalog'], docs: ['state', 'catalog'] },
  render_context: { args: ['state', 'budget'], docs: ['state'] },
  replay_conversation: { args: ['turns', 'catalog'], docs: ['turns', 'catalog'] },
  canonical_json: { args: ['value'], docs: ['value'] },
  template_config_hash: { args: ['config'], docs: ['config'] },
  template_config_hash_many: { args: ['configs'] },
  normalize_template_config: { args: ['config'], docs: ['config'] },
  rendered_prompt_sha256: { args: ['text'] },
  probe_idempotency_key: { args: ['org_id', 'workspace_id', 'template_id', 'provider', 'model', 'at'] },
  run_idempotency_key: { args: ['org_id', 'workspace_id', 'template_id', 'version', 'country', 'at'] },
  parse_idempotency_key: { args: ['key'] },
}

class FixtureText {
  constructor(text) {
    this.text = text
  }
}

function resolve(value) {
  if (Array.isArray(value)) return value.map(resolve)
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
    if (keys.length === 1 && keys[0] === '$fixture') {
      return JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, value.$fixture), 'utf8'))
    }
    if (keys.length === 1 && keys[0] === '$fixture_text') {
      return new FixtureText(fs.readFileSync(path.join(FIXTURES_DIR, value.$fixture_text), 'utf8'))
    }
    return Object.fromEntries(keys.map((k) => [k, resolve(value[k])]))
  }
  return value
}

// A document argument given as a string is JSON text already (as in Python).
function inForm(value, form) {
  if (form === 'given') return value instanceof FixtureText ? value.text : value
  const text =
    value instanceof FixtureText ? value.text : typeof value === 'string' ? value : JSON.stringify(value)
  return form === 'string' ? text : Buffer.from(text, 'utf8')
}

function plain(value) {
  return value instanceof FixtureText ? value.text : value
}

function camel(op) {
  return op.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
}

function jsonForm(result) {
  if (Buffer.isBuffer(result)) return result.toString('utf8')
  return result
}

function subsetMatch(expected, actual, at = '$') {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${at}: expected an array, got ${JSON.stringify(actual)}`)
    assert.equal(actual.length, expected.length, `${at}: length ${actual.length} != ${expected.length}`)
    expected.forEach((e, i) => subsetMatch(e, actual[i], `${at}[${i}]`))
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${at}: expected an object, got ${JSON.stringify(actual)}`)
    for (const key of Object.keys(expected)) {
      assert.ok(Object.hasOwn(actual, key), `${at}.${key}: missing in output (keys: ${Object.keys(actual)})`)
      subsetMatch(expected[key], actual[key], `${at}.${key}`)
    }
  } else {
    assert.strictEqual(actual, expected, `${at}: ${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`)
  }
}

/** Builds the call for one case in one form, or throws if the op/args are unknown. */
function buildCall(op, args, form) {
  const sig = SIGNATURES[op]
  if (!sig) throw new Error(`vector op ${JSON.stringify(op)} has no Node signature in this runner (not bound?)`)
  const fn = sig.fn ? sig.fn(verity) : verity[camel(op)]
  if (typeof fn !== 'function') throw new Error(`vector op ${JSON.stringify(op)} is not bound by the verity package (${camel(op)})`)
  const docs = new Set(sig.docs ?? [])
  const known = new Set([...sig.args, ...(sig.options ?? [])])
  const extra = Object.keys(args).filter((name) => !known.has(name))
  if (extra.length && !sig.openOptions) {
    throw new Error(`vector op ${op}: argument(s) ${extra.join(', ')} unknown to the Node signature`)
  }
  const convert = (name) => {
    const v = args[name]
    return docs.has(name) && v !== null && v !== undefined ? inForm(v, form) : plain(v)
  }
  const positional = sig.args.map((name) => (name in args ? convert(name) : undefined))
  while (positional.length && positional[positional.length - 1] === undefined) positional.pop()
  if (sig.options) {
    const options = {}
    for (const name of [...sig.options, ...extra]) if (name in args) options[name] = convert(name)
    if (Object.keys(options).length) {
      while (positional.length < sig.args.length) positional.push(undefined)
      positional.push(options)
    }
  }
  return () => fn(...positional)
}

function formsOf(op, args) {
  const sig = SIGNATURES[op]
  const hasDoc = sig && (sig.docs ?? []).some((d) => args[d] !== undefined && args[d] !== null)
  return hasDoc ? ['given', 'string', 'bytes'] : ['given']
}

function vectorFiles(dir) {
  const out = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...vectorFiles(full))
    else if (entry.name.endsWith('.json')) out.push(full)
  }
  return out.sort()
}

const files = vectorFiles(VECTORS_DIR)

test('the vector tree is present and non-empty', () => {
  assert.ok(fs.existsSync(path.join(VECTORS_DIR, 'README.md')))
  assert.ok(files.length > 0, 'no vector files found')
})

for (const file of files) {
  const rel = path.relative(VECTORS_DIR, file)
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'))
  test(rel, async (t) => {
    assert.ok(Array.isArray(doc.cases) && doc.cases.length > 0, `${rel}: no cases`)
    for (const c of doc.cases) {
      const args = resolve(c.args ?? {})
      for (const form of formsOf(c.op, args)) {
        await t.test(`${c.name} [${form}]`, () => {
          assert.ok(('expected' in c) !== ('error' in c), 'exactly one of expected/error')
          const run = buildCall(c.op, args, form)
          if ('error' in c) {
            assert.throws(run, (err) => {
              assert.ok(err instanceof Error, `not an Error: ${err}`)
              assert.equal(err.kind, c.error.kind, err.message)
              assert.equal(err.code, `VERITY_${c.error.kind.toUpperCase()}`)
              if ('path' in c.error) assert.equal(err.path, c.error.path, err.message)
              if ('message_contains' in c.error) assert.ok(err.message.includes(c.error.message_contains), err.message)
              return true
            })
            return
          }
          const actual = jsonForm(run())
          if (c.match === 'subset') subsetMatch(c.expected, actual)
          else assert.deepStrictEqual(JSON.parse(JSON.stringify(actual)), c.expected)
        })
      }
    }
  })
}

module.exports = { SIGNATURES }
