//! Bindings for `verity::pairing`: front/back product image pairing, its
//! config (including the environment-style `PAIR_*` map), contract checks,
//! golden verification and metrics comparison.

use crate::convert::{self, Doc};
use pyo3::prelude::*;
use pyo3::types::{PyMapping, PyString};
use serde_json::Value;
use verity::pairing::{self, Decisions, PairingConfig as CoreConfig};

/// Pairing thresholds: defaults, overridden by a dict (`from_dict`) or an
/// environment-style mapping (`from_env(os.environ)`: `PAIR_AUTO_SCORE`,
/// `PAIR_AUTO_<CATEGORY>_SCORE`, `PAIR_BOOST_<PACKAGING>`,
/// `PAIR_DISABLE_TIEBREAK`, `PAIR_BATCH_MAX_CHUNK`, ...). Immutable.
#[pyclass(frozen, eq, module = "verity", name = "PairingConfig")]
#[derive(PartialEq)]
pub struct PairingConfig {
    inner: CoreConfig,
}

/// The `(key, value)` pairs of a Python mapping whose keys and values are
/// `str` (non-`str` entries of e.g. a custom mapping are refused).
fn env_pairs(env: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let py = env.py();
    let mapping = env.cast::<PyMapping>().map_err(|_| {
        crate::errors::invalid_input(py, "$.env", "expected a mapping such as os.environ")
    })?;
    let mut pairs = Vec::new();
    for item in mapping.items()?.iter() {
        let (key, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        let key = convert::string_at(&key, "$.env")?;
        let path = verity::error::field_path("$", &key);
        let value = convert::string_at(&value, &path)?;
        pairs.push((key, value));
    }
    Ok(pairs)
}

#[pymethods]
impl PairingConfig {
    /// The defaults.
    #[new]
    fn new() -> Self {
        PairingConfig {
            inner: CoreConfig::default(),
        }
    }

    /// Defaults overridden by a JSON object (every key optional).
    #[staticmethod]
    fn from_dict(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = value.py();
        let doc = convert::document(value)?;
        let inner = convert::call(py, || CoreConfig::from_value(&doc))?;
        Ok(PairingConfig { inner })
    }

    /// Defaults overridden by an environment-style mapping (`os.environ`):
    /// keys not starting with `PAIR_` are ignored, unknown `PAIR_*` keys are
    /// a `ConfigError` naming the key.
    #[staticmethod]
    fn from_env(env: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = env.py();
        let pairs = env_pairs(env)?;
        let inner = convert::call(py, || CoreConfig::from_env(pairs))?;
        Ok(PairingConfig { inner })
    }

    /// This config overridden by a JSON object.
    fn with_dict(&self, value: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = value.py();
        let doc = convert::document(value)?;
        let inner = convert::call(py, || self.inner.clone().with_value(&doc))?;
        Ok(PairingConfig { inner })
    }

    /// This config overridden by an environment-style mapping.
    fn with_env(&self, env: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = env.py();
        let pairs = env_pairs(env)?;
        let inner = convert::call(py, || self.inner.clone().with_env(pairs))?;
        Ok(PairingConfig { inner })
    }

    #[getter]
    fn auto_pair_score(&self) -> f64 {
        self.inner.auto_pair_score()
    }

    #[getter]
    fn min_margin(&self) -> f64 {
        self.inner.min_margin()
    }

    #[getter]
    fn disable_tiebreak(&self) -> bool {
        self.inner.disable_tiebreak()
    }

    #[getter]
    fn batch_max_chunk(&self) -> usize {
        self.inner.batch_max_chunk()
    }

    /// The thresholds as the JSON object that `pairing.json` carries.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::output(py, &self.inner)
    }

    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        convert::to_json(py, &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "PairingConfig({})",
            convert::to_json(py, &self.inner)?
        ))
    }
}

fn config_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<CoreConfig> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(CoreConfig::default()),
        Some(o) => {
            if let Ok(cfg) = o.cast::<PairingConfig>() {
                return Ok(cfg.get().inner.clone());
            }
            let py = o.py();
            let doc = convert::document(o)?;
            // Paths are those of the config document (`$.auto_pair_score`),
            // as in the conformance vectors.
            convert::call(py, || CoreConfig::from_value(&doc))
        }
    }
}

fn decisions_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Decisions>> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(None),
        Some(o) => {
            let py = o.py();
            let doc = convert::document(o)?;
            convert::call(py, || {
                verity::json::from_value::<Decisions>(&doc).map_err(|e| e.under("$.decisions"))
            })
            .map(Some)
        }
    }
}

/// Pairs an analysis document (`{"images": [...]}` or a bare list; dict,
/// str or bytes) with the GIL released; returns `pairing.json` as a dict.
#[pyfunction]
#[pyo3(signature = (analysis, config=None, decisions=None))]
pub fn pair<'py>(
    analysis: &Bound<'py, PyAny>,
    config: Option<&Bound<'py, PyAny>>,
    decisions: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = analysis.py();
    // Borrowed: the bytes stay alive (and immutable) while pairing runs.
    let doc = convert::doc(analysis)?;
    let config = config_arg(config)?;
    let decisions = decisions_arg(decisions)?;
    let result = convert::detached(py, || match &doc {
        Doc::Text(text) => pairing::pair_bytes(text, &config, decisions.as_ref()),
        Doc::Value(v) => pairing::pair(v, &config, decisions.as_ref()),
    })?;
    convert::output(py, &result)
}

/// Contract violations of a pairing document against its analysis
/// (`[]`: every image exactly once, one front + one back per pair, no
/// cross-brand pair, auto pairs meet their threshold).
#[pyfunction]
pub fn verify_contract<'py>(
    analysis: &Bound<'py, PyAny>,
    pairing: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = analysis.py();
    let analysis = convert::document(analysis)?;
    let pairing_doc = convert::document(pairing)?;
    let violations = convert::detached(py, || pairing::verify_contract(&analysis, &pairing_doc))?;
    convert::output(py, &violations)
}

/// Runs pairing and diffs it against `pairing-expected.json` and
/// `metrics-expected.json` (`[]`: the golden run holds).
#[pyfunction]
#[pyo3(signature = (analysis, expected_pairing, expected_metrics, config=None))]
pub fn verify_golden<'py>(
    analysis: &Bound<'py, PyAny>,
    expected_pairing: &Bound<'py, PyAny>,
    expected_metrics: &Bound<'py, PyAny>,
    config: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = analysis.py();
    let analysis = convert::document(analysis)?;
    let expected_pairing = convert::document(expected_pairing)?;
    let expected_metrics = convert::document(expected_metrics)?;
    let config = config_arg(config)?;
    let diffs = convert::detached(py, || {
        pairing::verify_golden(&analysis, &expected_pairing, &expected_metrics, &config)
    })?;
    convert::output(py, &diffs)
}

/// Changes between two metrics documents (yesterday vs today), by path.
#[pyfunction]
pub fn compare_metrics<'py>(
    before: &Bound<'py, PyAny>,
    after: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = before.py();
    let before = convert::document(before)?;
    let after = convert::document(after)?;
    let changes = convert::call(py, || Ok(pairing::compare_metrics(&before, &after)))?;
    convert::output(py, &changes)
}

/// Readable differences between two JSON documents, by path (`document`
/// names them in the output).
#[pyfunction]
pub fn diff_json<'py>(
    document: &Bound<'py, PyAny>,
    expected: &Bound<'py, PyAny>,
    actual: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = expected.py();
    let name = convert::string(document, "document")?;
    let expected: Value = convert::document(expected)?;
    let actual: Value = convert::document(actual)?;
    let diffs = convert::call(py, || Ok(pairing::diff_json(&name, &expected, &actual)))?;
    convert::output(py, &diffs)
}

/// The engine version stamped into every `pairing.json`.
#[pyfunction]
pub fn pairing_engine_version(py: Python<'_>) -> Bound<'_, PyString> {
    PyString::new(py, pairing::ENGINE_VERSION)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PairingConfig>()?;
    m.add_function(wrap_pyfunction!(pair, m)?)?;
    m.add_function(wrap_pyfunction!(verify_contract, m)?)?;
    m.add_function(wrap_pyfunction!(verify_golden, m)?)?;
    m.add_function(wrap_pyfunction!(compare_metrics, m)?)?;
    m.add_function(wrap_pyfunction!(diff_json, m)?)?;
    m.add_function(wrap_pyfunction!(pairing_engine_version, m)?)?;
    Ok(())
}
