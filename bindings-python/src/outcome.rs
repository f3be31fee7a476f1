//! Bindings for `verity::outcome`: the immutable `ExecutionResult` and its
//! aggregation (envelopes: `envelope.rs`; retries: `retry.rs`).

use crate::convert;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use serde_json::Value;
use std::collections::BTreeMap;
use verity::outcome::{self, Envelope, ErrorInfo, ExecutionResult as CoreResult};

/// One executor's outcome. Immutable (`frozen`): build with `success`,
/// `failure`, `partial` or `from_dict`; the invariants (`ok` ⇔ success, a
/// failure carries an error, finite metrics) hold for every instance.
#[pyclass(frozen, eq, module = "verity", name = "ExecutionResult")]
#[derive(PartialEq)]
pub struct ExecutionResult {
    pub(crate) inner: CoreResult,
}

fn metrics_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<BTreeMap<String, f64>>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let value = convert::value_named(obj, "metrics")?;
    let py = obj.py();
    convert::call(py, || {
        verity::json::from_value::<BTreeMap<String, f64>>(&value).map_err(|e| e.under("$.metrics"))
    })
    .map(Some)
}

fn optional_data(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Value>> {
    match obj {
        Some(o) if !o.is_none() => convert::value_named(o, "data").map(Some),
        _ => Ok(None),
    }
}

/// Applies the keyword options shared by the factories (same order and
/// paths as the core's JSON operations: metrics, correlation id, resolved).
fn finish(
    py: Python<'_>,
    result: CoreResult,
    metrics: Option<&Bound<'_, PyAny>>,
    correlation_id: Option<&Bound<'_, PyAny>>,
    error_resolved: Option<&Bound<'_, PyAny>>,
) -> PyResult<ExecutionResult> {
    let metrics = metrics_arg(metrics)?;
    let correlation_id = convert::optional_string(correlation_id, "correlation_id")?;
    let resolved = match error_resolved.filter(|r| !r.is_none()) {
        Some(r) => Some(convert::boolean(Some(r), "error_resolved", false)?),
        None => None,
    };
    let inner = convert::call(py, || {
        let mut result = match metrics {
            Some(m) => result.with_metrics(m)?,
            None => result,
        };
        if let Some(id) = correlation_id {
            result = result.with_correlation_id(id);
        }
        if let Some(resolved) = resolved {
            result = result.with_error_resolved(resolved)?;
        }
        Ok(result)
    })?;
    Ok(ExecutionResult { inner })
}

fn error_arg(py: Python<'_>, error: &Bound<'_, PyAny>) -> PyResult<ErrorInfo> {
    let value = convert::value_named(error, "error")?;
    convert::call(py, || {
        verity::json::from_value::<ErrorInfo>(&value).map_err(|e| e.under("$.error"))
    })
}

pub(crate) fn error_info(
    py: Python<'_>,
    code: String,
    message: String,
    retryable: bool,
) -> PyResult<ErrorInfo> {
    convert::call(py, || {
        ErrorInfo::new(code, message, retryable).map_err(|e| e.under("$.error"))
    })
}

#[pymethods]
impl ExecutionResult {
    /// A success carrying optional `data` (any JSON-compatible value).
    #[staticmethod]
    #[pyo3(signature = (data=None, *, metrics=None, correlation_id=None, error_resolved=None))]
    fn success(
        py: Python<'_>,
        data: Option<&Bound<'_, PyAny>>,
        metrics: Option<&Bound<'_, PyAny>>,
        correlation_id: Option<&Bound<'_, PyAny>>,
        error_resolved: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let data = optional_data(data)?;
        finish(
            py,
            CoreResult::success(data),
            metrics,
            correlation_id,
            error_resolved,
        )
    }

    /// A failure with its error `{code, message, retryable}`.
    #[staticmethod]
    #[pyo3(signature = (code, message, *, retryable=None, metrics=None, correlation_id=None))]
    fn failure(
        py: Python<'_>,
        code: &Bound<'_, PyAny>,
        message: &Bound<'_, PyAny>,
        retryable: Option<&Bound<'_, PyAny>>,
        metrics: Option<&Bound<'_, PyAny>>,
        correlation_id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let error = error_info(
            py,
            convert::string(code, "code")?,
            convert::string(message, "message")?,
            convert::boolean(retryable, "retryable", false)?,
        )?;
        finish(
            py,
            CoreResult::failure(error),
            metrics,
            correlation_id,
            None,
        )
    }

    /// A partial result: some `data`, optionally the `error` that stopped
    /// the rest (`{"code", "message", "retryable"?}`).
    #[staticmethod]
    #[pyo3(signature = (data=None, *, error=None, metrics=None, correlation_id=None, error_resolved=None))]
    fn partial(
        py: Python<'_>,
        data: Option<&Bound<'_, PyAny>>,
        error: Option<&Bound<'_, PyAny>>,
        metrics: Option<&Bound<'_, PyAny>>,
        correlation_id: Option<&Bound<'_, PyAny>>,
        error_resolved: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let data = optional_data(data)?;
        let error = match error.filter(|e| !e.is_none()) {
            Some(e) => Some(error_arg(py, e)?),
            None => None,
        };
        let result = CoreResult::partial(data, error);
        finish(py, result, metrics, correlation_id, error_resolved)
    }

    /// A result from its JSON form (dict, str or bytes), every invariant checked.
    #[staticmethod]
    fn from_dict(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = value.py();
        let value = convert::document(value)?;
        let inner = convert::call(py, || CoreResult::from_value(&value))?;
        Ok(ExecutionResult { inner })
    }

    /// True exactly for `success`.
    #[getter]
    fn ok(&self) -> bool {
        self.inner.ok()
    }

    /// `"success"`, `"failure"` or `"partial"` (read-only).
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.status().as_str()
    }

    #[getter]
    fn error_resolved(&self) -> bool {
        self.inner.error_resolved()
    }

    /// Named metrics (a new dict each time).
    #[getter]
    fn metrics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::output(py, self.inner.metrics())
    }

    /// `{"code", "message", "retryable"}` or `None`.
    #[getter]
    fn error<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::output(py, &self.inner.error())
    }

    /// The payload (a new Python value each time) or `None`.
    #[getter]
    fn data<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::output(py, &self.inner.data())
    }

    #[getter]
    fn correlation_id(&self) -> Option<&str> {
        self.inner.correlation_id()
    }

    /// The same result with `error_resolved` set (a failure cannot claim it).
    fn with_error_resolved(&self, py: Python<'_>, resolved: &Bound<'_, PyAny>) -> PyResult<Self> {
        let resolved = convert::boolean(Some(resolved), "error_resolved", false)?;
        let inner = convert::call(py, || self.inner.clone().with_error_resolved(resolved))?;
        Ok(ExecutionResult { inner })
    }

    /// `{"ok", "status", "error_resolved", "metrics", "error", "data", "correlation_id"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::output(py, &self.inner)
    }

    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        convert::to_json(py, &self.inner)
    }

    /// RFC 8785 canonical bytes (for the audit log and contracts).
    fn to_canonical_json<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = convert::call(py, || self.inner.to_canonical_json())?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// The response envelope: failure → `{error, meta}`, else `{data, meta}`.
    #[pyo3(signature = (*, version, correlation_id=None, extra=None))]
    fn envelope<'py>(
        &self,
        py: Python<'py>,
        version: &Bound<'py, PyAny>,
        correlation_id: Option<&Bound<'py, PyAny>>,
        extra: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let meta = crate::envelope::meta(py, version, correlation_id, extra)?;
        let envelope = convert::call(py, || Envelope::from_result(&self.inner, meta))?;
        convert::output(py, &envelope)
    }

    fn __repr__(&self) -> String {
        format!(
            "ExecutionResult(status='{}', ok={})",
            self.inner.status().as_str(),
            if self.inner.ok() { "True" } else { "False" }
        )
    }
}

/// `ExecutionResult.from_dict` as a function (the conformance-vector op).
#[pyfunction]
pub fn execution_result_from_dict(value: &Bound<'_, PyAny>) -> PyResult<ExecutionResult> {
    ExecutionResult::from_dict(value)
}

/// A success (vector op `execution_result_success`).
#[pyfunction]
#[pyo3(signature = (data=None, *, metrics=None, correlation_id=None, error_resolved=None))]
pub fn execution_result_success(
    py: Python<'_>,
    data: Option<&Bound<'_, PyAny>>,
    metrics: Option<&Bound<'_, PyAny>>,
    correlation_id: Option<&Bound<'_, PyAny>>,
    error_resolved: Option<&Bound<'_, PyAny>>,
) -> PyResult<ExecutionResult> {
    ExecutionResult::success(py, data, metrics, correlation_id, error_resolved)
}

/// A failure from its error dict `{code, message, retryable?}` (vector op
/// `execution_result_failure`; a missing error is `missing_field` at `$.error`).
#[pyfunction]
#[pyo3(signature = (error=None, *, metrics=None, correlation_id=None, error_resolved=None))]
pub fn execution_result_failure(
    py: Python<'_>,
    error: Option<&Bound<'_, PyAny>>,
    metrics: Option<&Bound<'_, PyAny>>,
    correlation_id: Option<&Bound<'_, PyAny>>,
    error_resolved: Option<&Bound<'_, PyAny>>,
) -> PyResult<ExecutionResult> {
    let error = match error.filter(|e| !e.is_none()) {
        Some(e) => error_arg(py, e)?,
        None => {
            return Err(crate::errors::to_py(
                py,
                &verity::Error::missing_field("$.error"),
            ))
        }
    };
    finish(
        py,
        CoreResult::failure(error),
        metrics,
        correlation_id,
        error_resolved,
    )
}

/// A partial result (vector op `execution_result_partial`).
#[pyfunction]
#[pyo3(signature = (data=None, *, error=None, metrics=None, correlation_id=None, error_resolved=None))]
pub fn execution_result_partial(
    py: Python<'_>,
    data: Option<&Bound<'_, PyAny>>,
    error: Option<&Bound<'_, PyAny>>,
    metrics: Option<&Bound<'_, PyAny>>,
    correlation_id: Option<&Bound<'_, PyAny>>,
    error_resolved: Option<&Bound<'_, PyAny>>,
) -> PyResult<ExecutionResult> {
    ExecutionResult::partial(py, data, error, metrics, correlation_id, error_resolved)
}

fn results_from(py: Python<'_>, results: &Bound<'_, PyAny>) -> PyResult<Vec<CoreResult>> {
    let items: Vec<Bound<'_, PyAny>> = results.try_iter()?.collect::<PyResult<_>>()?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            if let Ok(r) = item.cast::<ExecutionResult>() {
                return Ok(r.get().inner.clone());
            }
            let value = convert::document(item)?;
            convert::call(py, || {
                CoreResult::from_value(&value)
                    .map_err(|e| e.under(&verity::error::index_path("$", i)))
            })
        })
        .collect()
}

/// Summary of many results: counts by status, error codes, metric sums.
#[pyfunction]
pub fn aggregate_results<'py>(results: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = results.py();
    let results = results_from(py, results)?;
    let summary = convert::call(py, || outcome::aggregate_results(&results))?;
    convert::output(py, &summary)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ExecutionResult>()?;
    m.add_function(wrap_pyfunction!(execution_result_from_dict, m)?)?;
    m.add_function(wrap_pyfunction!(execution_result_success, m)?)?;
    m.add_function(wrap_pyfunction!(execution_result_failure, m)?)?;
    m.add_function(wrap_pyfunction!(execution_result_partial, m)?)?;
    m.add_function(wrap_pyfunction!(aggregate_results, m)?)?;
    Ok(())
}
