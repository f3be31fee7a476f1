//! Failure classification: what kind of failure is this, and may it be retried?
//!
//! [`classify_failure`] reads a [`FailureSignal`] (what the host observed)
//! and decides a [`FailureKind`], in this order (first match wins):
//! 1. a verity enforcement code (`no_tool_call_in_required`,
//!    `no_tool_call_in_soft_required`, `tool_used_in_ungrounded`) →
//!    `budget_starved` when the run also ran out of output budget, else
//!    `enforcement` (final: seed 000, "DO NOT retry enforcement failures");
//! 2. `budget_starved: true` → `budget_starved` (retry with a larger budget);
//! 3. a known provider error code (table below, ASCII case-insensitive);
//! 4. `timed_out` → `timeout`; `connection_failed` → `connection`;
//! 5. the HTTP status: 408 → `timeout`, 409 → `conflict`, 429 →
//!    `rate_limited`, 5xx → `server_error`, other 4xx → `client_error`;
//! 6. otherwise `unknown` (not retried: nothing says a retry would help).
//!
//! | kind | provider codes | retried |
//! |---|---|---|
//! | `rate_limited` | `rate_limit_exceeded`, `rate_limit_error`, `RESOURCE_EXHAUSTED`, `too_many_requests` | yes |
//! | `quota_exhausted` | `insufficient_quota`, `billing_hard_limit_reached`, `billing_not_active` | no |
//! | `server_error` | `server_error`, `api_error`, `overloaded_error`, `UNAVAILABLE`, `INTERNAL`, `service_unavailable`, `engine_overloaded` | yes |
//! | `timeout` | `timeout`, `request_timeout`, `DEADLINE_EXCEEDED` | yes |
//! | `client_error` | `invalid_request_error`, `authentication_error`, `permission_error`, `not_found_error`, `request_too_large`, `invalid_api_key`, `model_not_found`, `context_length_exceeded`, `INVALID_ARGUMENT`, `FAILED_PRECONDITION`, `PERMISSION_DENIED`, `UNAUTHENTICATED`, `NOT_FOUND` | no |
//!
//! `connection` and `conflict` are retried; `enforcement`, `unknown` are not.
//! The resolved `Retry-After` wait travels with the failure as
//! `retry_after_ms` (see [`super::retry_after`]).

use super::retry_after::retry_after_millis;
use crate::auditlog::Timestamp;
use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};

/// verity's enforcement error codes: never retried (unless budget-starved).
pub const ENFORCEMENT_ERROR_CODES: [&str; 3] = [
    "no_tool_call_in_required",
    "no_tool_call_in_soft_required",
    "tool_used_in_ungrounded",
];

/// The class of a failure; decides retryability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// 429 / provider rate limit: retry after a backoff.
    RateLimited,
    /// Billing/quota exhausted: retrying cannot help.
    QuotaExhausted,
    /// 5xx, provider overloaded/unavailable: retry.
    ServerError,
    /// The request timed out (client side or 408): retry.
    Timeout,
    /// The connection failed before a response: retry.
    Connection,
    /// 409 (OpenAI: lock timeout): retry.
    Conflict,
    /// Other 4xx / invalid request: never retry.
    ClientError,
    /// A grounding enforcement failure: final, never retry.
    Enforcement,
    /// The run stopped on its output budget: retry with a larger budget.
    BudgetStarved,
    /// Nothing recognisable: not retried.
    Unknown,
}

impl FailureKind {
    /// Whether failures of this kind may be retried at all.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            FailureKind::RateLimited
                | FailureKind::ServerError
                | FailureKind::Timeout
                | FailureKind::Connection
                | FailureKind::Conflict
                | FailureKind::BudgetStarved
        )
    }
}

/// What the host observed about a failed call (every field optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailureSignal {
    /// HTTP status of the response, if one arrived.
    #[serde(default)]
    pub http_status: Option<u16>,
    /// Provider error code/type/status (`rate_limit_exceeded`,
    /// `overloaded_error`, `RESOURCE_EXHAUSTED`, ...) or a verity error code.
    #[serde(default)]
    pub error_code: Option<String>,
    /// The call timed out.
    #[serde(default)]
    pub timed_out: bool,
    /// The connection failed (DNS, refused, reset) before a response.
    #[serde(default)]
    pub connection_failed: bool,
    /// The run stopped on its output-token budget.
    #[serde(default)]
    pub budget_starved: bool,
    /// Raw `Retry-After` header value.
    #[serde(default)]
    pub retry_after: Option<String>,
    /// Raw `retry-after-ms` header value.
    #[serde(default)]
    pub retry_after_ms: Option<String>,
}

/// A classified failure: the input of [`super::decide_retry`].
///
/// JSON: `{"kind", "retryable", "http_status", "error_code", "retry_after_ms"}`;
/// on input only `kind` is required and `retryable`, when given, must agree
/// with the kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    kind: FailureKind,
    retryable: bool,
    http_status: Option<u16>,
    error_code: Option<String>,
    retry_after_ms: Option<u64>,
}

impl Failure {
    /// A failure of `kind` with nothing else known.
    pub fn new(kind: FailureKind) -> Self {
        Failure {
            kind,
            retryable: kind.is_retryable(),
            http_status: None,
            error_code: None,
            retry_after_ms: None,
        }
    }

    /// The same failure with a server-requested wait.
    pub fn with_retry_after_ms(mut self, ms: u64) -> Self {
        self.retry_after_ms = Some(ms);
        self
    }

    /// The kind.
    pub fn kind(&self) -> FailureKind {
        self.kind
    }

    /// Whether the kind may be retried.
    pub fn retryable(&self) -> bool {
        self.retryable
    }

    /// The HTTP status, if known.
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }

    /// The provider/verity error code, if known.
    pub fn error_code(&self) -> Option<&str> {
        self.error_code.as_deref()
    }

    /// Server-requested wait in milliseconds (already resolved from the headers).
    pub fn retry_after_ms(&self) -> Option<u64> {
        self.retry_after_ms
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFailure {
    kind: FailureKind,
    #[serde(default)]
    retryable: Option<bool>,
    #[serde(default)]
    http_status: Option<u16>,
    #[serde(default)]
    error_code: Option<String>,
    #[serde(default)]
    retry_after_ms: Option<u64>,
}

impl<'de> Deserialize<'de> for Failure {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = RawFailure::deserialize(d)?;
        if raw.retryable.is_some_and(|r| r != raw.kind.is_retryable()) {
            return Err(serde::de::Error::custom(
                "retryable disagrees with kind (retryability follows from the kind)",
            ));
        }
        Ok(Failure {
            kind: raw.kind,
            retryable: raw.kind.is_retryable(),
            http_status: raw.http_status,
            error_code: raw.error_code,
            retry_after_ms: raw.retry_after_ms,
        })
    }
}

/// Classifies what the host observed (see the module doc for the rules).
/// `now` is needed only when `Retry-After` is an HTTP-date.
pub fn classify_failure(signal: &FailureSignal, now: Option<Timestamp>) -> Result<Failure> {
    if let Some(status) = signal.http_status {
        if !(100..=599).contains(&status) {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                "$.signal.http_status",
                format!("{status} is not an HTTP status code (100-599)"),
            ));
        }
    }
    let code = signal.error_code.as_deref();
    let kind = kind_of(signal, code);
    let retry_after_ms = retry_after_millis(
        signal.retry_after_ms.as_deref(),
        signal.retry_after.as_deref(),
        now,
    )?;
    Ok(Failure {
        kind,
        retryable: kind.is_retryable(),
        http_status: signal.http_status,
        error_code: signal.error_code.clone(),
        retry_after_ms,
    })
}

fn kind_of(signal: &FailureSignal, code: Option<&str>) -> FailureKind {
    if code.is_some_and(|c| ENFORCEMENT_ERROR_CODES.contains(&c)) {
        return if signal.budget_starved {
            FailureKind::BudgetStarved
        } else {
            FailureKind::Enforcement
        };
    }
    if signal.budget_starved {
        return FailureKind::BudgetStarved;
    }
    if let Some(kind) = code.and_then(provider_code_kind) {
        return kind;
    }
    if signal.timed_out {
        return FailureKind::Timeout;
    }
    if signal.connection_failed {
        return FailureKind::Connection;
    }
    match signal.http_status {
        Some(408) => FailureKind::Timeout,
        Some(409) => FailureKind::Conflict,
        Some(429) => FailureKind::RateLimited,
        Some(500..=599) => FailureKind::ServerError,
        Some(400..=499) => FailureKind::ClientError,
        _ => FailureKind::Unknown,
    }
}

const PROVIDER_CODES: &[(&str, FailureKind)] = &[
    ("rate_limit_exceeded", FailureKind::RateLimited),
    ("rate_limit_error", FailureKind::RateLimited),
    ("resource_exhausted", FailureKind::RateLimited),
    ("too_many_requests", FailureKind::RateLimited),
    ("insufficient_quota", FailureKind::QuotaExhausted),
    ("billing_hard_limit_reached", FailureKind::QuotaExhausted),
    ("billing_not_active", FailureKind::QuotaExhausted),
    ("server_error", FailureKind::ServerError),
    ("api_error", FailureKind::ServerError),
    ("overloaded_error", FailureKind::ServerError),
    ("unavailable", FailureKind::ServerError),
    ("internal", FailureKind::ServerError),
    ("service_unavailable", FailureKind::ServerError),
    ("engine_overloaded", FailureKind::ServerError),
    ("timeout", FailureKind::Timeout),
    ("request_timeout", FailureKind::Timeout),
    ("deadline_exceeded", FailureKind::Timeout),
    ("invalid_request_error", FailureKind::ClientError),
    ("authentication_error", FailureKind::ClientError),
    ("permission_error", FailureKind::ClientError),
    ("not_found_error", FailureKind::ClientError),
    ("request_too_large", FailureKind::ClientError),
    ("invalid_api_key", FailureKind::ClientError),
    ("model_not_found", FailureKind::ClientError),
    ("context_length_exceeded", FailureKind::ClientError),
    ("invalid_argument", FailureKind::ClientError),
    ("failed_precondition", FailureKind::ClientError),
    ("permission_denied", FailureKind::ClientError),
    ("unauthenticated", FailureKind::ClientError),
    ("not_found", FailureKind::ClientError),
];

fn provider_code_kind(code: &str) -> Option<FailureKind> {
    PROVIDER_CODES
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(code))
        .map(|(_, kind)| *kind)
}
