//! Bindings for `verity::enforcement`: classify a raw provider response
//! against its requested grounding mode, check persisted run records,
//! explain failures, aggregate outcomes.
//!
//! Outcomes are the frozen native class `verity.Outcome` wrapping the core
//! value (fields are read through getters; nothing converts until read). An
//! outcome given as JSON (explain, aggregate, check) is deserialised by the
//! core, which re-validates it against the truth table.

use crate::convert::{self, Doc};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use serde_json::Value;
use verity::enforcement::{
    self, ClassifyOptions, EnforcementMode, EnforcementModeTable, Outcome, RequestedMode,
};

/// The classification of one grounded run. Immutable (`frozen`): a REQUIRED
/// run with zero successful searches is `failed` and can never become `ok`.
#[pyclass(frozen, eq, module = "verity", name = "Outcome")]
#[derive(PartialEq)]
pub struct PyOutcome {
    inner: Outcome,
}

#[pymethods]
impl PyOutcome {
    /// An outcome from its JSON form (dict, str or bytes), re-validated.
    #[staticmethod]
    fn from_dict(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = value.py();
        let value = convert::document(value)?;
        let inner = convert::call(py, || outcome_from(&value))?;
        Ok(PyOutcome { inner })
    }

    #[getter]
    fn requested_mode(&self) -> &'static str {
        self.inner.requested_mode().as_str()
    }
    #[getter]
    fn enforcement_mode(&self) -> &'static str {
        self.inner.enforcement_mode().as_str()
    }
    #[getter]
    fn provider(&self) -> &'static str {
        self.inner.provider().as_str()
    }
    #[getter]
    fn model(&self) -> Option<&str> {
        self.inner.model()
    }
    #[getter]
    fn tool_call_count(&self) -> u64 {
        self.inner.tool_call_count()
    }
    #[getter]
    fn attempted_tool_call_count(&self) -> u64 {
        self.inner.attempted_tool_call_count()
    }
    #[getter]
    fn grounded_effective(&self) -> bool {
        self.inner.grounded_effective()
    }
    /// `"ok"` or `"failed"` (read-only).
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.status().as_str()
    }
    #[getter]
    fn enforcement_passed(&self) -> bool {
        self.inner.enforcement_passed()
    }
    #[getter]
    fn error_code(&self) -> Option<&'static str> {
        self.inner.error_code().map(|c| c.as_str())
    }
    #[getter]
    fn budget_starved(&self) -> bool {
        self.inner.budget_starved()
    }
    #[getter]
    fn usage_reasoning_tokens(&self) -> Option<u64> {
        self.inner.usage_reasoning_tokens()
    }
    /// Search queries in order (a new tuple each time).
    #[getter]
    fn search_queries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.inner.search_queries())
    }
    /// Distinct citation URLs, first-seen order (a new tuple each time).
    #[getter]
    fn citation_urls<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.inner.citation_urls())
    }
    #[getter]
    fn citations_count(&self) -> u64 {
        self.inner.citations_count()
    }
    #[getter]
    fn search_confidence(&self) -> Option<f64> {
        self.inner.search_confidence()
    }
    #[getter]
    fn answer_text(&self) -> &str {
        self.inner.answer_text()
    }
    #[getter]
    fn retryable(&self) -> bool {
        self.inner.retryable()
    }

    /// The outcome's JSON form (spec field names), a fresh dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::output(py, &self.inner)
    }

    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        convert::to_json(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Outcome(requested_mode='{}', status='{}', tool_call_count={}, error_code={})",
            self.inner.requested_mode().as_str(),
            self.inner.status().as_str(),
            self.inner.tool_call_count(),
            self.inner
                .error_code()
                .map(|c| format!("'{}'", c.as_str()))
                .unwrap_or_else(|| "None".to_owned())
        )
    }
}

/// An outcome argument: a `verity.Outcome` or its JSON form (re-validated).
fn outcome_arg(obj: &Bound<'_, PyAny>, prefix: &str) -> PyResult<Outcome> {
    if let Ok(o) = obj.cast::<PyOutcome>() {
        return Ok(o.get().inner.clone());
    }
    let py = obj.py();
    let value = convert::document(obj)?;
    convert::call(py, || outcome_from(&value).map_err(|e| e.under(prefix)))
}

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
) -> PyResult<PyOutcome> {
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
    let inner = convert::call(py, || classify_doc(&doc, mode, &options))?;
    Ok(PyOutcome { inner })
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
) -> PyResult<Vec<PyOutcome>> {
    let py = responses.py();
    let items = convert::items(responses, "responses")?;
    let docs = convert::documents(&items)?;
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
    Ok(outcomes
        .into_iter()
        .map(|inner| PyOutcome { inner })
        .collect())
}

/// Every invariant violation of a persisted run record (`[]`: valid), each
/// `{"code", "path", "message"}`.
#[pyfunction]
pub fn check_run_invariants<'py>(record: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = record.py();
    let record = match record.cast::<PyOutcome>() {
        Ok(o) => serde_json::to_value(&o.get().inner).map_err(|e| {
            crate::errors::raise(py, crate::errors::INTERNAL_KIND, "$", &e.to_string())
        })?,
        Err(_) => convert::document(record)?,
    };
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
    let outcome = outcome_arg(outcome, "$")?;
    let explanation = convert::call(py, || Ok(enforcement::explain_failure(&outcome)))?;
    convert::output(py, &explanation)
}

/// Aggregate measures over many outcomes (soft-required fail rate,
/// grounded rate by provider and by mode).
#[pyfunction]
pub fn aggregate_outcomes<'py>(outcomes: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = outcomes.py();
    let items: Vec<Bound<'py, PyAny>> = match outcomes.cast::<pyo3::types::PyList>() {
        Ok(list) => list.iter().collect(),
        Err(_) => outcomes
            .try_iter()
            .map_err(|_| {
                crate::errors::invalid_input(py, "$.outcomes", "expected a list of outcomes")
            })?
            .collect::<PyResult<_>>()?,
    };
    let parsed = items
        .iter()
        .enumerate()
        .map(|(i, o)| outcome_arg(o, &verity::error::index_path("$", i)))
        .collect::<PyResult<Vec<Outcome>>>()?;
    let measures = convert::detached(py, || Ok(enforcement::aggregate_outcomes(&parsed)))?;
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
    m.add_class::<PyOutcome>()?;
    m.add_function(wrap_pyfunction!(classify, m)?)?;
    m.add_function(wrap_pyfunction!(classify_many, m)?)?;
    m.add_function(wrap_pyfunction!(check_run_invariants, m)?)?;
    m.add_function(wrap_pyfunction!(explain_failure, m)?)?;
    m.add_function(wrap_pyfunction!(aggregate_outcomes, m)?)?;
    m.add_function(wrap_pyfunction!(decide, m)?)?;
    m.add_function(wrap_pyfunction!(inline_urls, m)?)?;
    Ok(())
}
