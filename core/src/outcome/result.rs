//! `ExecutionResult`: one executor's outcome, immutable once built.
//!
//! Invariants, checked by every constructor and by deserialisation:
//! - `ok` is true exactly when `status` is `success`;
//! - a `failure` carries an `error` and has `error_resolved: false`;
//! - a `success` carries no `error` (a `partial` may or may not);
//! - `error.code` is a non-empty string; every metric is a finite number.
//!
//! Serialised form (field order fixed, absent options are `null`):
//! `{"ok", "status", "error_resolved", "metrics", "error", "data", "correlation_id"}`.
//! Metrics that are whole numbers within ±2⁵³ serialise as integers (`3`,
//! not `3.0`), so the JSON form is the same in every language. On input,
//! `metrics`, `error_resolved`, `error`, `data` and `correlation_id` may be
//! absent; unknown fields are refused (a misspelt field is never dropped
//! silently from a contract).

use crate::error::{field_path, Error, ErrorKind, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;

/// `success` | `failure` | `partial`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The action did what was asked.
    Success,
    /// The action did not; an error says why.
    Failure,
    /// Part of the work was done.
    Partial,
}

impl Status {
    /// `"success"`, `"failure"` or `"partial"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Success => "success",
            Status::Failure => "failure",
            Status::Partial => "partial",
        }
    }
}

/// The error of a failed (or partial) result: `{code, message, retryable}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorInfo {
    code: String,
    message: String,
    retryable: bool,
}

impl ErrorInfo {
    /// A new error; `code` must be non-empty (`invalid_input` at `$.code`).
    pub fn new(
        code: impl Into<String>,
        message: impl Into<String>,
        retryable: bool,
    ) -> Result<Self> {
        let code = code.into();
        if code.is_empty() {
            return Err(Error::invalid_input(
                "$.code",
                "error code must be a non-empty string",
            ));
        }
        Ok(ErrorInfo {
            code,
            message: message.into(),
            retryable,
        })
    }

    /// Stable machine-readable code, e.g. `rate_limit_exceeded`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the failing action may be retried.
    pub fn retryable(&self) -> bool {
        self.retryable
    }
}

/// A non-empty error code (so the deserialisation error names `code`).
struct Code(String);

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        if code.is_empty() {
            return Err(serde::de::Error::custom(
                "error code must be a non-empty string",
            ));
        }
        Ok(Code(code))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawErrorInfo {
    code: Code,
    #[serde(default)]
    message: String,
    #[serde(default)]
    retryable: bool,
}

impl<'de> Deserialize<'de> for ErrorInfo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = RawErrorInfo::deserialize(d)?;
        Ok(ErrorInfo {
            code: raw.code.0,
            message: raw.message,
            retryable: raw.retryable,
        })
    }
}

/// One executor's outcome. Fields are private: build with
/// [`ExecutionResult::success`], [`ExecutionResult::failure`],
/// [`ExecutionResult::partial`] and the `with_*` methods (each returns a new
/// value), or deserialise; read with the getters.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecutionResult {
    status: Status,
    error_resolved: bool,
    metrics: BTreeMap<String, f64>,
    error: Option<ErrorInfo>,
    data: Option<Value>,
    correlation_id: Option<String>,
}

impl ExecutionResult {
    /// A success carrying optional `data`.
    pub fn success(data: Option<Value>) -> Self {
        Self::bare(Status::Success, None, data)
    }

    /// A failure carrying its `error`.
    pub fn failure(error: ErrorInfo) -> Self {
        Self::bare(Status::Failure, Some(error), None)
    }

    /// A partial result: some `data`, optionally the error that stopped the rest.
    pub fn partial(data: Option<Value>, error: Option<ErrorInfo>) -> Self {
        Self::bare(Status::Partial, error, data)
    }

    fn bare(status: Status, error: Option<ErrorInfo>, data: Option<Value>) -> Self {
        ExecutionResult {
            status,
            error_resolved: false,
            metrics: BTreeMap::new(),
            error,
            data: data.filter(|d| !d.is_null()),
            correlation_id: None,
        }
    }

    /// The same result with `metrics` replacing the current ones; a
    /// non-finite value is `invalid_input` at `$.metrics.<name>`.
    pub fn with_metrics(mut self, metrics: BTreeMap<String, f64>) -> Result<Self> {
        check_metrics(&metrics)?;
        self.metrics = metrics;
        Ok(self)
    }

    /// The same result with one metric added or replaced.
    pub fn with_metric(mut self, name: impl Into<String>, value: f64) -> Result<Self> {
        let name = name.into();
        if !value.is_finite() {
            return Err(non_finite(&name));
        }
        self.metrics.insert(name, value);
        Ok(self)
    }

    /// The same result with `error_resolved` set; a failure cannot claim it
    /// resolved its error (`invariant_violation` at `$.error_resolved`).
    pub fn with_error_resolved(mut self, resolved: bool) -> Result<Self> {
        self.error_resolved = resolved;
        self.check()?;
        Ok(self)
    }

    /// The same result with a correlation id.
    pub fn with_correlation_id(mut self, id: impl Into<String>) -> Self {
        self.correlation_id = Some(id.into());
        self
    }

    /// Builds a result from its JSON form, enforcing every invariant; errors
    /// name the field (`$.ok`, `$.error`, `$.metrics.latency_ms`, ...).
    pub fn from_value(value: &Value) -> Result<Self> {
        let raw: RawResult = crate::json::from_value(value)?;
        raw.into_result()
    }

    /// RFC 8785 canonical bytes of the JSON form (for the log and contracts).
    pub fn to_canonical_json(&self) -> Result<Vec<u8>> {
        let value =
            serde_json::to_value(self).map_err(|e| Error::invalid_input("$", e.to_string()))?;
        crate::dedup::canonical_json(&value)
    }

    /// True exactly for `success`.
    pub fn ok(&self) -> bool {
        self.status == Status::Success
    }

    /// `success`, `failure` or `partial`.
    pub fn status(&self) -> Status {
        self.status
    }

    /// Whether the action resolved the error it was run for.
    pub fn error_resolved(&self) -> bool {
        self.error_resolved
    }

    /// Named numeric metrics, sorted by name.
    pub fn metrics(&self) -> &BTreeMap<String, f64> {
        &self.metrics
    }

    /// The error, always present on a failure.
    pub fn error(&self) -> Option<&ErrorInfo> {
        self.error.as_ref()
    }

    /// The payload, if any.
    pub fn data(&self) -> Option<&Value> {
        self.data.as_ref()
    }

    /// The correlation id, if any.
    pub fn correlation_id(&self) -> Option<&str> {
        self.correlation_id.as_deref()
    }

    fn check(&self) -> Result<()> {
        match (self.status, &self.error) {
            (Status::Failure, None) => Err(Error::new(
                ErrorKind::InvariantViolation,
                "$.error",
                "a failure must carry an error {code, message, retryable}",
            )),
            (Status::Success, Some(_)) => Err(Error::new(
                ErrorKind::InvariantViolation,
                "$.error",
                "a success carries no error (use partial for work done despite an error)",
            )),
            (Status::Failure, Some(_)) if self.error_resolved => Err(Error::new(
                ErrorKind::InvariantViolation,
                "$.error_resolved",
                "a failure cannot have resolved its error",
            )),
            _ => Ok(()),
        }
    }
}

fn non_finite(name: &str) -> Error {
    Error::invalid_input(
        field_path("$.metrics", name),
        "metric values must be finite numbers",
    )
}

fn check_metrics(metrics: &BTreeMap<String, f64>) -> Result<()> {
    match metrics.iter().find(|(_, v)| !v.is_finite()) {
        Some((name, _)) => Err(non_finite(name)),
        None => Ok(()),
    }
}

/// A metric as JSON: whole numbers within ±2⁵³ as integers, others as floats.
pub(crate) fn metric_value(v: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if v.fract() == 0.0 && v.abs() <= EXACT {
        // Exact: |v| ≤ 2⁵³ and integral, so the cast loses nothing.
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

pub(crate) struct MetricsJson<'a>(pub(crate) &'a BTreeMap<String, f64>);

impl Serialize for MetricsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, metric_value(*v))))
    }
}

impl Serialize for ExecutionResult {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ExecutionResult", 7)?;
        st.serialize_field("ok", &self.ok())?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("error_resolved", &self.error_resolved)?;
        st.serialize_field("metrics", &MetricsJson(&self.metrics))?;
        st.serialize_field("error", &self.error)?;
        st.serialize_field("data", &self.data)?;
        st.serialize_field("correlation_id", &self.correlation_id)?;
        st.end()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResult {
    ok: bool,
    status: Status,
    #[serde(default)]
    error_resolved: bool,
    #[serde(default)]
    metrics: BTreeMap<String, f64>,
    #[serde(default)]
    error: Option<ErrorInfo>,
    #[serde(default)]
    data: Option<Value>,
    #[serde(default)]
    correlation_id: Option<String>,
}

impl RawResult {
    fn into_result(self) -> Result<ExecutionResult> {
        if self.ok != (self.status == Status::Success) {
            return Err(Error::new(
                ErrorKind::InvariantViolation,
                "$.ok",
                format!(
                    "ok is {} but status is {:?}: ok must be true exactly for success",
                    self.ok,
                    self.status.as_str()
                ),
            ));
        }
        check_metrics(&self.metrics)?;
        let result = ExecutionResult {
            status: self.status,
            error_resolved: self.error_resolved,
            metrics: self.metrics,
            error: self.error,
            data: self.data.filter(|d| !d.is_null()),
            correlation_id: self.correlation_id,
        };
        result.check()?;
        Ok(result)
    }
}

impl<'de> Deserialize<'de> for ExecutionResult {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        RawResult::deserialize(d)?
            .into_result()
            .map_err(|e| serde::de::Error::custom(format!("{}: {}", e.path(), e.message())))
    }
}

impl TryFrom<&Value> for ExecutionResult {
    type Error = Error;
    fn try_from(value: &Value) -> Result<Self> {
        ExecutionResult::from_value(value)
    }
}
