//! Bindings for `verity::dedup`: canonical JSON, hashes, idempotency keys,
//! the dedup index.

use crate::convert;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// RFC 8785 canonical bytes of a JSON value (dict/list/scalar, or JSON text
/// as str/bytes).
#[pyfunction]
pub fn canonical_json<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let py = value.py();
    let v = convert::document(value)?;
    let bytes = convert::call(py, || verity::dedup::canonical_json(&v))?;
    Ok(PyBytes::new(py, &bytes))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(canonical_json, m)?)?;
    Ok(())
}
