//! outcome — `ExecutionResult`, `{data, meta}` envelopes, retry decisions.
//!
//! What it decides:
//! - whether a result is well-formed ([`ExecutionResult`]: `ok` ⇔ success,
//!   a failure carries an error, metrics are finite) — on construction and
//!   on deserialisation, so an `ok: true` failure can never exist;
//! - how many results add up ([`aggregate_results`]);
//! - the response envelope of a result ([`Envelope`]);
//! - what kind of failure a call hit ([`classify_failure`]) and whether and
//!   when to retry it ([`decide_retry`] under a [`RetryPolicy`]).
//!
//! What it never does: sleep, read the clock, draw random numbers or call
//! anything. The current time (for HTTP-date `Retry-After`) and the random
//! number (for jitter) are parameters, so every decision is reproducible.

mod aggregate;
mod envelope;
mod failure;
pub mod json_ops;
mod result;
mod retry;
pub mod retry_after;

pub use aggregate::{aggregate_results, ErrorCodeCount, ResultSummary, StatusCounts};
pub use envelope::{Envelope, Meta};
pub use failure::{classify_failure, Failure, FailureKind, FailureSignal, ENFORCEMENT_ERROR_CODES};
pub use result::{ErrorInfo, ExecutionResult, Status};
pub use retry::{decide_retry, GiveUpReason, Jitter, RetryDecision, RetryPolicy};
