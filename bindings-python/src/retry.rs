//! Bindings for `verity::outcome`'s failure classification and retry
//! decisions (the clock and the random draw are the host's arguments).

use crate::convert;
use pyo3::prelude::*;
use serde_json::Value;
use verity::auditlog::Timestamp;
use verity::outcome::{self, Failure, FailureSignal, RetryPolicy};

fn rfc3339(
    py: Python<'_>,
    obj: Option<&Bound<'_, PyAny>>,
    path: &str,
) -> PyResult<Option<Timestamp>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let text = if let Ok(s) = obj.cast::<pyo3::types::PyString>() {
        s.to_cow()?.into_owned()
    } else {
        let datetime = py.import("datetime")?.getattr("datetime")?;
        if !obj.is_instance(&datetime)? || obj.getattr("tzinfo")?.is_none() {
            return Err(crate::errors::invalid_input(
                py,
                path,
                "expected RFC 3339 text or a timezone-aware datetime",
            ));
        }
        let utc = py.import("datetime")?.getattr("timezone")?.getattr("utc")?;
        obj.call_method1("astimezone", (utc,))?
            .call_method1("strftime", ("%Y-%m-%dT%H:%M:%S.%fZ",))?
            .extract::<String>()?
    };
    convert::call(py, || Timestamp::parse_rfc3339(&text, path)).map(Some)
}

/// Classifies what the host observed about a failed call (`http_status`,
/// `error_code`, `timed_out`, `connection_failed`, `budget_starved`,
/// `retry_after`, `retry_after_ms`) into a failure `{kind, retryable, ...}`.
/// `now` (RFC 3339 or aware datetime) is needed for an HTTP-date Retry-After.
#[pyfunction]
#[pyo3(signature = (signal, now=None))]
pub fn classify_failure<'py>(
    signal: &Bound<'py, PyAny>,
    now: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = signal.py();
    let value = convert::document(signal)?;
    let now = rfc3339(py, now, "$.now")?;
    let failure = convert::call(py, || {
        let signal: FailureSignal =
            verity::json::from_value(&value).map_err(|e| e.under("$.signal"))?;
        outcome::classify_failure(&signal, now)
    })?;
    convert::output(py, &failure)
}

/// Retry or give up for `attempt` (retries already made) under `policy` (a
/// preset name or `{"preset"?, "jitter"?, "base_ms"?, "factor"?, "cap_ms"?,
/// "max_retries"?, "previous_delay_ms"?}`), for a classified `failure`, with
/// `random_unit` ∈ [0, 1) drawn by the host.
#[pyfunction]
pub fn decide_retry<'py>(
    policy: &Bound<'py, PyAny>,
    attempt: &Bound<'py, PyAny>,
    failure: &Bound<'py, PyAny>,
    random_unit: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = policy.py();
    let policy = if let Ok(name) = policy.cast::<pyo3::types::PyString>() {
        Value::String(name.to_cow()?.into_owned())
    } else {
        convert::value_named(policy, "policy")?
    };
    let attempt = convert::unsigned(attempt, "attempt")?;
    let failure = convert::document(failure)?;
    let random_unit = convert::float(random_unit, "random_unit")?;
    let decision = convert::call(py, || {
        let policy = RetryPolicy::from_value(&policy)?;
        let failure: Failure =
            verity::json::from_value(&failure).map_err(|e| e.under("$.failure"))?;
        let attempt = u32::try_from(attempt)
            .map_err(|_| verity::Error::invalid_input("$.attempt", "attempt is too large"))?;
        outcome::decide_retry(&policy, attempt, &failure, random_unit)
    })?;
    convert::output(py, &decision)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(classify_failure, m)?)?;
    m.add_function(wrap_pyfunction!(decide_retry, m)?)?;
    Ok(())
}
