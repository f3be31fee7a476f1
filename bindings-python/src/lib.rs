//! `verity._verity`: the native layer of the `verity` Python package.
//!
//! Holds no decisions: every function converts its arguments (one conversion
//! layer, [`convert`]), calls the core, and maps errors (one mapping,
//! [`errors`]). Heavy calls release the GIL. One file per core module.

mod auditlog;
mod conversation;
mod convert;
mod dedup;
mod enforcement;
mod envelope;
mod errors;
mod metadata;
mod outcome;
mod pairing;
mod retry;

use pyo3::prelude::*;

#[pymodule]
fn _verity(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    m.add_function(wrap_pyfunction!(convert::dumps, m)?)?;
    m.add_function(wrap_pyfunction!(convert::load_document, m)?)?;
    metadata::register(m)?;
    dedup::register(m)?;
    enforcement::register(m)?;
    outcome::register(m)?;
    envelope::register(m)?;
    retry::register(m)?;
    auditlog::register(m)?;
    pairing::register(m)?;
    conversation::register(m)?;
    Ok(())
}
