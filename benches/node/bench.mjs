// Side-by-side Node benchmarks (one run, same machine, same inputs):
//  1. template config hash: verity.templateConfigHash vs npm `canonicalize` + crypto SHA-256
//     (from a JS object, and from the raw request body as a route handler receives it);
//  2. classify a ~5 KB OpenAI Responses body held in a Buffer: verity.classify(buffer) vs
//     JSON.parse + an idiomatic JavaScript implementation of the same rules (below).
// Each case: warm-up, then ROUNDS timed rounds of a fixed number of calls; the median ns/op
// is reported. Usage: node bench.mjs   (benches/node/run.sh installs and builds first)
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import canonicalize from 'canonicalize'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const verity = require(join(here, '..', '..', 'bindings-node', 'index.js'))
const ROUNDS = Number(process.env.ROUNDS ?? 15)

// Time per call is process CPU time (user + system) per round, not wall time: the machines
// this runs on are shared, and CPU time is what the work itself costs. Both sides run in
// the same process, interleaved per case, so any remaining noise hits both.
function bench(name, iterations, fn) {
  let sink = 0
  for (let i = 0; i < iterations; i++) sink += fn() ? 1 : 0 // warm-up (JIT, caches)
  const samples = []
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.cpuUsage()
    for (let i = 0; i < iterations; i++) sink += fn() ? 1 : 0
    const used = process.cpuUsage(t0)
    samples.push(((used.user + used.system) * 1000) / iterations)
  }
  samples.sort((a, b) => a - b)
  const median = samples[Math.floor(samples.length / 2)]
  const line = `  ${name.padEnd(58)} ${median.toFixed(0).padStart(8)} ns/op`
  console.log(`${line}  (min ${samples[0].toFixed(0)}, max ${samples[samples.length - 1].toFixed(0)}; ${sink > 0 ? 'ok' : '?'})`)
  return median
}

// ---- 1. template config hash ----------------------------------------------------------

const template = {
  org_id: 'default',
  workspace_id: 'workspace-avea-001',
  name: 'AVEA Brand Analysis',
  system_instructions:
    'You are a brand analyst. Be concise and accurate. Cite sources for every factual claim.\nAnswer in English.',
  user_prompt_template: 'What is {brand} known for in {country}? List the three most important products.',
  country_set: ['CH', 'US', 'DE', 'FR'],
  model_id: 'gpt-4o',
  inference_params: { temperature: 0.7, max_tokens: 1000, top_p: 1 },
  tools: [{ type: 'web_search' }],
  created_at: '2025-10-01T09:00:00Z',
}
const templateBody = Buffer.from(JSON.stringify(template))

const jsHash = (config) => createHash('sha256').update(canonicalize(config)).digest('hex')

console.log(`node ${process.version}, ${process.platform}-${process.arch}; CPU time per call, median of ${ROUNDS} rounds`)
console.log('\ntemplate config hash (a prompt template of', templateBody.length, 'bytes)')
const hashJsObj = bench('JS: canonicalize(object) + createHash(sha256)', 20000, () => jsHash(template))
const hashVerityObj = bench('verity.templateConfigHash(object)', 20000, () => verity.templateConfigHash(template))
const hashJsBody = bench('JS: JSON.parse(body) + canonicalize + createHash', 20000, () => jsHash(JSON.parse(templateBody)))
const hashVerityBody = bench('verity.templateConfigHash(body Buffer)', 20000, () => verity.templateConfigHash(templateBody))

// ---- 2. classify a ~5 KB response from a Buffer ---------------------------------------

const responseBody = readFileSync(join(here, '..', '..', 'tests', 'fixtures', 'responses', 'openai_responses', 'web_search_long.json'))

// An idiomatic JS implementation of the same rules for the OpenAI Responses API (what a
// Next.js route would hand-write): successful = completed web_search_call items, attempted =
// all of them; the mode truth table; budget starvation; url_citation annotations plus
// http(s) URLs in the answer text (distinct, first-seen); search queries; reasoning tokens.
const SOFT_MODELS = /^(gpt-5|gemini)/
function classifyJs(body, mode) {
  const response = JSON.parse(body)
  if (!Array.isArray(response.output)) throw new Error('unknown shape')
  let successful = 0
  let attempted = 0
  const queries = []
  const urls = []
  const seen = new Set()
  let answer = ''
  const addUrl = (url) => {
    if (!seen.has(url)) {
      seen.add(url)
      urls.push(url)
    }
  }
  for (const item of response.output) {
    if (item.type === 'web_search_call') {
      attempted++
      if (item.status === 'completed') successful++
      if (item.action && typeof item.action.query === 'string') queries.push(item.action.query)
    } else if (item.type === 'message' && Array.isArray(item.content)) {
      for (const part of item.content) {
        if (part.type !== 'output_text') continue
        answer += part.text ?? ''
        for (const a of part.annotations ?? []) if (a.type === 'url_citation' && a.url) addUrl(a.url)
      }
    }
  }
  for (const m of answer.matchAll(/https?:\/\/[^\s<>()"']+/g)) addUrl(m[0].replace(/[.,;:!?)\]]+$/, ''))
  const model = response.model ?? null
  const enforcementMode = SOFT_MODELS.test(model ?? '') ? 'soft' : 'hard'
  let status = 'ok'
  let errorCode = null
  if (mode === 'REQUIRED' && successful === 0) {
    status = 'failed'
    errorCode = enforcementMode === 'soft' ? 'no_tool_call_in_soft_required' : 'no_tool_call_in_required'
  } else if (mode === 'UNGROUNDED' && attempted > 0) {
    status = 'failed'
    errorCode = 'tool_used_in_ungrounded'
  }
  const budgetStarved = response.status === 'incomplete' && response.incomplete_details?.reason === 'max_output_tokens'
  return Object.freeze({
    requested_mode: mode,
    enforcement_mode: enforcementMode,
    provider: 'openai',
    model,
    tool_call_count: successful,
    attempted_tool_call_count: attempted,
    grounded_effective: successful > 0,
    status,
    enforcement_passed: status === 'ok',
    error_code: errorCode,
    budget_starved: budgetStarved,
    usage_reasoning_tokens: response.usage?.output_tokens_details?.reasoning_tokens ?? null,
    search_queries: queries,
    citation_urls: urls,
    citations_count: urls.length,
    search_confidence: null,
    answer_text: answer,
    retryable: status === 'failed' && budgetStarved,
  })
}

// Same answer on the fields both compute (a sanity check, not a benchmark).
const a = classifyJs(responseBody, 'REQUIRED')
const b = verity.classify(responseBody, 'REQUIRED')
for (const k of ['status', 'tool_call_count', 'attempted_tool_call_count', 'citations_count', 'enforcement_mode']) {
  if (a[k] !== b[k]) throw new Error(`reference JS classifier disagrees on ${k}: ${a[k]} vs ${b[k]}`)
}

console.log(`\nclassify a ${responseBody.length}-byte OpenAI Responses body held in a Buffer (REQUIRED)`)
const classifyJsNs = bench('JS: JSON.parse(buffer) + idiomatic rules', 20000, () => classifyJs(responseBody, 'REQUIRED'))
const classifyVerityNs = bench('verity.classify(buffer)', 20000, () => verity.classify(responseBody, 'REQUIRED'))

console.log('\nratios (JS time / verity time; > 1 means verity is faster)')
console.log(`  template hash, object input: ${(hashJsObj / hashVerityObj).toFixed(2)}x`)
console.log(`  template hash, body input:   ${(hashJsBody / hashVerityBody).toFixed(2)}x`)
console.log(`  classify 5 KB from a Buffer: ${(classifyJsNs / classifyVerityNs).toFixed(2)}x`)
