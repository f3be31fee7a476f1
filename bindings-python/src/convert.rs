//! The one conversion layer between Python objects and `serde_json::Value`,
//! plus the one wrapper around every core call (panic guard, GIL release,
//! error mapping).
//!
//! Inputs: `str` and `bytes` are JSON text and go through `verity::json::parse`
//! (the fast path: no `json.loads`, same 8 MiB / depth-128 limits and the same
//! errors as every other host). `dict`/`list`/`tuple` and scalars are walked
//! here with the same depth limit, and an approximate size budget (string
//! bytes + one per value) of the same 8 MiB. pythonize is not used for
//! inputs: its recursion is unbounded, so a deeply nested dict would overflow
//! the stack (an abort, not an exception).
//!
//! Outputs: any `Serialize` core value goes to Python via pythonize (dicts,
//! lists, str, int, float, bool, None; object keys in serde order).

mod args;

pub use args::*;

use crate::errors;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use verity::json::Limits;
use verity::ErrorKind;

/// A conversion failure: kind, message and the path segments collected while
/// unwinding (innermost first), so the success path never builds strings.
struct ConvertError {
    kind: ErrorKind,
    message: String,
    segments: Vec<String>,
}

impl ConvertError {
    fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ConvertError {
            kind,
            message: message.into(),
            segments: Vec::new(),
        }
    }

    fn at(mut self, segment: String) -> Self {
        self.segments.push(segment);
        self
    }

    fn path(&self) -> String {
        let mut path = String::from("$");
        for segment in self.segments.iter().rev() {
            path.push_str(segment);
        }
        path
    }
}

struct Walker {
    budget: usize,
    max_depth: usize,
}

impl Walker {
    fn spend(&mut self, amount: usize) -> Result<(), ConvertError> {
        if amount > self.budget {
            return Err(ConvertError::new(
                ErrorKind::TooLarge,
                format!(
                    "input is larger than the limit of {} bytes",
                    Limits::DEFAULT_MAX_BYTES
                ),
            ));
        }
        self.budget -= amount;
        Ok(())
    }

    fn walk(&mut self, obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, ConvertError> {
        self.spend(1)?;
        if obj.is_none() {
            return Ok(Value::Null);
        }
        if let Ok(s) = obj.cast::<PyString>() {
            let text = s.to_cow().map_err(|_| {
                ConvertError::new(
                    ErrorKind::InvalidString,
                    "string is not valid Unicode (lone surrogate)",
                )
            })?;
            self.spend(text.len())?;
            return Ok(Value::String(text.into_owned()));
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return Ok(Value::Bool(b.is_true()));
        }
        if obj.cast::<PyInt>().is_ok() {
            if let Ok(i) = obj.extract::<i64>() {
                return Ok(Value::Number(i.into()));
            }
            if let Ok(u) = obj.extract::<u64>() {
                return Ok(Value::Number(u.into()));
            }
            return Err(ConvertError::new(
                ErrorKind::InvalidNumber,
                "integer does not fit in 64 bits",
            ));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return Number::from_f64(f.value())
                .map(Value::Number)
                .ok_or_else(|| {
                    ConvertError::new(ErrorKind::InvalidNumber, "NaN and infinity are not JSON")
                });
        }
        if let Ok(dict) = obj.cast::<PyDict>() {
            let depth = self.enter(depth)?;
            let mut map = Map::new();
            for (key, item) in dict.iter() {
                let key = key
                    .cast::<PyString>()
                    .map_err(|_| {
                        ConvertError::new(
                            ErrorKind::InvalidInput,
                            format!("object keys must be str, got {}", type_name(&key)),
                        )
                    })?
                    .to_cow()
                    .map_err(|_| {
                        ConvertError::new(ErrorKind::InvalidString, "key is not valid Unicode")
                    })?
                    .into_owned();
                self.spend(key.len())?;
                let value = self
                    .walk(&item, depth)
                    .map_err(|e| e.at(verity::error::field_path("", &key)))?;
                map.insert(key, value);
            }
            return Ok(Value::Object(map));
        }
        if let Ok(list) = obj.cast::<PyList>() {
            let depth = self.enter(depth)?;
            let mut items = Vec::with_capacity(list.len());
            for (index, item) in list.iter().enumerate() {
                items.push(
                    self.walk(&item, depth)
                        .map_err(|e| e.at(format!("[{index}]")))?,
                );
            }
            return Ok(Value::Array(items));
        }
        if let Ok(tuple) = obj.cast::<PyTuple>() {
            let depth = self.enter(depth)?;
            let mut items = Vec::with_capacity(tuple.len());
            for (index, item) in tuple.iter().enumerate() {
                items.push(
                    self.walk(&item, depth)
                        .map_err(|e| e.at(format!("[{index}]")))?,
                );
            }
            return Ok(Value::Array(items));
        }
        Err(ConvertError::new(
            ErrorKind::InvalidInput,
            format!(
                "expected a JSON-compatible value (dict, list, str, int, float, bool, None), got {}",
                type_name(obj)
            ),
        ))
    }

    fn enter(&self, depth: usize) -> Result<usize, ConvertError> {
        if depth >= self.max_depth {
            return Err(ConvertError::new(
                ErrorKind::TooDeep,
                format!("nesting deeper than {} levels", self.max_depth),
            ));
        }
        Ok(depth + 1)
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// A JSON document argument: `str`/`bytes` are parsed as JSON text (the fast
/// path); anything else (`dict`, `list`, scalars) is converted structurally.
/// Paths are `$`-rooted in the document.
pub fn document(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    let py = obj.py();
    doc(obj)?.into_value().map_err(|e| errors::to_py(py, &e))
}

/// A JSON document argument before parsing: the exact text (for modules with
/// their own strict parser, e.g. dedup) or an already structured value.
pub enum Doc<'a> {
    /// `str`/`bytes` content: JSON text, not yet parsed.
    Text(Cow<'a, [u8]>),
    /// A `dict`/`list`/scalar converted structurally.
    Value(Value),
}

impl Doc<'_> {
    /// Parses text with the shared parser (`verity::json::parse`).
    pub fn into_value(self) -> verity::Result<Value> {
        match self {
            Doc::Text(text) => verity::json::parse(&text),
            Doc::Value(v) => Ok(v),
        }
    }
}

/// A JSON document argument, unparsed when it is text.
pub fn doc<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Doc<'a>> {
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(Doc::Text(Cow::Borrowed(bytes.as_bytes())));
    }
    if let Ok(text) = obj.cast::<PyString>() {
        let text = text.to_cow().map_err(|_| {
            errors::raise(
                obj.py(),
                ErrorKind::InvalidString.code(),
                "$",
                "text is not valid Unicode (lone surrogate)",
            )
        })?;
        return Ok(Doc::Text(match text {
            Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
            Cow::Owned(s) => Cow::Owned(s.into_bytes()),
        }));
    }
    value(obj).map(Doc::Value)
}

/// The items of a list (or tuple) argument named `name`, kept alive by the
/// caller while [`documents`] borrows from them; a non-list is
/// `invalid_input` at `$.name`.
pub fn items<'py>(obj: &Bound<'py, PyAny>, name: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if let Ok(list) = obj.cast::<PyList>() {
        Ok(list.iter().collect())
    } else if let Ok(tuple) = obj.cast::<PyTuple>() {
        Ok(tuple.iter().collect())
    } else {
        Err(errors::invalid_input(
            obj.py(),
            &verity::error::field_path("$", name),
            format!("expected a list of documents, got {}", type_name(obj)),
        ))
    }
}

/// The JSON documents of a batch call. `bytes` items are borrowed, not
/// copied (they are immutable and `items` keeps them alive while the core
/// runs without the GIL); an item's error path is `$[i]...`.
pub fn documents<'a>(items: &'a [Bound<'_, PyAny>]) -> PyResult<Vec<Doc<'a>>> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            doc(item).map_err(|e| {
                let prefix = verity::error::index_path("$", i);
                reroot(item.py(), e, &prefix)
            })
        })
        .collect()
}

/// Re-roots a verity exception's path under `prefix` (`$` + `$[2]` → `$[2]`).
pub fn reroot(py: Python<'_>, err: PyErr, prefix: &str) -> PyErr {
    let value = err.value(py);
    let (Ok(kind), Ok(path), Ok(message)) = (
        value.getattr("kind").and_then(|k| k.extract::<String>()),
        value.getattr("path").and_then(|p| p.extract::<String>()),
        value.getattr("message").and_then(|m| m.extract::<String>()),
    ) else {
        return err;
    };
    errors::raise(
        py,
        &kind,
        &verity::error::join_path(prefix, &path),
        &message,
    )
}

/// [`value`] for an argument named `name`: errors are rooted at `$.name`.
pub fn value_named(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Value> {
    value(obj).map_err(|e| reroot(obj.py(), e, &verity::error::field_path("$", name)))
}

/// Any JSON-compatible Python value converted structurally (a `str` stays a
/// JSON string: use [`document`] where text means "parse me").
pub fn value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    let mut walker = Walker {
        budget: Limits::DEFAULT_MAX_BYTES,
        max_depth: Limits::DEFAULT_MAX_DEPTH,
    };
    walker
        .walk(obj, 0)
        .map_err(|e| errors::raise(obj.py(), e.kind.code(), &e.path(), &e.message))
}

/// An optional document argument (`None` → `None`).
pub fn optional_document(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Value>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => document(o).map(Some),
    }
}

/// A core output as Python objects (dicts/lists/scalars) via pythonize.
pub fn output<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|e| {
        errors::raise(
            py,
            errors::INTERNAL_KIND,
            "$",
            &format!("could not convert an output to Python: {e}"),
        )
    })
}

/// A core output as compact JSON text (serde_json, exactly as Rust prints it).
pub fn to_json<T: Serialize + ?Sized>(py: Python<'_>, value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| {
        errors::raise(
            py,
            errors::INTERNAL_KIND,
            "$",
            &format!("could not serialise an output: {e}"),
        )
    })
}

/// Runs a core call with the GIL held, mapping errors and panics.
pub fn call<T>(py: Python<'_>, f: impl FnOnce() -> verity::Result<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(errors::to_py(py, &e)),
        Err(payload) => Err(errors::from_panic(py, payload)),
    }
}

/// Runs a heavy core call with the GIL released (inputs must already be
/// extracted into Rust values), mapping errors and panics.
pub fn detached<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> verity::Result<T> + Send,
) -> PyResult<T> {
    match py.detach(|| catch_unwind(AssertUnwindSafe(f))) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(errors::to_py(py, &e)),
        Err(payload) => Err(errors::from_panic(py, payload)),
    }
}

/// `to_json` support: any JSON-compatible Python value as compact JSON text,
/// serialised by serde_json exactly as the Rust core would.
#[pyfunction]
#[pyo3(name = "_dumps")]
pub fn dumps(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let v = value(obj)?;
    call(obj.py(), || {
        serde_json::to_string(&v)
            .map_err(|e| verity::Error::new(ErrorKind::InvalidInput, "$", e.to_string()))
    })
}

/// Parses JSON text/bytes (or converts a dict/list) under verity's limits and
/// returns plain Python objects: the same parser every entry point uses.
#[pyfunction]
#[pyo3(name = "parse_json")]
pub fn load_document<'py>(data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let v = document(data)?;
    output(data.py(), &v)
}
