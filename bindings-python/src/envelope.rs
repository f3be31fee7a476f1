//! Bindings for `verity::outcome`'s response envelopes: `{data, meta}` and
//! `{error, meta}` with the correlation id and API version in `meta`.

use crate::convert;
use crate::outcome::{error_info, ExecutionResult};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use verity::outcome::{Envelope, ExecutionResult as CoreResult, Meta};

/// The envelope of a result given as an `ExecutionResult` or its JSON form
/// (errors in it are located under `$.result`).
#[pyfunction]
#[pyo3(signature = (result, *, version, correlation_id=None, extra=None))]
pub fn envelope_from_result<'py>(
    result: &Bound<'py, PyAny>,
    version: &Bound<'py, PyAny>,
    correlation_id: Option<&Bound<'py, PyAny>>,
    extra: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = result.py();
    let result = match result.cast::<ExecutionResult>() {
        Ok(r) => r.get().inner.clone(),
        Err(_) => {
            let value = convert::document(result)?;
            convert::call(py, || {
                CoreResult::from_value(&value).map_err(|e| e.under("$.result"))
            })?
        }
    };
    let meta = meta(py, version, correlation_id, extra)?;
    let envelope = convert::call(py, || Envelope::from_result(&result, meta))?;
    convert::output(py, &envelope)
}

pub(crate) fn meta(
    py: Python<'_>,
    version: &Bound<'_, PyAny>,
    correlation_id: Option<&Bound<'_, PyAny>>,
    extra: Option<&Bound<'_, PyAny>>,
) -> PyResult<Meta> {
    let mut meta = Meta::new(convert::string(version, "version")?);
    if let Some(id) = convert::optional_string(correlation_id, "correlation_id")? {
        meta = meta.with_correlation_id(id);
    }
    if let Some(extra) = extra.filter(|e| !e.is_none()) {
        let dict = extra.cast::<PyDict>().map_err(|_| {
            crate::errors::invalid_input(py, "$.meta", "extra must be a dict of JSON values")
        })?;
        for (key, value) in dict.iter() {
            let key = convert::string_at(&key, "$.meta")?;
            let value = convert::value(&value)
                .map_err(|e| convert::reroot(py, e, &verity::error::field_path("$.meta", &key)))?;
            meta = convert::call(py, || meta.clone().with_extra(key, value))?;
        }
    }
    Ok(meta)
}

/// `{"data": data, "meta": {"correlation_id", "version", ...extra}}`.
#[pyfunction]
#[pyo3(signature = (data, *, version, correlation_id=None, extra=None))]
pub fn data_envelope<'py>(
    data: &Bound<'py, PyAny>,
    version: &Bound<'py, PyAny>,
    correlation_id: Option<&Bound<'py, PyAny>>,
    extra: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = data.py();
    let data = convert::value_named(data, "data")?;
    let meta = meta(py, version, correlation_id, extra)?;
    convert::output(py, &Envelope::data(data, meta))
}

/// `{"error": {"code", "message", "retryable"}, "meta": {...}}`.
#[pyfunction]
#[pyo3(signature = (code, message, *, version, retryable=None, correlation_id=None, extra=None))]
pub fn error_envelope<'py>(
    code: &Bound<'py, PyAny>,
    message: &Bound<'py, PyAny>,
    version: &Bound<'py, PyAny>,
    retryable: Option<&Bound<'py, PyAny>>,
    correlation_id: Option<&Bound<'py, PyAny>>,
    extra: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = code.py();
    let error = error_info(
        py,
        convert::string(code, "code")?,
        convert::string(message, "message")?,
        convert::boolean(retryable, "retryable", false)?,
    )?;
    let meta = meta(py, version, correlation_id, extra)?;
    convert::output(py, &Envelope::error(error, meta))
}

/// Validates an envelope (exactly one of `data`/`error`, plus `meta`) and
/// returns its normalised JSON form.
#[pyfunction]
pub fn parse_envelope<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = value.py();
    let value = convert::document(value)?;
    let envelope = convert::call(py, || Envelope::from_value(&value))?;
    convert::output(py, &envelope)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(envelope_from_result, m)?)?;
    m.add_function(wrap_pyfunction!(data_envelope, m)?)?;
    m.add_function(wrap_pyfunction!(error_envelope, m)?)?;
    m.add_function(wrap_pyfunction!(parse_envelope, m)?)?;
    Ok(())
}
