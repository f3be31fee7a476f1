//! Retry policies and the retry-or-give-up decision.
//!
//! `attempt` is the number of retries already made (0 when the first call
//! just failed, like Celery's `request.retries`). With
//! `expo(n) = min(cap, base · factorⁿ)` and `u` = `random_unit` ∈ [0, 1):
//!
//! | jitter | delay |
//! |---|---|
//! | `none` | `expo(n)` |
//! | `full` | `u · expo(n)` (AWS "Full Jitter"; Celery `retry_jitter=True`) |
//! | `equal` | `expo(n)/2 + u · expo(n)/2` |
//! | `decorrelated` | `min(cap, base + u · (max(base, 3 · prev) − base))`, `prev` = `previous_delay_ms` or `base` |
//!
//! A server-requested wait (`failure.retry_after_ms`) is honoured as a
//! minimum: `delay = min(cap, max(delay, retry_after_ms))` — so the cap bounds
//! every delay, Retry-After included (OpenAI's SDK instead gives up when
//! Retry-After exceeds 120 s; a host that wants that compares
//! `failure.retry_after_ms()` with its own limit first). Delays are whole
//! milliseconds (floor).
//! A budget-starved run is retried at once (delay 0 unless Retry-After says
//! otherwise) with `increase_budget: true`.
//!
//! Gives up when the failure kind is not retryable (`enforcement_final` for
//! enforcement failures, `not_retryable` otherwise) or when
//! `attempt ≥ max_retries` (`retries_exhausted`).
//!
//! Presets: [`RetryPolicy::celery_default`] is Celery's `retry_backoff=True,
//! retry_jitter=True` with the task default `max_retries=3`: base 1 s, factor
//! 2, cap `retry_backoff_max` = 600 s, full jitter (Celery draws whole seconds,
//! `randrange(countdown + 1)`; here the draw is in milliseconds).
//! [`RetryPolicy::seed_rate_limit`] is seed 000's explicit rate-limit
//! countdown `60 · 2ⁿ` s, max 3 retries, no jitter (an explicit Celery
//! countdown bypasses jitter), cap 600 s.

use super::failure::{Failure, FailureKind};
use super::result::metric_value;
use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize, Serializer};

/// How the backoff delay is randomised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Jitter {
    /// Deterministic exponential backoff.
    None,
    /// Uniform in `[0, expo(n))`.
    Full,
    /// Half fixed, half uniform.
    Equal,
    /// AWS decorrelated jitter (needs the previous delay).
    Decorrelated,
}

/// A validated retry policy (fields private; see the module doc).
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    jitter: Jitter,
    base_ms: f64,
    factor: f64,
    cap_ms: f64,
    max_retries: u32,
    previous_delay_ms: Option<f64>,
}

/// Largest accepted cap: 2⁵³ ms (exact in every language's numbers).
const MAX_CAP_MS: f64 = 9_007_199_254_740_992.0;

fn config_error(field: &str, message: impl Into<String>) -> Error {
    Error::new(
        ErrorKind::InvalidConfig,
        format!("$.policy.{field}"),
        message,
    )
}

impl RetryPolicy {
    /// A policy; errors (`invalid_config` at `$.policy.<field>`): base negative
    /// or not finite, factor < 1 or not finite, cap < base or > 2⁵³.
    pub fn new(
        jitter: Jitter,
        base_ms: f64,
        factor: f64,
        cap_ms: f64,
        max_retries: u32,
    ) -> Result<Self> {
        if !base_ms.is_finite() || base_ms < 0.0 {
            return Err(config_error("base_ms", "base must be a finite number ≥ 0"));
        }
        if !factor.is_finite() || factor < 1.0 {
            return Err(config_error("factor", "factor must be a finite number ≥ 1"));
        }
        if !cap_ms.is_finite() || cap_ms < base_ms || cap_ms > MAX_CAP_MS {
            return Err(config_error("cap_ms", "cap must be ≥ base and ≤ 2^53 ms"));
        }
        Ok(RetryPolicy {
            jitter,
            base_ms,
            factor,
            cap_ms,
            max_retries,
            previous_delay_ms: None,
        })
    }

    /// Celery `retry_backoff=True, retry_jitter=True`, `max_retries=3`.
    pub fn celery_default() -> Self {
        RetryPolicy {
            jitter: Jitter::Full,
            base_ms: 1_000.0,
            factor: 2.0,
            cap_ms: 600_000.0,
            max_retries: 3,
            previous_delay_ms: None,
        }
    }

    /// Seed 000's rate-limit schedule: 60·2ⁿ s, 3 retries, no jitter.
    pub fn seed_rate_limit() -> Self {
        RetryPolicy {
            jitter: Jitter::None,
            base_ms: 60_000.0,
            factor: 2.0,
            cap_ms: 600_000.0,
            max_retries: 3,
            previous_delay_ms: None,
        }
    }

    /// A preset by name: `celery_default` or `seed_rate_limit`.
    pub fn preset(name: &str) -> Result<Self> {
        match name {
            "celery_default" => Ok(Self::celery_default()),
            "seed_rate_limit" => Ok(Self::seed_rate_limit()),
            other => Err(Error::new(
                ErrorKind::InvalidConfig,
                "$.policy.preset",
                format!("unknown preset {other:?} (celery_default | seed_rate_limit)"),
            )),
        }
    }

    /// The same policy remembering the previous delay (decorrelated jitter).
    pub fn with_previous_delay_ms(mut self, ms: f64) -> Result<Self> {
        if !ms.is_finite() || ms < 0.0 {
            return Err(config_error(
                "previous_delay_ms",
                "must be a finite number ≥ 0",
            ));
        }
        self.previous_delay_ms = Some(ms);
        Ok(self)
    }

    /// A policy from JSON: a preset name (`"celery_default"`), or an object
    /// `{"preset"?, "jitter"?, "base_ms"?, "factor"?, "cap_ms"?,
    /// "max_retries"?, "previous_delay_ms"?}` whose fields override the preset
    /// (default preset: `celery_default`). Errors name `$.policy.<field>`.
    pub fn from_value(value: &serde_json::Value) -> Result<Self> {
        if let Some(name) = value.as_str() {
            return Self::preset(name);
        }
        let raw: RawPolicy = crate::json::from_value(value).map_err(|e| {
            Error::new(ErrorKind::InvalidConfig, e.path(), e.message()).under("$.policy")
        })?;
        let start = match raw.preset.as_deref() {
            Some(name) => Self::preset(name)?,
            None => Self::celery_default(),
        };
        let max_retries = match raw.max_retries {
            None => start.max_retries,
            Some(n)
                if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) =>
            {
                n as u32
            }
            Some(_) => return Err(config_error("max_retries", "must be a whole number ≥ 0")),
        };
        let policy = Self::new(
            raw.jitter.unwrap_or(start.jitter),
            raw.base_ms.unwrap_or(start.base_ms),
            raw.factor.unwrap_or(start.factor),
            raw.cap_ms.unwrap_or(start.cap_ms),
            max_retries,
        )?;
        match raw.previous_delay_ms {
            Some(ms) => policy.with_previous_delay_ms(ms),
            None => Ok(policy),
        }
    }

    /// The jitter mode.
    pub fn jitter(&self) -> Jitter {
        self.jitter
    }
    /// Base delay in milliseconds.
    pub fn base_ms(&self) -> f64 {
        self.base_ms
    }
    /// Multiplier per attempt.
    pub fn factor(&self) -> f64 {
        self.factor
    }
    /// Upper bound of every delay, in milliseconds.
    pub fn cap_ms(&self) -> f64 {
        self.cap_ms
    }
    /// Retries allowed after the first call.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }
    /// Previous delay (decorrelated jitter), if set.
    pub fn previous_delay_ms(&self) -> Option<f64> {
        self.previous_delay_ms
    }

    /// `min(cap, base · factorⁿ)`, overflow-safe.
    fn exponential(&self, attempt: u32) -> f64 {
        if self.base_ms == 0.0 {
            return 0.0;
        }
        let exponent = i32::try_from(attempt).unwrap_or(i32::MAX);
        (self.base_ms * self.factor.powi(exponent)).min(self.cap_ms)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    preset: Option<String>,
    jitter: Option<Jitter>,
    base_ms: Option<f64>,
    factor: Option<f64>,
    cap_ms: Option<f64>,
    max_retries: Option<f64>,
    previous_delay_ms: Option<f64>,
}

impl Serialize for RetryPolicy {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("RetryPolicy", 6)?;
        st.serialize_field("jitter", &self.jitter)?;
        st.serialize_field("base_ms", &metric_value(self.base_ms))?;
        st.serialize_field("factor", &metric_value(self.factor))?;
        st.serialize_field("cap_ms", &metric_value(self.cap_ms))?;
        st.serialize_field("max_retries", &self.max_retries)?;
        st.serialize_field(
            "previous_delay_ms",
            &self.previous_delay_ms.map(metric_value),
        )?;
        st.end()
    }
}

/// Why a retry was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GiveUpReason {
    /// An enforcement failure: final by contract.
    EnforcementFinal,
    /// The failure kind is not retryable.
    NotRetryable,
    /// `attempt ≥ max_retries`.
    RetriesExhausted,
}

/// Retry after `delay_ms`, or give up with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum RetryDecision {
    /// Retry after a delay.
    Retry {
        /// Milliseconds to wait before the next attempt.
        delay_ms: u64,
        /// Retry with a larger output budget (budget-starved runs).
        increase_budget: bool,
        /// The server's Retry-After raised the delay.
        retry_after_honoured: bool,
        /// The classified failure kind.
        failure_kind: FailureKind,
    },
    /// Do not retry.
    GiveUp {
        /// Why.
        reason: GiveUpReason,
        /// The classified failure kind.
        failure_kind: FailureKind,
    },
}

/// Decides retry-or-give-up for `attempt` (retries already made) under
/// `policy`; `random_unit` ∈ [0, 1) (else `invalid_input` at `$.random_unit`).
pub fn decide_retry(
    policy: &RetryPolicy,
    attempt: u32,
    failure: &Failure,
    random_unit: f64,
) -> Result<RetryDecision> {
    if !(0.0..1.0).contains(&random_unit) {
        return Err(Error::invalid_input(
            "$.random_unit",
            format!("random_unit must be in [0, 1), got {random_unit}"),
        ));
    }
    let failure_kind = failure.kind();
    if !failure_kind.is_retryable() {
        let reason = if failure_kind == FailureKind::Enforcement {
            GiveUpReason::EnforcementFinal
        } else {
            GiveUpReason::NotRetryable
        };
        return Ok(RetryDecision::GiveUp {
            reason,
            failure_kind,
        });
    }
    if attempt >= policy.max_retries {
        return Ok(RetryDecision::GiveUp {
            reason: GiveUpReason::RetriesExhausted,
            failure_kind,
        });
    }
    let backoff = if failure_kind == FailureKind::BudgetStarved {
        0.0
    } else {
        jittered(policy, attempt, random_unit)
    };
    let retry_after = failure.retry_after_ms().map(|ms| ms as f64);
    let wanted = retry_after.map_or(backoff, |ra| backoff.max(ra));
    let delay = wanted.min(policy.cap_ms).max(0.0).floor();
    Ok(RetryDecision::Retry {
        // 0 ≤ delay ≤ cap ≤ 2⁵³: the cast is exact.
        delay_ms: delay as u64,
        increase_budget: failure_kind == FailureKind::BudgetStarved,
        retry_after_honoured: retry_after.is_some_and(|ra| ra > backoff),
        failure_kind,
    })
}

fn jittered(policy: &RetryPolicy, attempt: u32, u: f64) -> f64 {
    match policy.jitter {
        Jitter::None => policy.exponential(attempt),
        Jitter::Full => u * policy.exponential(attempt),
        Jitter::Equal => {
            let v = policy.exponential(attempt);
            v / 2.0 + u * v / 2.0
        }
        Jitter::Decorrelated => {
            let base = policy.base_ms;
            let previous = policy.previous_delay_ms.unwrap_or(base);
            let upper = base.max((previous * 3.0).min(policy.cap_ms));
            (base + u * (upper - base)).min(policy.cap_ms)
        }
    }
}
