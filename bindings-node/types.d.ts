// Hand-written TypeScript types for verity's inputs and outputs (the spec's
// JSON shapes, field names identical to Rust and Python). The generated
// `index.d.ts` imports these; keep them in step with the core's serde types.

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }
/** A read-only JSON value (as found in frozen outcomes). */
export type ReadonlyJsonValue =
  | null
  | boolean
  | number
  | string
  | readonly ReadonlyJsonValue[]
  | { readonly [key: string]: ReadonlyJsonValue }
/** A JSON document: a plain value, JSON text, or JSON bytes (e.g. a raw `fetch` body). */
export type JsonInput = JsonValue | object | string | Uint8Array | ArrayBuffer

/** Stable error codes (`err.code`), one per core error kind. */
export type VerityErrorCode =
  | 'VERITY_INVALID_JSON'
  | 'VERITY_INVALID_INPUT'
  | 'VERITY_MISSING_FIELD'
  | 'VERITY_UNKNOWN_SHAPE'
  | 'VERITY_TOO_LARGE'
  | 'VERITY_TOO_DEEP'
  | 'VERITY_DUPLICATE_KEY'
  | 'VERITY_INVALID_NUMBER'
  | 'VERITY_INVALID_STRING'
  | 'VERITY_INVARIANT_VIOLATION'
  | 'VERITY_UNSUPPORTED_VERSION'
  | 'VERITY_INVALID_CONFIG'
  | 'VERITY_INTERNAL'
/** The shape of every error verity throws (a plain `Error` with these fields). */
export interface VerityError extends Error {
  /** `VERITY_` + the upper-cased kind. */
  readonly code: VerityErrorCode
  /** The core's stable kind, e.g. `invalid_input` (as in the conformance vectors). */
  readonly kind: string
  /** `$`-rooted path of the value at fault, e.g. `$.output[3].status`. */
  readonly path: string
}

// ---- metadata -------------------------------------------------------------

export type Provider = 'openai' | 'google' | 'anthropic' | 'unknown'
export type Api = 'openai_responses' | 'openai_chat' | 'gemini' | 'anthropic_messages'
/** Where the model was served (from body markers and model-id spelling). */
export type Platform =
  | 'openai'
  | 'azure_openai'
  | 'google_ai_studio'
  | 'vertex_ai'
  | 'anthropic'
  | 'aws_bedrock'
  | 'unknown'

/** Normalised token usage (`null` where the provider does not report a count). */
export interface Usage {
  readonly input_tokens: number | null
  readonly output_tokens: number | null
  readonly reasoning_tokens: number | null
  readonly cached_input_tokens: number | null
  readonly cache_creation_input_tokens: number | null
  readonly total_tokens: number | null
}

/** One Gemini candidate's `groundingMetadata`, passed through unchanged. */
export interface CandidateGrounding {
  readonly candidate_index: number
  readonly metadata: ReadonlyJsonValue
}

/** `extractMetadata` result. `finish_reasons` in choice/candidate order. */
export interface ResponseMetadata {
  readonly provider: Provider
  readonly platform: Platform
  readonly api: Api
  readonly model: string | null
  readonly model_version: string | null
  readonly response_id: string | null
  /** Unix seconds. */
  readonly created: number | null
  readonly system_fingerprint: string | null
  readonly service_tier: string | null
  readonly finish_reasons: readonly string[]
  readonly usage: Usage | null
  readonly grounding_metadata: readonly CandidateGrounding[]
}

/** Options of `otelAttributes` (Python's keyword names). */
export interface OtelAttributesOptions {
  /** The model id the caller requested (`gen_ai.request.model`). */
  model?: string | null
  /** Also emit the deprecated `gen_ai.system`. */
  include_deprecated?: boolean | null
  /** The hosting platform, when known from the endpoint called. */
  platform?: Platform | null
}

/** OpenTelemetry GenAI attributes by name (`gen_ai.provider.name`, `gen_ai.usage.input_tokens`, ...). */
export type OtelAttributes = { readonly [name: string]: string | number | readonly string[] }

// ---- dedup ----------------------------------------------------------------

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue }
/** A point in time: Unix seconds (integer), RFC 3339 text, or a `Date`. */
export type Timestamp = number | string | Date

/** `templateConfigHash` result: SHA-256 hex of `canonical` (RFC 8785 text of the normalised config). */
export interface TemplateConfigHash {
  readonly config_hash: string
  readonly canonical: string
  readonly normalization_version: number
}

/** `DedupIndex.create` result: 201 (`created`) or 409 (`conflict`). */
export type CreateOutcome =
  | { readonly status: 'created'; readonly template_id: string; readonly config_hash: string }
  | { readonly status: 'conflict'; readonly existing_template_id: string; readonly config_hash: string }

/** `DedupIndex.checkDuplicate` result. */
export interface DuplicateCheck {
  readonly exact_match: boolean
  readonly template_id: string | null
}

/** An idempotency key parsed back into its components. */
export type IdempotencyKey =
  | {
      readonly kind: 'probe'
      readonly org_id: string
      readonly workspace_id: string
      readonly template_id: string
      readonly provider: string
      readonly model: string
      readonly hour: string
    }
  | {
      readonly kind: 'run'
      readonly org_id: string
      readonly workspace_id: string
      readonly template_id: string
      readonly version: string
      readonly country: string
      readonly hour: string
    }

// ---- enforcement ----------------------------------------------------------

export type RequestedMode = 'UNGROUNDED' | 'PREFERRED' | 'REQUIRED'
export type EnforcementMode = 'hard' | 'soft'
export type EnforcementErrorCode =
  | 'no_tool_call_in_required'
  | 'no_tool_call_in_soft_required'
  | 'tool_used_in_ungrounded'

/** One rule of the hard/soft capability table (first match wins). */
export interface EnforcementModeRule {
  model_prefix?: string
  provider?: Provider
  enforcement_mode: EnforcementMode
}
/** The hard/soft capability table (`{rules, default}`). */
export interface EnforcementModeTableInput {
  rules: EnforcementModeRule[]
  default: EnforcementMode
}

/** Options of `classify` (Python's keyword names). */
export interface ClassifyOptions {
  /** Overrides the capability table's hard/soft answer. */
  enforcement_mode?: EnforcementMode | null
  /** The model id the caller requested (takes precedence over the body's). */
  model?: string | null
  /** The caller's output budget (output tokens at or above it mark `budget_starved`). */
  max_output_tokens?: number | null
  /** Names of the caller's own search tools: calls to them count as searches. */
  search_tool_names?: readonly string[] | null
  /** Forces the API instead of detecting it from the body's shape. */
  api?: Api | null
  /** Replaces the default hard/soft capability table. */
  enforcement_mode_table?: EnforcementModeTableInput | string | Uint8Array | null
}

/** The immutable classification of one run (frozen at runtime). */
export interface ClassifyOutcome {
  readonly requested_mode: RequestedMode
  readonly enforcement_mode: EnforcementMode
  readonly provider: Provider
  readonly model: string | null
  /** Successful searches. */
  readonly tool_call_count: number
  readonly attempted_tool_call_count: number
  readonly grounded_effective: boolean
  readonly status: 'ok' | 'failed'
  readonly enforcement_passed: boolean
  readonly error_code: EnforcementErrorCode | null
  readonly budget_starved: boolean
  readonly usage_reasoning_tokens: number | null
  readonly search_queries: readonly string[]
  /** Distinct, first-seen order. */
  readonly citation_urls: readonly string[]
  readonly citations_count: number
  readonly search_confidence: number | null
  readonly answer_text: string
  readonly retryable: boolean
}

export type RunViolationCode =
  | 'missing_field'
  | 'invalid_type'
  | 'invalid_value'
  | 'attempted_below_successful'
  | 'grounded_effective_mismatch'
  | 'status_mismatch'
  | 'enforcement_passed_mismatch'
  | 'error_code_mismatch'
  | 'status_passed_disagree'
  | 'retryable_mismatch'
  | 'duplicate_citation_url'
  | 'citations_count_mismatch'
  | 'search_confidence_without_search'
  | 'search_confidence_out_of_range'
/** One violation found by `checkRunInvariants`. */
export interface RunViolation {
  readonly code: RunViolationCode
  readonly path: string
  readonly message: string
}

/** The seed's run detail card for a failed run. */
export interface FailureExplanation {
  readonly title: string
  readonly message: string
  readonly detail: string
  readonly retryable: boolean
  readonly retry_advice: string
}

export interface RequiredFailRate {
  readonly runs: number
  readonly failed: number
  readonly fail_rate: number | null
}
export interface ProviderGroundedRate {
  readonly provider: Provider
  readonly runs: number
  readonly grounded: number
  readonly grounded_rate: number | null
}
export interface ModeGroundedRate {
  readonly requested_mode: RequestedMode
  readonly runs: number
  readonly grounded: number
  readonly grounded_rate: number | null
}
/** `aggregateOutcomes` result. */
export interface AggregateMeasures {
  readonly runs: number
  readonly ok: number
  readonly failed: number
  readonly budget_starved: number
  readonly retryable: number
  readonly soft_required: RequiredFailRate
  readonly hard_required: RequiredFailRate
  readonly grounded_rate_by_provider: readonly ProviderGroundedRate[]
  readonly grounded_rate_by_mode: readonly ModeGroundedRate[]
}

// ---- outcome --------------------------------------------------------------

/** An error carried by a result. On input `message` and `retryable` may be omitted. */
export interface ErrorInfo {
  readonly code: string
  readonly message?: string
  readonly retryable?: boolean
}
/** Options of the `ExecutionResult` factories (Python's keyword names). */
export interface ResultOptions {
  metrics?: { [name: string]: number } | null
  correlation_id?: string | null
  error_resolved?: boolean | null
}
export type ExecutionStatus = 'success' | 'failure' | 'partial'
/** An immutable execution result (frozen at runtime). `ok` ⇔ `status === 'success'`. */
export interface ExecutionResultValue {
  readonly ok: boolean
  readonly status: ExecutionStatus
  readonly error_resolved: boolean
  readonly metrics: { readonly [name: string]: number }
  readonly error: Required<ErrorInfo> | null
  readonly data: ReadonlyJsonValue
  readonly correlation_id: string | null
}
/** `aggregateResults` result. `error_codes` by count, then first occurrence. */
export interface ResultSummary {
  readonly total: number
  readonly ok_count: number
  readonly error_resolved_count: number
  readonly by_status: { readonly [status in ExecutionStatus]?: number }
  readonly metrics: { readonly [name: string]: number }
  readonly first_error_code: string | null
  readonly most_common_error_code: string | null
  readonly error_codes: readonly { readonly code: string; readonly count: number }[]
}
/** Options of `envelopeFromResult`. */
export interface EnvelopeOptions {
  correlation_id?: string | null
  extra?: { [key: string]: JsonValue } | null
}
/** `{data, meta}` (success) or `{error, meta}` (failure). */
export type Envelope =
  | { readonly data: ReadonlyJsonValue; readonly meta: EnvelopeMeta }
  | { readonly error: Required<ErrorInfo>; readonly data?: ReadonlyJsonValue; readonly meta: EnvelopeMeta }
export interface EnvelopeMeta {
  readonly version: string
  readonly correlation_id?: string | null
  readonly status?: ExecutionStatus
  readonly [extra: string]: ReadonlyJsonValue | undefined
}

/** What is known about a failed call. */
export interface FailureSignal {
  http_status?: number | null
  error_code?: string | null
  timed_out?: boolean
  connection_failed?: boolean
  budget_starved?: boolean
  /** `Retry-After` header value: seconds or an HTTP date. */
  retry_after?: string | null
  /** `retry-after-ms` header value. */
  retry_after_ms?: string | null
}
export type FailureKind =
  | 'rate_limited'
  | 'quota_exhausted'
  | 'server_error'
  | 'timeout'
  | 'connection'
  | 'conflict'
  | 'client_error'
  | 'enforcement'
  | 'budget_starved'
  | 'unknown'
/** A classified failure (on input only `kind` is required). */
export interface ClassifiedFailure {
  readonly kind: FailureKind
  readonly retryable?: boolean
  readonly http_status?: number | null
  readonly error_code?: string | null
  readonly retry_after_ms?: number | null
}
export type Jitter = 'none' | 'full' | 'equal' | 'decorrelated'
/** Retry policy: exponential backoff `base_ms · factor^attempt`, capped, with jitter. */
export interface RetryPolicy {
  jitter?: Jitter
  base_ms?: number
  factor?: number
  cap_ms?: number
  max_retries?: number
  /** The previous delay (decorrelated jitter). */
  previous_delay_ms?: number | null
}
export type GiveUpReason = 'enforcement_final' | 'not_retryable' | 'retries_exhausted'
export type RetryDecision =
  | {
      readonly action: 'retry'
      readonly delay_ms: number
      readonly increase_budget: boolean
      readonly retry_after_honoured: boolean
      readonly failure_kind: FailureKind
    }
  | { readonly action: 'give_up'; readonly reason: GiveUpReason; readonly failure_kind: FailureKind }

// ---- auditlog -------------------------------------------------------------

/** An event to append (`timestamp` RFC 3339). */
export interface LogEvent {
  id?: string
  timestamp: string
  subsystem: string
  event: string
  payload?: JsonValue
}
/** A sealed log entry. */
export interface LogEntry {
  readonly seq: number
  readonly id?: string
  readonly timestamp: string
  readonly subsystem: string
  readonly event: string
  readonly payload: ReadonlyJsonValue
  readonly prev_hash: string
  readonly hash: string
}
/** Options of `verifyLog` (Python's keyword names; unknown ones are `invalid_config`). */
export interface VerifyLogOptions {
  /** RFC 3339 "now" for staleness / silence checks. */
  now?: string | null
  stale_after_seconds?: number | null
  silent_after_seconds?: { [subsystem: string]: number } | null
  require_genesis?: boolean | null
  checkpoint?: { seq: number; hash: string } | null
  max_problems?: number | null
}
export type LogProblemKind =
  | 'malformed_entry'
  | 'hash_mismatch'
  | 'broken_link'
  | 'sequence_gap'
  | 'timestamp_reversal'
  | 'invalid_timestamp'
  | 'truncated_start'
  | 'truncated_end'
  | 'checkpoint_mismatch'
  | 'stale_log'
  | 'silent_subsystem'
export interface LogProblem {
  readonly kind: LogProblemKind
  readonly index?: number | null
  readonly line?: number | null
  readonly seq?: number | null
  readonly subsystem?: string | null
  readonly message: string
}
export interface SubsystemSummary {
  readonly entries: number
  readonly failures: number
  readonly first_seq?: number
  readonly last_seq?: number
  readonly last_timestamp?: string | null
  readonly last_failure_seq?: number | null
}
/** `verifyLog` report (problems in log order). */
export interface VerifyReport {
  readonly ok: boolean
  readonly entries: number
  readonly lines?: number
  readonly first_seq: number | null
  readonly last_seq: number | null
  readonly last_hash: string | null
  readonly newest_timestamp?: string | null
  readonly problem_counts: { readonly [kind in LogProblemKind]?: number }
  readonly problems: readonly LogProblem[]
  readonly problems_omitted?: number
  readonly subsystems: { readonly [subsystem: string]: SubsystemSummary }
}

// ---- pairing --------------------------------------------------------------

export type View = 'front' | 'back' | 'side' | 'detail' | 'unknown'
/** One analysed image (only `id` and `view` are required). */
export interface AnalysisImage {
  id: string
  view: View
  view_confidence?: number | null
  brand?: string | null
  product_name?: string | null
  category?: string | null
  packaging?: string | null
  variant?: string | null
  net_content?: string | null
  colors?: string[] | null
  text?: string | null
  barcode?: string | null
  sequence?: number | null
  captured_at?: string | null
  [extra: string]: JsonValue | undefined
}
/** The analysis document: `{images: [...]}` or a bare array. */
export type AnalysisDocument = { images: AnalysisImage[] } | AnalysisImage[]
/** Config overrides (every key optional; an unknown key is `invalid_config`). */
export interface PairingConfigInput {
  auto_pair_score?: number
  category_auto_pair_score?: { [category: string]: number }
  min_margin?: number
  packaging_boosts?: { [packaging: string]: number }
  disable_tiebreak?: boolean
  batch_max_chunk?: number
  extra_attach_score?: number
  tiebreak_max_candidates?: number
}
/** The thresholds in effect (also `metrics.thresholds`). */
export type PairingConfigValue = { readonly [K in keyof PairingConfigInput]-?: Readonly<NonNullable<PairingConfigInput[K]>> }
/** The host's tie-break answers (`back: null` = none of the candidates). */
export interface PairingDecisions {
  decisions: { front: string; back: string | null }[]
}
export type PairingReason =
  | 'no_candidate'
  | 'below_threshold'
  | 'brand_conflict'
  | 'barcode_conflict'
  | 'capture_only'
  | 'outcompeted'
  | 'ambiguous'
  | 'model_declined'
  | 'decision_conflict'
  | 'unattached_extra'
  | 'unknown_view'
export interface Pair {
  readonly front: string
  readonly back: string
  readonly score: number
  readonly margin: number
  readonly decided_by: 'auto' | 'model'
  /** Per-feature score breakdown (`null`: feature absent on either image). */
  readonly features: { readonly [feature: string]: number | null }
  readonly extras: readonly string[]
}
export interface Tiebreak {
  readonly front: string
  readonly candidates: readonly { readonly back: string; readonly score: number }[]
}
export interface Singleton {
  readonly id: string
  readonly view: View
  readonly reason: PairingReason
}
export interface PairingGroupStats {
  readonly fronts: number
  readonly pairs: number
  readonly pair_rate: number
}
export interface PairingMetrics {
  readonly engine_version: string
  readonly totals: { readonly [name: string]: number }
  readonly pair_rate: number
  readonly singleton_rate: number
  readonly by_brand: { readonly [brand: string]: PairingGroupStats }
  readonly by_category: { readonly [category: string]: PairingGroupStats }
  readonly reasons: { readonly [reason in PairingReason]?: number }
  readonly thresholds: PairingConfigValue
}
/** `pair` result: `pairing.json`. */
export interface PairingResult {
  readonly engine_version: string
  readonly config: PairingConfigValue
  readonly pairs: readonly Pair[]
  readonly tiebreaks: readonly Tiebreak[]
  readonly singletons: readonly Singleton[]
  readonly metrics: PairingMetrics
}
export interface PairingViolation {
  readonly code: string
  readonly message: string
  readonly ids: readonly string[]
}
export interface GoldenDifference {
  readonly document: 'pairing' | 'metrics'
  readonly path: string
  readonly expected: ReadonlyJsonValue | null
  readonly actual: ReadonlyJsonValue | null
}
export interface MetricChange {
  readonly path: string
  readonly before: number | null
  readonly after: number | null
  readonly delta: number | null
}

// ---- conversation ---------------------------------------------------------

/** A catalogue document: products (with optional category, sku, aliases) and categories. */
export interface CatalogInput {
  products?: { name: string; category?: string | null; sku?: string | null; aliases?: string[] | null }[]
  categories?: (string | { name: string; aliases?: string[] | null })[]
}
/** One chat turn. */
export interface ConversationTurn {
  role: 'user' | 'assistant' | 'system'
  text: string
}
export type EntityKind = 'product' | 'category' | 'sku' | 'order'
export interface ConversationEntity {
  readonly key: string
  readonly kind: EntityKind
  readonly name: string
  readonly category: string | null
  readonly first_mention_turn: number
  readonly last_mention_turn: number
  readonly mention_count: number
  readonly plural: boolean
  readonly salience: number
  readonly quantity: number | null
}
export interface ResolutionTarget {
  readonly key: string
  readonly kind: EntityKind
  readonly name: string
}
export interface Resolution {
  readonly turn_index: number
  readonly phrase: string
  readonly kind: 'singular' | 'plural' | 'ordinal'
  readonly resolved: boolean
  readonly targets: readonly ResolutionTarget[]
  readonly reason: 'no_antecedent' | 'ambiguous' | 'out_of_range' | null
}
/** The report of the last turn applied. */
export interface TurnReport {
  readonly turn_index: number
  readonly role: ConversationTurn['role']
  readonly mentions: readonly ReadonlyJsonValue[]
  readonly quantities: readonly ReadonlyJsonValue[]
  readonly resolutions: readonly Resolution[]
  readonly topic_switch: boolean
  readonly previous_topic: ReadonlyJsonValue | null
}
/** The state a host stores between turns (JSON schema: tests/schemas/conversation/state.schema.json). */
export interface ConversationState {
  readonly format_version: number
  readonly turn_count: number
  readonly last_turn_index: number | null
  readonly topic: { readonly key: string; readonly name: string } | null
  readonly focus: string | null
  readonly entities: readonly ConversationEntity[]
  readonly last_list: ReadonlyJsonValue | null
  readonly last_turn: TurnReport | null
}
/** `replayConversation` result. */
export interface ConversationReplay {
  readonly resolutions: readonly Resolution[]
  readonly topic_switches: readonly number[]
  readonly state: ConversationState
}

/** `decide` result: the truth table's answer for one run. */
export interface Verdict {
  readonly status: 'ok' | 'failed'
  readonly enforcement_passed: boolean
  readonly error_code: EnforcementErrorCode | null
}
