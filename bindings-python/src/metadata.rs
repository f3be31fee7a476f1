//! Bindings for `verity::metadata`: provider and API detection.

use crate::convert;
use pyo3::prelude::*;

/// Provider of a model id: `"openai"`, `"google"`, `"anthropic"` or `"unknown"`.
#[pyfunction]
pub fn detect_provider(py: Python<'_>, model_id: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let model_id = convert::string(model_id, "model_id")?;
    convert::call(py, || {
        Ok(verity::metadata::detect_provider(&model_id).as_str())
    })
}

/// The API a raw response body came from (`"openai_responses"`,
/// `"openai_chat"`, `"gemini"`, `"anthropic_messages"`), or `None`.
#[pyfunction]
pub fn detect_api(response: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    let body = convert::document(response)?;
    convert::call(response.py(), || {
        Ok(verity::metadata::detect_api(&body).map(|api| api.as_str()))
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(detect_provider, m)?)?;
    m.add_function(wrap_pyfunction!(detect_api, m)?)?;
    Ok(())
}
