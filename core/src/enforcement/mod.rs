//! enforcement — did a grounded (web-search) LLM run obey its requested mode?
//!
//! **Decides**, from a raw provider response exactly as the API returned it
//! (OpenAI Responses, OpenAI Chat Completions, Gemini `generateContent` on AI
//! Studio or Vertex, Anthropic Messages; detected from the body's shape or
//! given explicitly), how many web searches succeeded and how many were
//! attempted, and applies the truth table of the requested mode
//! (UNGROUNDED | PREFERRED | REQUIRED) under hard or soft enforcement:
//!
//! | requested_mode | successful | attempted | status | enforcement_passed | error_code |
//! |---|---|---|---|---|---|
//! | REQUIRED | ≥1 | any | ok | true | — |
//! | REQUIRED | 0 | any | failed | false | `no_tool_call_in_required` (hard) / `no_tool_call_in_soft_required` (soft) |
//! | UNGROUNDED | 0 | 0 | ok | true | — |
//! | UNGROUNDED | any | ≥1 | failed | false | `tool_used_in_ungrounded` |
//! | PREFERRED | any | any | ok | true | — |
//!
//! Alongside: budget starvation, retryability, search queries, citation URLs
//! (structured + inline), the Gemini search confidence and the answer text
//! ([`classify`] → [`Outcome`]); validation of persisted run records
//! ([`check_run_invariants`]); a readable failure explanation
//! ([`explain_failure`]); aggregate measures ([`aggregate_outcomes`]).
//!
//! [`classify_bytes`] reads well-formed bodies straight from the bytes into
//! borrowing typed views (`typed`, `fast`, `prescan`: no `serde_json::Value`
//! tree); anything unusual takes the `Value` path, so errors and their paths
//! are those of [`classify`]. Both paths fill the same `Evidence`, which one
//! function turns into the outcome.
//!
//! How each API's body counts is documented in its reader: `responses`,
//! `chat` (search-preview models: one attempted search per response,
//! successful only with `url_citation` annotations), `gemini`, `anthropic`.
//!
//! **Never**: calls a provider, retries, reads a clock or the environment,
//! or lets a value say `ok` that the truth table says is `failed` — an
//! [`Outcome`] has no setters and re-validates itself when deserialised.

mod aggregate;
mod anthropic;
mod chat;
mod citations;
mod classify;
mod evidence;
mod explain;
mod fast;
mod gemini;
mod invariants;
mod mode;
mod outcome;
mod prescan;
mod read;
mod responses;
mod run_record;
mod typed;
mod verdict;

pub use aggregate::{
    aggregate_outcomes, AggregateMeasures, ModeGroundedRate, ProviderGroundedRate, RequiredFailRate,
};
pub use citations::inline_urls;
pub use classify::{classify, classify_bytes, classify_bytes_typed, parse_api, ClassifyOptions};
pub use explain::{explain_failure, FailureExplanation};
pub use invariants::{check_run_invariants, Violation, ViolationCode};
pub use mode::{EnforcementMode, EnforcementModeRule, EnforcementModeTable, RequestedMode};
pub use outcome::Outcome;
pub use verdict::{decide, EnforcementErrorCode, Status, Verdict};
