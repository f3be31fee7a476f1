//! JSON-level entry points: one function per operation, taking the keyword
//! arguments as one JSON object and returning the output's JSON form. The
//! conformance vectors (`tests/vectors/outcome/`) call exactly these, and
//! bindings may too, so that argument errors name the same paths everywhere.
//!
//! Error paths: an operation over one document (`execution_result_from_dict`,
//! `aggregate_results`) roots paths at that document (`$.ok`,
//! `$[2].metrics.x`); operations with several arguments root them at the
//! argument's name (`$.policy.base_ms`, `$.random_unit`, `$.failure.kind`).

use super::{
    aggregate_results, classify_failure, decide_retry, Envelope, ErrorInfo, ExecutionResult,
    Failure, FailureSignal, Meta, RetryPolicy,
};
use crate::auditlog::Timestamp;
use crate::error::{Error, Result};
use serde_json::Value;
use std::collections::BTreeMap;

fn to_json<T: serde::Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| Error::invalid_input("$", e.to_string()))
}

fn arg<'a>(args: &'a Value, name: &str) -> Option<&'a Value> {
    args.get(name).filter(|v| !v.is_null())
}

fn required<'a>(args: &'a Value, name: &str) -> Result<&'a Value> {
    arg(args, name).ok_or_else(|| Error::missing_field(format!("$.{name}")))
}

fn typed<T: serde::de::DeserializeOwned>(args: &Value, name: &str) -> Result<Option<T>> {
    arg(args, name)
        .map(|v| crate::json::from_value(v).map_err(|e| e.under(&format!("$.{name}"))))
        .transpose()
}

/// Optional `now` argument (RFC 3339), path `$.now`.
pub(crate) fn now_arg(args: &Value) -> Result<Option<Timestamp>> {
    match arg(args, "now") {
        None => Ok(None),
        Some(Value::String(text)) => Timestamp::parse_rfc3339(text, "$.now").map(Some),
        Some(_) => Err(Error::invalid_input("$.now", "expected an RFC 3339 string")),
    }
}

/// `{value}` → the result's JSON form (invariants enforced; paths rooted at the value).
pub fn execution_result_from_dict(args: &Value) -> Result<Value> {
    to_json(&ExecutionResult::from_value(required(args, "value")?)?)
}

/// Applies the optional keyword arguments shared by the three factories.
fn with_options(mut result: ExecutionResult, args: &Value) -> Result<Value> {
    if let Some(metrics) = typed::<BTreeMap<String, f64>>(args, "metrics")? {
        result = result.with_metrics(metrics)?;
    }
    if let Some(id) = typed::<String>(args, "correlation_id")? {
        result = result.with_correlation_id(id);
    }
    if let Some(resolved) = typed::<bool>(args, "error_resolved")? {
        result = result.with_error_resolved(resolved)?;
    }
    to_json(&result)
}

/// `{data?, metrics?, correlation_id?, error_resolved?}` → a success.
pub fn execution_result_success(args: &Value) -> Result<Value> {
    with_options(ExecutionResult::success(arg(args, "data").cloned()), args)
}

/// `{error, metrics?, correlation_id?}` → a failure.
pub fn execution_result_failure(args: &Value) -> Result<Value> {
    let error: ErrorInfo =
        crate::json::from_value(required(args, "error")?).map_err(|e| e.under("$.error"))?;
    with_options(ExecutionResult::failure(error), args)
}

/// `{data?, error?, metrics?, correlation_id?, error_resolved?}` → a partial result.
pub fn execution_result_partial(args: &Value) -> Result<Value> {
    let error = typed::<ErrorInfo>(args, "error")?;
    with_options(
        ExecutionResult::partial(arg(args, "data").cloned(), error),
        args,
    )
}

/// `{results: [...]}` → the summary (paths rooted at the list).
pub fn aggregate_results_json(args: &Value) -> Result<Value> {
    let list = required(args, "results")?
        .as_array()
        .ok_or_else(|| Error::invalid_input("$.results", "expected an array of results"))?;
    let results = list
        .iter()
        .enumerate()
        .map(|(i, v)| ExecutionResult::from_value(v).map_err(|e| e.under(&format!("$[{i}]"))))
        .collect::<Result<Vec<_>>>()?;
    to_json(&aggregate_results(&results)?)
}

/// `{result, version, correlation_id?, extra?}` → the envelope.
pub fn envelope_from_result(args: &Value) -> Result<Value> {
    let result =
        ExecutionResult::from_value(required(args, "result")?).map_err(|e| e.under("$.result"))?;
    let version =
        typed::<String>(args, "version")?.ok_or_else(|| Error::missing_field("$.version"))?;
    let mut meta = Meta::new(version);
    if let Some(id) = typed::<String>(args, "correlation_id")? {
        meta = meta.with_correlation_id(id);
    }
    for (key, value) in typed::<BTreeMap<String, Value>>(args, "extra")?.unwrap_or_default() {
        meta = meta.with_extra(key, value)?;
    }
    to_json(&Envelope::from_result(&result, meta)?)
}

/// `{signal, now?}` → the classified failure.
pub fn classify_failure_json(args: &Value) -> Result<Value> {
    let signal = typed::<FailureSignal>(args, "signal")?.unwrap_or_default();
    to_json(&classify_failure(&signal, now_arg(args)?)?)
}

/// `{policy, attempt, failure, random_unit}` → the decision.
pub fn decide_retry_json(args: &Value) -> Result<Value> {
    let policy = RetryPolicy::from_value(required(args, "policy")?)?;
    let attempt = required(args, "attempt")?
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| {
            Error::invalid_input("$.attempt", "expected a whole number 0..=4294967295")
        })?;
    let failure =
        typed::<Failure>(args, "failure")?.ok_or_else(|| Error::missing_field("$.failure"))?;
    let random_unit = required(args, "random_unit")?
        .as_f64()
        .ok_or_else(|| Error::invalid_input("$.random_unit", "expected a number in [0, 1)"))?;
    to_json(&decide_retry(&policy, attempt, &failure, random_unit)?)
}
