// Type-level tests of the public surface (checked by `tsc --noEmit --strict`,
// never executed). Every `@ts-expect-error` line must stay an error.
import * as verity from '..'
import type { Provider, Api, VerityError, JsonInput } from '..'

const provider: Provider = verity.detectProvider('gpt-4o')
const api: Api | null = verity.detectApi({ choices: [] })
const bytes: Buffer = verity.canonicalJson(Buffer.from('{"a":1}'))
const input: JsonInput = new Uint8Array([123, 125])
verity.canonicalJson(input)

// @ts-expect-error a model id is a string
verity.detectProvider(3)
// @ts-expect-error the provider union is closed
const notAProvider: Provider = 'mistral'

function handle(err: unknown): string {
  const e = err as VerityError
  // @ts-expect-error error fields are readonly
  e.code = 'VERITY_INTERNAL'
  return `${e.code} ${e.kind} ${e.path}`
}

export { provider, api, bytes, notAProvider, handle }

// ---- dedup
const hash: verity.TemplateConfigHash = verity.templateConfigHash({ user_prompt_template: 'x', model_id: 'm' })
// @ts-expect-error outcome fields are readonly
hash.config_hash = 'tampered'
const index = new verity.DedupIndex()
const created = index.create('org', 'ws', 't1', '{"user_prompt_template":"x","model_id":"m"}')
if (created.status === 'conflict') {
  const existing: string = created.existing_template_id
  void existing
} else {
  const id: string = created.template_id
  void id
}
const check: verity.DuplicateCheck = index.checkDuplicate('org', 'ws', Buffer.from('{}'))
const removed: boolean = index.delete('org', 'ws', 't1')
const key: string = verity.runIdempotencyKey('o', 'w', 't', 'v', 'CH', new Date())
const parsedKey = verity.parseIdempotencyKey(key)
if (parsedKey.kind === 'run') void parsedKey.country
const many: Promise<verity.TemplateConfigHash[]> = verity.templateConfigHashManyAsync([{}], new AbortController().signal)
// @ts-expect-error the timestamp is a number, string or Date
verity.probeIdempotencyKey('o', 'w', 't', 'p', 'm', true)
export { hash, check, removed, many }

// ---- metadata
const meta: verity.ResponseMetadata = verity.extractMetadata(Buffer.from('{}'))
const tokens: number | null = meta.usage ? meta.usage.input_tokens : null
// @ts-expect-error metadata is readonly
meta.model = 'x'
const attrs: verity.OtelAttributes = verity.otelAttributes({}, { model: 'gpt-4o', platform: 'vertex_ai' })
// @ts-expect-error platform names are a closed union
verity.otelAttributes({}, { platform: 'mars' })
const versionKey: string = verity.providerVersionKey('{}', 'gpt-4o')
export { tokens, attrs, versionKey }

// ---- enforcement
const outcome: verity.ClassifyOutcome = verity.classify(Buffer.from('{}'), 'REQUIRED', { enforcement_mode: 'soft', max_output_tokens: 100 })
// @ts-expect-error an outcome can never be turned into ok
outcome.status = 'ok'
// @ts-expect-error modes are a closed union
verity.classify({}, 'SOMETIMES')
// @ts-expect-error option names are Python's keyword names
verity.classify({}, 'REQUIRED', { maxOutputTokens: 100 })
const outcomes: Promise<verity.ClassifyOutcome[]> = verity.classifyManyAsync([{}, '{}'], 'PREFERRED', null, AbortSignal.timeout(1000))
const violations: readonly verity.RunViolation[] = verity.checkRunInvariants(outcome)
const explanation: verity.FailureExplanation | null = verity.explainFailure(outcome)
const measures: verity.AggregateMeasures = verity.aggregateOutcomes([outcome])
export { outcomes, violations, explanation, measures }

// ---- outcome / auditlog
const result: verity.ExecutionResultValue = verity.ExecutionResult.success({ id: 1 }, { correlation_id: 'c' })
// @ts-expect-error results are immutable
result.ok = false
const failed = verity.ExecutionResult.failure({ code: 'timeout' })
const decision: verity.RetryDecision = verity.decideRetry({ jitter: 'full' }, 1, verity.classifyFailure({ http_status: 503 }), 0.3)
if (decision.action === 'retry') void decision.delay_ms
const entry: verity.LogEntry = verity.appendLogEntry(null, { timestamp: '2025-10-01T09:00:00Z', subsystem: 's', event: 'e' })
const report: Promise<verity.VerifyReport> = verity.verifyLogAsync([entry], { now: '2025-10-01T10:00:00Z' })
export { failed, report }

// ---- pairing
const pairing: verity.PairingResult = verity.pair({ images: [{ id: 'a', view: 'front' }] }, { auto_pair_score: 2.2 })
const firstPair: verity.Pair | undefined = pairing.pairs[0]
// @ts-expect-error results are read-only
pairing.pairs.push(firstPair!)
const config: verity.PairingConfigValue = verity.pairingConfigFromEnv(process.env)
const pending: Promise<verity.PairingResult> = verity.pairAsync(Buffer.from('[]'), config, { decisions: [{ front: 'a', back: null }] })
const contract: readonly verity.PairingViolation[] = verity.verifyContract('[]', pairing)
export { pending, contract }

// ---- conversation
const catalog = new verity.Catalog({ products: [{ name: 'HP-200 Hydraulic Pump', category: 'hydraulic pumps' }] })
const state: verity.ConversationState = verity.updateConversation(null, { role: 'user', text: 'hi' }, catalog)
const next = verity.updateConversation(JSON.stringify(state), { role: 'assistant', text: 'hello' })
// @ts-expect-error roles are a closed union
verity.updateConversation(null, { role: 'robot', text: 'beep' })
const block: string = verity.renderContext(next, 850)
const replay: verity.ConversationReplay = verity.replayConversation([{ role: 'user', text: 'hi' }], catalog)
export { block, replay }

// ---- smaller operations
const verdict: verity.Verdict = verity.decide('REQUIRED', 0, 1, 'soft')
const verifier = new verity.LogVerifier({ stale_after_seconds: 60 })
verifier.pushLines(Buffer.from('{}\n'))
const streamedReport: verity.VerifyReport = verifier.finish(new Date())
const waitMs: number | null = verity.retryAfterMillis(null, '2')
export { verdict, streamedReport, waitMs }
