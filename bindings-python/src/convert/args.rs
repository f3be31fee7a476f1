//! Scalar and list arguments (`str`, `int`, `float`, `bool`, enum names):
//! a wrong Python type is `invalid_input` naming the argument (`$.mode`),
//! never pyo3's generic `TypeError`, so every entry point reports bad input
//! the same way.

use super::type_name;
use crate::errors;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;
use verity::ErrorKind;

/// A required `str` argument named `name`; a wrong type is `invalid_input`
/// at `$.name`.
pub fn string(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    string_at(obj, &verity::error::field_path("$", name))
}

/// A `str` whose path (for errors) is `path`.
pub fn string_at(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<String> {
    let py = obj.py();
    let s = obj.cast::<PyString>().map_err(|_| {
        errors::invalid_input(py, path, format!("expected str, got {}", type_name(obj)))
    })?;
    s.to_cow().map(|c| c.into_owned()).map_err(|_| {
        errors::raise(
            py,
            ErrorKind::InvalidString.code(),
            path,
            "not valid Unicode (lone surrogate)",
        )
    })
}

/// A list (or tuple) of `str` named `name`; errors at `$.name[i]`.
pub fn string_list(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<String>> {
    let items: Vec<Bound<'_, PyAny>> = if let Ok(list) = obj.cast::<PyList>() {
        list.iter().collect()
    } else if let Ok(tuple) = obj.cast::<PyTuple>() {
        tuple.iter().collect()
    } else {
        return Err(errors::invalid_input(
            obj.py(),
            &verity::error::field_path("$", name),
            format!("expected a list of str, got {}", type_name(obj)),
        ));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let path = verity::error::index_path(&verity::error::field_path("$", name), i);
            string_at(item, &path)
        })
        .collect()
}

/// An optional `str` argument (`None` → `None`).
pub fn optional_string(obj: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<String>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => string(o, name).map(Some),
    }
}

/// An optional enum argument given by its JSON (snake_case) name, e.g.
/// `platform="vertex_ai"`; a wrong type or unknown name is `invalid_input`
/// at `$.name`.
pub fn optional_enum<T: serde::de::DeserializeOwned>(
    obj: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Option<T>> {
    let Some(text) = optional_string(obj, name)? else {
        return Ok(None);
    };
    serde_json::from_value::<T>(Value::String(text.clone()))
        .map(Some)
        .map_err(|e| {
            let py = obj.map(|o| o.py());
            match py {
                Some(py) => errors::invalid_input(
                    py,
                    &verity::error::field_path("$", name),
                    format!("{text:?} is not a valid {name}: {e}"),
                ),
                None => PyErr::new::<pyo3::exceptions::PyValueError, _>(e.to_string()),
            }
        })
}

/// An optional `bool` argument (`None` → `default`).
pub fn boolean(obj: Option<&Bound<'_, PyAny>>, name: &str, default: bool) -> PyResult<bool> {
    match obj {
        None => Ok(default),
        Some(o) if o.is_none() => Ok(default),
        Some(o) => o.cast::<PyBool>().map(|b| b.is_true()).map_err(|_| {
            errors::invalid_input(
                o.py(),
                &verity::error::field_path("$", name),
                format!("expected bool, got {}", type_name(o)),
            )
        }),
    }
}

/// A required non-negative integer argument named `name`.
pub fn unsigned(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<u64> {
    let py = obj.py();
    let path = verity::error::field_path("$", name);
    if obj.cast::<PyBool>().is_ok() || obj.cast::<PyInt>().is_err() {
        return Err(errors::invalid_input(
            py,
            &path,
            format!("expected int, got {}", type_name(obj)),
        ));
    }
    obj.extract::<u64>().map_err(|_| {
        errors::invalid_input(py, &path, "expected a non-negative integer below 2**64")
    })
}

/// An optional non-negative integer argument.
pub fn optional_unsigned(obj: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<u64>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => unsigned(o, name).map(Some),
    }
}

/// A required float argument (int accepted) named `name`.
pub fn float(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<f64> {
    let py = obj.py();
    let path = verity::error::field_path("$", name);
    if obj.cast::<PyBool>().is_ok()
        || (obj.cast::<PyFloat>().is_err() && obj.cast::<PyInt>().is_err())
    {
        return Err(errors::invalid_input(
            py,
            &path,
            format!("expected float, got {}", type_name(obj)),
        ));
    }
    obj.extract::<f64>()
        .map_err(|_| errors::invalid_input(py, &path, "expected a finite float"))
}
