//! Bindings for `verity::metadata`: provider and API detection, response
//! metadata, provider version keys, OpenTelemetry GenAI attributes.

use crate::convert;
use pyo3::prelude::*;
use verity::metadata::{self, Api, OtelOptions, Platform};

/// Provider of a model id: `"openai"`, `"google"`, `"anthropic"` or `"unknown"`.
#[pyfunction]
pub fn detect_provider(py: Python<'_>, model_id: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let model_id = convert::string(model_id, "model_id")?;
    convert::call(py, || Ok(metadata::detect_provider(&model_id).as_str()))
}

/// The API a raw response body came from (`"openai_responses"`,
/// `"openai_chat"`, `"gemini"`, `"anthropic_messages"`), or `None`.
#[pyfunction]
pub fn detect_api(response: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    let body = convert::document(response)?;
    convert::call(response.py(), || {
        Ok(metadata::detect_api(&body).map(|api| api.as_str()))
    })
}

/// Response metadata as its JSON dict (the Python layer wraps it in
/// `verity.ResponseMetadata`). `api` overrides shape detection.
#[pyfunction]
#[pyo3(signature = (response, *, api=None))]
pub fn extract_metadata<'py>(
    response: &Bound<'py, PyAny>,
    api: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = response.py();
    let body = convert::document(response)?;
    let api: Option<Api> = convert::optional_enum(api, "api")?;
    let meta = convert::call(py, || match api {
        Some(api) => metadata::extract_metadata_with_api(&body, api),
        None => metadata::extract_metadata(&body),
    })?;
    convert::output(py, &meta)
}

/// The provider version key (OpenAI `system_fingerprint` or `"unknown"`,
/// Google `modelVersion` → ... → `model`, Anthropic response `model` → `model`).
#[pyfunction]
#[pyo3(signature = (response, model=None))]
pub fn provider_version_key(
    response: &Bound<'_, PyAny>,
    model: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let py = response.py();
    let body = convert::document(response)?;
    let model = convert::optional_string(model, "model")?;
    convert::call(py, || {
        metadata::provider_version_key(&body, model.as_deref())
    })
}

/// OpenTelemetry GenAI semantic-convention attributes of a response, by name.
#[pyfunction]
#[pyo3(signature = (response, *, model=None, include_deprecated=None, platform=None))]
pub fn otel_attributes<'py>(
    response: &Bound<'py, PyAny>,
    model: Option<&Bound<'py, PyAny>>,
    include_deprecated: Option<&Bound<'py, PyAny>>,
    platform: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = response.py();
    let body = convert::document(response)?;
    let options = OtelOptions {
        request_model: convert::optional_string(model, "model")?,
        include_deprecated: convert::boolean(include_deprecated, "include_deprecated", false)?,
        platform: convert::optional_enum::<Platform>(platform, "platform")?,
    };
    let attrs = convert::call(py, || {
        let meta = metadata::extract_metadata(&body)?;
        Ok(metadata::otel_attributes(&meta, &options))
    })?;
    convert::output(py, &attrs)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(detect_provider, m)?)?;
    m.add_function(wrap_pyfunction!(detect_api, m)?)?;
    m.add_function(wrap_pyfunction!(extract_metadata, m)?)?;
    m.add_function(wrap_pyfunction!(provider_version_key, m)?)?;
    m.add_function(wrap_pyfunction!(otel_attributes, m)?)?;
    Ok(())
}
