//! Bindings for `verity::conversation`: per-turn entity tracking, reference
//! resolution, topic switches and the compact context block.
//!
//! `state`, `turn` and `catalog` are JSON *values* (a `str` is a JSON string,
//! not text to parse, as in the conformance vectors); `bytes` are JSON text
//! (a state stored as a JSON column).

use crate::convert;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use serde_json::Value;
use verity::conversation::{self, Catalog as CoreCatalog, ConversationState, Turn};

fn json_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.cast::<PyBytes>().is_ok() {
        convert::document(obj)
    } else {
        convert::value(obj)
    }
}

/// A product catalogue compiled once into a multi-pattern matcher; pass it
/// to every `update_conversation` call of a deployment. Immutable.
#[pyclass(frozen, module = "verity", name = "Catalog")]
pub struct Catalog {
    inner: CoreCatalog,
}

#[pymethods]
impl Catalog {
    /// `{"products": [{"name", "category"?, "sku"?, "aliases"?}],
    /// "categories": ["name" | {"name", "aliases"?}]}`.
    #[new]
    fn new(catalog: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = catalog.py();
        let value = json_value(catalog)?;
        let inner = convert::call(py, || CoreCatalog::from_value(&value))?;
        Ok(Catalog { inner })
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

fn state_arg(
    py: Python<'_>,
    state: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<ConversationState>> {
    match state.filter(|s| !s.is_none()) {
        None => Ok(None),
        Some(s) => {
            let value = json_value(s)?;
            convert::call(py, || ConversationState::from_value(&value)).map(Some)
        }
    }
}

/// Runs `f` with the catalogue given as a `Catalog`, a JSON value or `None`.
fn with_catalog<T>(
    catalog: Option<&Bound<'_, PyAny>>,
    f: impl FnOnce(Option<&CoreCatalog>) -> PyResult<T>,
) -> PyResult<T> {
    match catalog.filter(|c| !c.is_none()) {
        None => f(None),
        Some(c) => match c.cast::<Catalog>() {
            Ok(compiled) => f(Some(&compiled.get().inner)),
            Err(_) => {
                let value = json_value(c)?;
                let built = convert::call(c.py(), || CoreCatalog::from_value(&value))?;
                f(Some(&built))
            }
        },
    }
}

/// Applies one turn (`{"role", "text", "turn_index"?}`) to a state (`None`
/// starts a conversation); returns the new state's JSON dict, whose
/// `last_turn` is this turn's report. The input state is not changed.
#[pyfunction]
#[pyo3(signature = (state, turn, catalog=None))]
pub fn update_conversation<'py>(
    state: Option<&Bound<'py, PyAny>>,
    turn: &Bound<'py, PyAny>,
    catalog: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = turn.py();
    let state = state_arg(py, state)?;
    let turn_value = json_value(turn)?;
    let turn = convert::call(py, || Turn::from_value(&turn_value))?;
    let next = with_catalog(catalog, |catalog| {
        convert::call(py, || {
            conversation::update_conversation(state.as_ref(), &turn, catalog)
        })
    })?;
    convert::output(py, &next)
}

/// The compact context block of a state for prompt injection, at most
/// `budget` characters (default 850).
#[pyfunction]
#[pyo3(signature = (state, budget=None))]
pub fn render_context(
    py: Python<'_>,
    state: &Bound<'_, PyAny>,
    budget: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let state = state_arg(py, Some(state))?.unwrap_or_default();
    let budget = match convert::optional_unsigned(budget, "budget")? {
        Some(b) => usize::try_from(b)
            .map_err(|_| crate::errors::invalid_input(py, "$.budget", "budget is too large"))?,
        None => conversation::DEFAULT_CONTEXT_BUDGET,
    };
    convert::call(py, || Ok(conversation::render_context(&state, budget)))
}

/// Replays a whole conversation from an empty state:
/// `{"resolutions", "topic_switches", "state"}`. Errors name the turn (`$[1].role`).
#[pyfunction]
#[pyo3(signature = (turns, catalog=None))]
pub fn replay_conversation<'py>(
    turns: &Bound<'py, PyAny>,
    catalog: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = turns.py();
    let values = match json_value(turns)? {
        Value::Array(items) => items,
        _ => {
            return Err(crate::errors::invalid_input(
                py,
                "$",
                "turns must be a list of {role, text} objects",
            ))
        }
    };
    let turns = convert::call(py, || {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| Turn::from_value(v).map_err(|e| e.under(&format!("$[{i}]"))))
            .collect::<verity::Result<Vec<Turn>>>()
    })?;
    let replay = with_catalog(catalog, |catalog| {
        convert::call(py, || conversation::replay_conversation(&turns, catalog))
    })?;
    convert::output(py, &replay)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Catalog>()?;
    m.add_function(wrap_pyfunction!(update_conversation, m)?)?;
    m.add_function(wrap_pyfunction!(render_context, m)?)?;
    m.add_function(wrap_pyfunction!(replay_conversation, m)?)?;
    Ok(())
}
