//! Bindings for `verity::enforcement`: classify a raw provider response
//! against its requested grounding mode, check persisted run records,
//! explain failures, aggregate outcomes.
//!
//! Outcomes cross as their JSON dict; the Python layer wraps them in the
//! frozen `verity.Outcome`. An outcome passed back in (explain, aggregate)
//! is deserialised by the core, which re-validates it against the truth table.

use crate::convert::{self, Doc};
use pyo3::prelude::*;
use serde_json::Value;
use verity::enforcement::{
    self, ClassifyOptions, EnforcementMode, EnforcementModeTable, Outcome, RequestedMode,
};

/// Extracts the keyword options shared by `classify` and `classify_many`.
fn options(
    py: Python<'_>,
    enforcement_mode: Option<&Bound<'_, PyAny>>,
    model: Option<&Bound<'_, PyAny>>,
    max_output_tokens: Option<&Bound<'_, PyAny>>,
    search_tool_names: Option<&Bound<'_, PyAny>>,
    api: Option<&Bound<'_, PyAny>>,
    enforcement_mode_table: Option<&Bound<'_, PyAny>>,
) -> PyResult<ClassifyOptions> {
    let enforcement_mode = match convert::optional_string(enforcement_mode, "enforcement_mode")? {
        Some(text) => Some(convert::call(py, || EnforcementMode::parse(&text))?),
        None => None,
    };
    let api = match convert::optional_string(api, "api")? {
        Some(text) => Some(convert::call(py, || enforcement::parse_api(&text))?),
        None => None,
    };
    let search_tool_names = match search_tool_names {
        Some(names) if !names.is_none() => convert::string_list(names, "search_tool_names")?,
        _ => Vec::new(),
    };
    let enforcement_mode_table = match convert::optional_document(enforcement_mode_table)? {
        Some(table) => convert::call(py, || {
            EnforcementModeTable::from_json(&table).map_err(|e| e.under("$.enforcement_mode_table"))
        })?,
        None => EnforcementModeTable::default(),
    };
    Ok(ClassifyOptions {
        enforcement_mode,
        model: convert::optional_string(model, "model")?,
        max_output_tokens: convert::optional_unsigned(max_output_tokens, "max_output_tokens")?,
        search_tool_names,
        api,
        enforcement_mode_table,
    })
}

fn requested_mode(py: Python<'_>, mode: &Bound<'_, PyAny>) -> PyResult<RequestedMode> {
    let text = convert::string(mode, "mode")?;
    convert::call(py, || RequestedMode::parse(&text))
}

fn classify_doc(
    doc: &Doc<'_>,
    mode: RequestedMode,
    options: &ClassifyOptions,
) -> verity::Result<Outcome> {
    match doc {
        Doc::Text(text) => enforcement::classify_bytes(text, mode, options),
        Doc::Value(v) => enforcement::classify(v, mode, options),
    }
}

/// Classifies one raw response; returns the outcome's JSON dict.
#[pyfunction]
#[pyo3(signature = (response, mode, *, enforcement_mode=None, model=None, max_output_tokens=None, search_tool_names=None, api=None, enforcement_mode_table=None))]
#[allow(clippy::too_many_arguments)]
pub fn classify<'py>(
    response: &Bound<'py, PyAny>,
    mode: &Bound<'py, PyAny>,
    enforcement_mode: Option<&Bound<'py, PyAny>>,
    model: Option<&Bound<'py, PyAny>>,
    max_output_tokens: Option<&Bound<'py, PyAny>>,
    search_tool_names: Option<&Bound<'py, PyAny>>,
    api: Option<&Bound<'py, PyAny>>,
    enforcement_mode_table: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = response.py();
    let doc = convert::doc(response)?;
    let mode = requested_mode(py, mode)?;
    let options = options(
        py,
        enforcement_mode,
        model,
        max_output_tokens,
        search_tool_names,
        api,
        enforcement_mode_table,
    )?;
    let outcome = convert::call(py, || classify_doc(&doc, mode, &options))?;
    convert::output(py, &outcome)
}

/// Classifies many responses under one mode and options, with the GIL
/// released; errors name the response: `$[3].output[0].status`.
#[pyfunction]
#[pyo3(signature = (responses, mode, *, enforcement_mode=None, model=None, max_output_tokens=None, search_tool_names=None, api=None, enforcement_mode_table=None))]
#[allow(clippy::too_many_arguments)]
pub fn classify_many<'py>(
    responses: &Bound<'py, PyAny>,
    mode: &Bound<'py, PyAny>,
    enforcement_mode: Option<&Bound<'py, PyAny>>,
    model: Option<&Bound<'py, PyAny>>,
    max_output_tokens: Option<&Bound<'py, PyAny>>,
    search_tool_names: Option<&Bound<'py, PyAny>>,
    api: Option<&Bound<'py, PyAny>>,
    enforcement_mode_table: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = responses.py();
    let docs = convert::documents(responses, "responses")?;
    let mode = requested_mode(py, mode)?;
    let options = options(
        py,
        enforcement_mode,
        model,
        max_output_tokens,
        search_tool_names,
        api,
        enforcement_mode_table,
    )?;
    let outcomes = convert::detached(py, || {
        docs.iter()
            .enumerate()
            .map(|(i, doc)| {
                classify_doc(doc, mode, &options)
                    .map_err(|e| e.under(&verity::error::index_path("$", i)))
            })
            .collect::<verity::Result<Vec<Outcome>>>()
    })?;
    convert::output(py, &outcomes)
}

/// Every invariant violation of a persisted run record (`[]`: valid), each
/// `{"code", "path", "message"}`.
#[pyfunction]
pub fn check_run_invariants<'py>(record: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = record.py();
    let record = convert::document(record)?;
    let violations = convert::call(py, || enforcement::check_run_invariants(&record))?;
    convert::output(py, &violations)
}

fn outcome_from(value: &Value) -> verity::Result<Outcome> {
    verity::json::from_value::<Outcome>(value)
}

/// A readable explanation of a failed outcome (`None` when it passed).
#[pyfunction]
pub fn explain_failure<'py>(outcome: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = outcome.py();
    let value = convert::document(outcome)?;
    let explanation = convert::call(py, || {
        Ok(enforcement::explain_failure(&outcome_from(&value)?))
    })?;
    convert::output(py, &explanation)
}

/// Aggregate measures over many outcomes (soft-required fail rate,
/// grounded rate by provider and by mode).
#[pyfunction]
pub fn aggregate_outcomes<'py>(outcomes: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = outcomes.py();
    let docs = convert::documents(outcomes, "outcomes")?;
    let measures = convert::detached(py, || {
        let parsed = docs
            .into_iter()
            .enumerate()
            .map(|(i, doc)| {
                doc.into_value()
                    .and_then(|v| outcome_from(&v))
                    .map_err(|e| e.under(&verity::error::index_path("$", i)))
            })
            .collect::<verity::Result<Vec<Outcome>>>()?;
        Ok(enforcement::aggregate_outcomes(&parsed))
    })?;
    convert::output(py, &measures)
}

/// The verdict of the truth table for counts already known:
/// `{"status", "enforcement_passed", "error_code"}`.
#[pyfunction]
#[pyo3(signature = (mode, tool_call_count, attempted_tool_call_count, enforcement_mode))]
pub fn decide<'py>(
    py: Python<'py>,
    mode: &Bound<'py, PyAny>,
    tool_call_count: &Bound<'py, PyAny>,
    attempted_tool_call_count: &Bound<'py, PyAny>,
    enforcement_mode: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let mode = requested_mode(py, mode)?;
    let successful = convert::unsigned(tool_call_count, "tool_call_count")?;
    let attempted = convert::unsigned(attempted_tool_call_count, "attempted_tool_call_count")?;
    let text = convert::string(enforcement_mode, "enforcement_mode")?;
    let enforcement_mode = convert::call(py, || EnforcementMode::parse(&text))?;
    let verdict = enforcement::decide(mode, successful, attempted, enforcement_mode);
    convert::output(py, &verdict)
}

/// `http(s)://` URLs in a text, trailing punctuation trimmed, in order.
#[pyfunction]
pub fn inline_urls(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let text = convert::string(text, "text")?;
    convert::call(py, || {
        Ok(enforcement::inline_urls(&text)
            .into_iter()
            .map(str::to_owned)
            .collect())
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(classify, m)?)?;
    m.add_function(wrap_pyfunction!(classify_many, m)?)?;
    m.add_function(wrap_pyfunction!(check_run_invariants, m)?)?;
    m.add_function(wrap_pyfunction!(explain_failure, m)?)?;
    m.add_function(wrap_pyfunction!(aggregate_outcomes, m)?)?;
    m.add_function(wrap_pyfunction!(decide, m)?)?;
    m.add_function(wrap_pyfunction!(inline_urls, m)?)?;
    Ok(())
}
