//! Bindings for `verity::dedup`: canonical JSON, template config hashes,
//! prompt hashes, idempotency keys and the thread-safe `DedupIndex`.
//!
//! JSON text (`str`/`bytes`) goes through the dedup module's strict parser
//! (`canonical_json_from_bytes`, `template_config_hash_from_bytes`), which
//! also refuses duplicate keys and lone surrogates: the exact bytes matter.

use crate::convert::{self, Doc};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use verity::dedup::{self, DedupIndex as CoreIndex, TemplateConfigHash as CoreHash, Timestamp};

/// RFC 8785 canonical bytes of a JSON value (dict/list/scalar, or JSON text
/// as str/bytes, parsed strictly).
#[pyfunction]
pub fn canonical_json<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let py = value.py();
    let bytes = match convert::doc(value)? {
        Doc::Text(text) => convert::call(py, || dedup::canonical_json_from_bytes(&text))?,
        Doc::Value(v) => convert::call(py, || dedup::canonical_json(&v))?,
    };
    Ok(PyBytes::new(py, &bytes))
}

/// A template's config hash: `.config_hash` (SHA-256 hex), `.canonical` (the
/// RFC 8785 text that was hashed), `.normalization_version`. Immutable.
#[pyclass(frozen, eq, module = "verity", name = "TemplateConfigHash")]
#[derive(PartialEq)]
pub struct TemplateConfigHash {
    inner: CoreHash,
}

#[pymethods]
impl TemplateConfigHash {
    /// SHA-256 of `canonical`, 64 lower-case hex digits.
    #[getter]
    fn config_hash(&self) -> &str {
        self.inner.config_hash()
    }

    /// The RFC 8785 canonical text that was hashed.
    #[getter]
    fn canonical(&self) -> &str {
        self.inner.canonical()
    }

    /// The normalisation version inside the hashed bytes.
    #[getter]
    fn normalization_version(&self) -> u32 {
        self.inner.normalization_version()
    }

    /// `{"config_hash", "canonical", "normalization_version"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::output(py, &self.inner)
    }

    /// The JSON form as compact text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        convert::to_json(py, &self.inner)
    }

    fn __hash__(&self) -> u64 {
        // The config hash is already a uniform digest: its first 8 bytes.
        u64::from_str_radix(&self.inner.config_hash()[..16], 16).unwrap_or(0)
    }

    fn __repr__(&self) -> String {
        format!(
            "TemplateConfigHash(config_hash='{}', normalization_version={})",
            self.inner.config_hash(),
            self.inner.normalization_version()
        )
    }
}

fn hash_doc(py: Python<'_>, doc: Doc<'_>) -> PyResult<CoreHash> {
    match doc {
        Doc::Text(text) => convert::call(py, || dedup::template_config_hash_from_bytes(&text)),
        Doc::Value(v) => convert::call(py, || dedup::template_config_hash(&v)),
    }
}

/// The dedup key of a prompt template (identity and bookkeeping fields are
/// ignored; see the dedup module's normalisation table).
#[pyfunction]
pub fn template_config_hash(config: &Bound<'_, PyAny>) -> PyResult<TemplateConfigHash> {
    let inner = hash_doc(config.py(), convert::doc(config)?)?;
    Ok(TemplateConfigHash { inner })
}

/// `template_config_hash` over many configs, hashed with the GIL released.
/// Errors name the failing config: `$[3].inference_params.top_k`.
#[pyfunction]
pub fn template_config_hash_many(
    py: Python<'_>,
    configs: &Bound<'_, PyAny>,
) -> PyResult<Vec<TemplateConfigHash>> {
    let items = convert::items(configs, "configs")?;
    let values = convert::documents(&items)?;
    let hashes = convert::detached(py, || {
        values
            .iter()
            .enumerate()
            .map(|(i, doc)| {
                match doc {
                    Doc::Text(text) => dedup::template_config_hash_from_bytes(text),
                    Doc::Value(v) => dedup::template_config_hash(v),
                }
                .map_err(|e| e.under(&verity::error::index_path("$", i)))
            })
            .collect::<verity::Result<Vec<_>>>()
    })?;
    Ok(hashes
        .into_iter()
        .map(|inner| TemplateConfigHash { inner })
        .collect())
}

/// The normalised config document that `template_config_hash` canonicalises
/// and hashes (normalisation version included), as a dict.
#[pyfunction]
pub fn normalize_template_config<'py>(config: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = config.py();
    let value = match convert::doc(config)? {
        Doc::Text(text) => convert::call(py, || dedup::parse_strict(&text))?,
        Doc::Value(v) => v,
    };
    let normalized = convert::call(py, || dedup::normalize_template_config(&value))?;
    convert::output(py, &normalized)
}

/// A prompt text as the config hash sees it (NFC, LF line ends, trailing
/// whitespace of lines and surrounding blank lines removed).
#[pyfunction]
pub fn normalize_text(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = convert::string(text, "text")?;
    convert::call(py, || Ok(dedup::normalize_text(&text)))
}

/// The RFC 8785 (ECMAScript) text of a number: `1e+21`, `0.1`, `-0` → `0`.
#[pyfunction]
pub fn canonical_number(py: Python<'_>, x: &Bound<'_, PyAny>) -> PyResult<String> {
    let x = convert::float(x, "x")?;
    convert::call(py, || dedup::canonical_number(x))
}

/// SHA-256 hex of the exact UTF-8 bytes of a rendered prompt.
#[pyfunction]
pub fn rendered_prompt_sha256(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = convert::string(text, "text")?;
    convert::call(py, || Ok(dedup::rendered_prompt_sha256(&text)))
}

/// `rendered_prompt_sha256` over many texts, hashed with the GIL released.
#[pyfunction]
pub fn rendered_prompt_sha256_many(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
) -> PyResult<Vec<String>> {
    let texts = convert::string_list(texts, "texts")?;
    convert::detached(py, || {
        Ok(texts
            .iter()
            .map(|t| dedup::rendered_prompt_sha256(t))
            .collect())
    })
}

/// A time argument: Unix seconds (`int`), RFC 3339 text (`str`) or a
/// timezone-aware `datetime`.
fn timestamp(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Timestamp> {
    let py = obj.py();
    let path = verity::error::field_path("$", name);
    if let Ok(text) = obj.cast::<pyo3::types::PyString>() {
        return Ok(Timestamp::Rfc3339(text.to_cow()?.into_owned()));
    }
    if obj.cast::<pyo3::types::PyInt>().is_ok() && obj.cast::<pyo3::types::PyBool>().is_err() {
        let seconds: i64 = obj
            .extract()
            .map_err(|_| crate::errors::invalid_input(py, &path, "Unix seconds out of range"))?;
        return Ok(Timestamp::UnixSeconds(seconds));
    }
    let datetime = py.import("datetime")?.getattr("datetime")?;
    if obj.is_instance(&datetime)? {
        if obj.getattr("tzinfo")?.is_none() {
            return Err(crate::errors::invalid_input(
                py,
                &path,
                "naive datetime: give a timezone-aware datetime (e.g. tzinfo=timezone.utc)",
            ));
        }
        let seconds: f64 = obj.call_method0("timestamp")?.extract()?;
        return Ok(Timestamp::UnixSeconds(seconds.floor() as i64));
    }
    Err(crate::errors::invalid_input(
        py,
        &path,
        "expected Unix seconds (int), RFC 3339 text (str) or an aware datetime",
    ))
}

/// `probe:{org}:{workspace}:{template}:{provider}:{model}:{YYYYMMDDHH}`.
#[pyfunction]
#[pyo3(signature = (org_id, workspace_id, template_id, provider, model, at))]
pub fn probe_idempotency_key(
    py: Python<'_>,
    org_id: &Bound<'_, PyAny>,
    workspace_id: &Bound<'_, PyAny>,
    template_id: &Bound<'_, PyAny>,
    provider: &Bound<'_, PyAny>,
    model: &Bound<'_, PyAny>,
    at: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let (org, ws, tpl) = (
        convert::string(org_id, "org_id")?,
        convert::string(workspace_id, "workspace_id")?,
        convert::string(template_id, "template_id")?,
    );
    let (provider, model) = (
        convert::string(provider, "provider")?,
        convert::string(model, "model")?,
    );
    let at = timestamp(at, "at")?;
    convert::call(py, || {
        dedup::probe_idempotency_key(&org, &ws, &tpl, &provider, &model, &at)
    })
}

/// `run:{org}:{workspace}:{template}:{version}:{country}:{YYYYMMDDHH}`.
#[pyfunction]
#[pyo3(signature = (org_id, workspace_id, template_id, version, country, at))]
pub fn run_idempotency_key(
    py: Python<'_>,
    org_id: &Bound<'_, PyAny>,
    workspace_id: &Bound<'_, PyAny>,
    template_id: &Bound<'_, PyAny>,
    version: &Bound<'_, PyAny>,
    country: &Bound<'_, PyAny>,
    at: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let (org, ws, tpl) = (
        convert::string(org_id, "org_id")?,
        convert::string(workspace_id, "workspace_id")?,
        convert::string(template_id, "template_id")?,
    );
    let (version, country) = (
        convert::string(version, "version")?,
        convert::string(country, "country")?,
    );
    let at = timestamp(at, "at")?;
    convert::call(py, || {
        dedup::run_idempotency_key(&org, &ws, &tpl, &version, &country, &at)
    })
}

/// The components of an idempotency key, as a dict (`kind` is `"probe"` or `"run"`).
#[pyfunction]
pub fn parse_idempotency_key<'py>(
    py: Python<'py>,
    key: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let key = convert::string(key, "key")?;
    let parsed = convert::call(py, || dedup::parse_idempotency_key(&key))?;
    convert::output(py, &parsed)
}

/// In-memory, thread-safe template dedup index scoped by
/// `(org_id, workspace_id)`: the 201/409 decision of a template create.
#[pyclass(frozen, module = "verity", name = "DedupIndex")]
pub struct DedupIndex {
    inner: CoreIndex,
}

#[pymethods]
impl DedupIndex {
    #[new]
    fn new() -> Self {
        DedupIndex {
            inner: CoreIndex::new(),
        }
    }

    /// Registers a template: `{"status": "created", "template_id", "config_hash"}`
    /// or `{"status": "conflict", "existing_template_id", "config_hash"}`.
    fn create<'py>(
        &self,
        py: Python<'py>,
        org_id: &Bound<'py, PyAny>,
        workspace_id: &Bound<'py, PyAny>,
        template_id: &Bound<'py, PyAny>,
        config: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (org, ws, tpl) = (
            convert::string(org_id, "org_id")?,
            convert::string(workspace_id, "workspace_id")?,
            convert::string(template_id, "template_id")?,
        );
        let hash = hash_doc(py, convert::doc(config)?)?;
        let outcome = convert::detached(py, || self.inner.create_hashed(&org, &ws, &tpl, &hash))?;
        convert::output(py, &outcome)
    }

    /// `{"exact_match": bool, "template_id": str | None}` for a live template
    /// with the same config in the workspace.
    fn check_duplicate<'py>(
        &self,
        py: Python<'py>,
        org_id: &Bound<'py, PyAny>,
        workspace_id: &Bound<'py, PyAny>,
        config: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (org, ws) = (
            convert::string(org_id, "org_id")?,
            convert::string(workspace_id, "workspace_id")?,
        );
        let value = match convert::doc(config)? {
            Doc::Text(text) => convert::call(py, || dedup::parse_strict(&text))?,
            Doc::Value(v) => v,
        };
        let check = convert::detached(py, || self.inner.check_duplicate(&org, &ws, &value))?;
        convert::output(py, &check)
    }

    /// Soft-deletes a template; returns whether a live template was deleted.
    fn delete(
        &self,
        py: Python<'_>,
        org_id: &Bound<'_, PyAny>,
        workspace_id: &Bound<'_, PyAny>,
        template_id: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        let (org, ws, tpl) = (
            convert::string(org_id, "org_id")?,
            convert::string(workspace_id, "workspace_id")?,
            convert::string(template_id, "template_id")?,
        );
        convert::detached(py, || Ok(self.inner.delete(&org, &ws, &tpl)))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(canonical_json, m)?)?;
    m.add_class::<TemplateConfigHash>()?;
    m.add_function(wrap_pyfunction!(template_config_hash, m)?)?;
    m.add_function(wrap_pyfunction!(template_config_hash_many, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_template_config, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_text, m)?)?;
    m.add_function(wrap_pyfunction!(canonical_number, m)?)?;
    m.add_function(wrap_pyfunction!(rendered_prompt_sha256, m)?)?;
    m.add_function(wrap_pyfunction!(rendered_prompt_sha256_many, m)?)?;
    m.add_function(wrap_pyfunction!(probe_idempotency_key, m)?)?;
    m.add_function(wrap_pyfunction!(run_idempotency_key, m)?)?;
    m.add_function(wrap_pyfunction!(parse_idempotency_key, m)?)?;
    m.add_class::<DedupIndex>()?;
    Ok(())
}
