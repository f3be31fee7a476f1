//! verity: the decisions and data shapes that LLM-application backends keep
//! re-writing by hand, as one pure, deterministic library.
//!
//! Every module owns one concern and is I/O-free: no files, no network, no
//! clock, no randomness, no environment reads. Time, random numbers and
//! environment-style configuration are parameters. Bad input is a typed
//! [`Error`] naming the JSON path at fault; nothing here panics on input.
//!
//! | module | decides |
//! |---|---|
//! | [`enforcement`] | did a grounded (web-search) run obey its requested mode? |
//! | [`metadata`] | provider, model, version key, usage, OpenTelemetry attributes |
//! | [`dedup`] | RFC 8785 canonical JSON, template config hashes, idempotency keys |
//! | [`pairing`] | which product photos are the front and back of one product |
//! | [`outcome`] | `ExecutionResult`, `{data, meta}` envelopes, retry decisions |
//! | [`auditlog`] | hash-chained log append and integrity verification |
//! | [`conversation`] | entities, reference resolution, compact chat context |
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod error;
pub mod json;
pub mod time;

pub mod auditlog;
pub mod conversation;
pub mod dedup;
pub mod enforcement;
pub mod metadata;
pub mod outcome;
pub mod pairing;

pub use error::{Error, ErrorKind, Result};
