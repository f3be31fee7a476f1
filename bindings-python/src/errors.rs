//! The one mapping from core errors (and panics) to Python exceptions.
//!
//! Hierarchy (declared with the public module path `verity`, so tracebacks and
//! pickling name `verity.InvalidInputError`, not `verity._verity...`):
//!
//! ```text
//! ValueError
//! └── VerityError                     every error raised by verity
//!     ├── InvalidJsonError            invalid_json, duplicate_key, invalid_number, invalid_string
//!     ├── InvalidInputError           invalid_input
//!     │   └── MissingFieldError       missing_field
//!     ├── UnknownShapeError           unknown_shape
//!     ├── LimitExceededError          too_large, too_deep
//!     ├── InvariantViolationError     invariant_violation
//!     ├── UnsupportedVersionError     unsupported_version
//!     ├── ConfigError                 invalid_config
//!     └── InternalError               internal (a bug: a panic caught at the boundary)
//! ```
//!
//! Every instance carries `.kind` (the core's stable code), `.path` (the
//! `$`-rooted path at fault) and `.message` (the text without kind and path).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use verity::{Error, ErrorKind};

pyo3::create_exception!(
    verity,
    VerityError,
    PyValueError,
    "Base class of every verity error; `.kind`, `.path`, `.message`."
);
pyo3::create_exception!(
    verity,
    InvalidJsonError,
    VerityError,
    "Text/bytes that are not JSON, or JSON verity refuses (duplicate keys, lone surrogates, non-finite numbers)."
);
pyo3::create_exception!(
    verity,
    InvalidInputError,
    VerityError,
    "A value has the wrong type or an invalid value."
);
pyo3::create_exception!(
    verity,
    MissingFieldError,
    InvalidInputError,
    "A required field is absent."
);
pyo3::create_exception!(
    verity,
    UnknownShapeError,
    VerityError,
    "JSON of a shape no supported API or document produces."
);
pyo3::create_exception!(
    verity,
    LimitExceededError,
    VerityError,
    "Input larger (too_large) or deeper (too_deep) than the documented limits."
);
pyo3::create_exception!(
    verity,
    InvariantViolationError,
    VerityError,
    "A value violates an invariant of its type."
);
pyo3::create_exception!(
    verity,
    UnsupportedVersionError,
    VerityError,
    "A stored value from a newer or unknown format version."
);
pyo3::create_exception!(
    verity,
    ConfigError,
    VerityError,
    "A configuration is invalid (unknown key, negative threshold, ...)."
);
pyo3::create_exception!(
    verity,
    InternalError,
    VerityError,
    "A bug in verity (a Rust panic caught at the boundary); please report it."
);

/// Kind code of a caught panic; not a core [`ErrorKind`].
pub const INTERNAL_KIND: &str = "internal";

/// Builds the exception for `kind`/`path`/`message` and sets its attributes.
pub fn raise(py: Python<'_>, kind: &str, path: &str, message: &str) -> PyErr {
    let text = format!("{kind} at {path}: {message}");
    let err = match kind {
        "invalid_json" | "duplicate_key" | "invalid_number" | "invalid_string" => {
            InvalidJsonError::new_err(text)
        }
        "invalid_input" => InvalidInputError::new_err(text),
        "missing_field" => MissingFieldError::new_err(text),
        "unknown_shape" => UnknownShapeError::new_err(text),
        "too_large" | "too_deep" => LimitExceededError::new_err(text),
        "invariant_violation" => InvariantViolationError::new_err(text),
        "unsupported_version" => UnsupportedVersionError::new_err(text),
        "invalid_config" => ConfigError::new_err(text),
        INTERNAL_KIND => InternalError::new_err(text),
        _ => VerityError::new_err(text),
    };
    let value = err.value(py);
    // Setting attributes on a fresh exception instance cannot fail in
    // practice; if it ever did, the exception is still raised with its text.
    let _ = value.setattr("kind", kind);
    let _ = value.setattr("path", path);
    let _ = value.setattr("message", message);
    err
}

/// The one conversion of a core error into a Python exception.
pub fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    raise(py, e.kind().code(), e.path(), e.message())
}

/// Shorthand for an `invalid_input` error raised by the binding itself while
/// extracting an argument (wrong Python type).
pub fn invalid_input(py: Python<'_>, path: &str, message: impl AsRef<str>) -> PyErr {
    raise(py, ErrorKind::InvalidInput.code(), path, message.as_ref())
}

/// Maps a panic payload caught by `catch_unwind` to [`InternalError`].
pub fn from_panic(py: Python<'_>, payload: Box<dyn std::any::Any + Send>) -> PyErr {
    let message = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_owned()
    };
    raise(py, INTERNAL_KIND, "$", &message)
}

/// Panics inside the panic guard on purpose, so the test suite can show that
/// a Rust panic reaches Python as `verity.InternalError`, never as a crash or
/// a `BaseException` (private; not part of the API).
#[pyfunction]
#[pyo3(name = "_panic_for_tests", signature = (detached=false))]
pub fn panic_for_tests(py: Python<'_>, detached: bool) -> PyResult<()> {
    if detached {
        crate::convert::detached(py, || -> verity::Result<()> {
            panic!("deliberate panic with the GIL released")
        })
    } else {
        crate::convert::call(py, || -> verity::Result<()> {
            panic!("deliberate panic (verity._verity._panic_for_tests)")
        })
    }
}

/// Registers the exception classes on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = py.get_type::<VerityError>();
    // Class-level defaults so the attributes exist (and are typed) even on an
    // instance created by user code; every raised instance overrides them.
    base.setattr("kind", "")?;
    base.setattr("path", "$")?;
    base.setattr("message", "")?;
    m.add("VerityError", base)?;
    m.add("InvalidJsonError", py.get_type::<InvalidJsonError>())?;
    m.add("InvalidInputError", py.get_type::<InvalidInputError>())?;
    m.add("MissingFieldError", py.get_type::<MissingFieldError>())?;
    m.add("UnknownShapeError", py.get_type::<UnknownShapeError>())?;
    m.add("LimitExceededError", py.get_type::<LimitExceededError>())?;
    m.add(
        "InvariantViolationError",
        py.get_type::<InvariantViolationError>(),
    )?;
    m.add(
        "UnsupportedVersionError",
        py.get_type::<UnsupportedVersionError>(),
    )?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add_function(wrap_pyfunction!(panic_for_tests, m)?)?;
    Ok(())
}
