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
