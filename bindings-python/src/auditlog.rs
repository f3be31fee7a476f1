//! Bindings for `verity::auditlog`: append events to a hash-chained log and
//! verify a log's integrity (streaming, GIL released).

use crate::convert::{self, Doc};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use std::sync::Mutex;
use verity::auditlog::{self, LogEntry, LogEvent, LogVerifier, Timestamp, VerifyOptions};

fn entry_from(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<LogEntry> {
    let value = convert::document(obj)?;
    convert::call(py, || {
        LogEntry::from_value(&value).map_err(|e| e.under("$.previous"))
    })
}

fn event_from(py: Python<'_>, obj: &Bound<'_, PyAny>, prefix: &str) -> PyResult<LogEvent> {
    let value = convert::document(obj)?;
    convert::call(py, || {
        LogEvent::from_value(&value).map_err(|e| e.under(prefix))
    })
}

/// Seals `event` (`{"id"?, "timestamp", "subsystem", "event", "payload"?}`)
/// as the entry after `previous` (`None` for the first entry); returns the
/// entry's JSON dict (`seq`, `prev_hash`, `hash`, ...).
#[pyfunction]
pub fn append_log_entry<'py>(
    previous: &Bound<'py, PyAny>,
    event: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = event.py();
    let previous = if previous.is_none() {
        None
    } else {
        Some(entry_from(py, previous)?)
    };
    let event = event_from(py, event, "$.event")?;
    let entry = convert::call(py, || auditlog::append_log_entry(previous.as_ref(), &event))?;
    convert::output(py, &entry)
}

/// Seals many events in order after `previous`, with the GIL released;
/// errors name the event: `$.events[3].timestamp`.
#[pyfunction]
pub fn append_log_entries<'py>(
    previous: &Bound<'py, PyAny>,
    events: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = events.py();
    let previous = if previous.is_none() {
        None
    } else {
        Some(entry_from(py, previous)?)
    };
    let items = convert::items(events, "events")?;
    let docs = convert::documents(&items)?;
    let entries = convert::detached(py, || {
        let mut out: Vec<LogEntry> = Vec::with_capacity(docs.len());
        for (i, doc) in docs.into_iter().enumerate() {
            let at = format!("$.events[{i}]");
            let event = doc
                .into_value()
                .and_then(|v| LogEvent::from_value(&v))
                .map_err(|e| e.under(&at))?;
            let last = out.last().or(previous.as_ref());
            let entry = auditlog::append_log_entry(last, &event).map_err(|e| {
                // The core names `$.event.<field>`; re-root under this event.
                let path = e.path().replacen("$.event", &at, 1);
                verity::Error::new(e.kind(), path, e.message())
            })?;
            out.push(entry);
        }
        Ok(out)
    })?;
    convert::output(py, &entries)
}

/// One item of a log to verify: a JSONL line (text) or a parsed entry.
enum Item {
    Line(Vec<u8>),
    Value(serde_json::Value),
}

fn log_items(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Item>> {
    let py = obj.py();
    // A whole JSONL document (file contents) as bytes or str.
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(split_lines(bytes.as_bytes()));
    }
    if let Ok(text) = obj.cast::<PyString>() {
        return Ok(split_lines(text.to_cow()?.as_bytes()));
    }
    let items: Vec<Bound<'_, PyAny>> = if let Ok(list) = obj.cast::<PyList>() {
        list.iter().collect()
    } else if let Ok(tuple) = obj.cast::<PyTuple>() {
        tuple.iter().collect()
    } else {
        return Err(crate::errors::invalid_input(
            py,
            "$.entries",
            "expected a list of entries (dicts or JSON lines) or JSONL text/bytes",
        ));
    };
    items
        .iter()
        .map(|item| {
            // A malformed entry is a finding of the report, not an exception:
            // lines stay raw and the verifier records their problem.
            Ok(match convert::doc(item)? {
                Doc::Text(text) => Item::Line(text.into_owned()),
                Doc::Value(v) => Item::Value(v),
            })
        })
        .collect()
}

fn split_lines(bytes: &[u8]) -> Vec<Item> {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    if body.is_empty() {
        return Vec::new();
    }
    body.split(|&b| b == b'\n')
        .map(|line| Item::Line(line.strip_suffix(b"\r").unwrap_or(line).to_vec()))
        .collect()
}

/// Verifies a log: hash mismatches, broken links, sequence gaps, timestamp
/// reversals, staleness and silent subsystems before `now`, per-subsystem
/// summaries. `entries`: a list of entry dicts / JSON lines, or the JSONL
/// text/bytes of a whole log. Runs with the GIL released.
///
/// Options (`stale_after_seconds`, `silent_after_seconds`, `require_genesis`,
/// `checkpoint`, `max_problems`) come as keyword arguments or one `options`
/// dict; an unknown option is a `ConfigError` naming it (`$.stale_after`).
#[pyfunction]
#[pyo3(signature = (entries, now=None, *, options=None, **option_kwargs))]
pub fn verify_log<'py>(
    entries: &Bound<'py, PyAny>,
    now: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyAny>>,
    option_kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = entries.py();
    let items = log_items(entries)?;
    let now = now_arg(py, now)?;
    let options = options_from(py, options, option_kwargs)?;
    let report = convert::detached(py, || {
        let mut verifier = LogVerifier::new(options)?;
        for item in &items {
            match item {
                Item::Line(line) => verifier.push_line(line),
                Item::Value(v) => verifier.push_value(v),
            }
        }
        Ok(verifier.finish(now))
    })?;
    convert::output(py, &report)
}

fn options_from(
    py: Python<'_>,
    options: Option<&Bound<'_, PyAny>>,
    option_kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<VerifyOptions> {
    let mut merged = match convert::optional_document(options)? {
        Some(serde_json::Value::Object(map)) => map,
        Some(_) => {
            return Err(crate::errors::raise(
                py,
                "invalid_config",
                "$",
                "options must be an object",
            ))
        }
        None => serde_json::Map::new(),
    };
    if let Some(kwargs) = option_kwargs {
        for (key, value) in kwargs.iter() {
            let key = convert::string_at(&key, "$")?;
            let value = convert::value_named(&value, &key)?;
            merged.insert(key, value);
        }
    }
    convert::call(py, || {
        VerifyOptions::from_value(&serde_json::Value::Object(merged))
    })
}

fn now_arg(py: Python<'_>, now: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Timestamp>> {
    match now.filter(|n| !n.is_none()) {
        Some(n) => {
            let text = convert::string(n, "now")?;
            Ok(Some(convert::call(py, || {
                Timestamp::parse_rfc3339(&text, "$.now")
            })?))
        }
        None => Ok(None),
    }
}

/// Streaming log verification for logs of any length: push JSONL lines (or
/// entries) as they are read, then `finish(now)` once. Each push is O(1)
/// memory; `push_lines` takes a batch with the GIL released. After
/// `finish` the verifier is spent (further calls raise `InvalidInputError`).
#[pyclass(frozen, module = "verity", name = "LogVerifier")]
pub struct PyLogVerifier {
    state: Mutex<Option<LogVerifier>>,
}

impl PyLogVerifier {
    /// Runs `f` on the verifier with the GIL released. The lock is only
    /// ever taken without the GIL, so a thread waiting for it never blocks
    /// the thread holding it from re-acquiring the GIL (no deadlock).
    fn with<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut LogVerifier) -> T + Send,
    ) -> PyResult<T> {
        let out = py.detach(|| {
            let mut guard = self.state.lock().unwrap_or_else(|p| p.into_inner());
            guard.as_mut().map(f)
        });
        out.ok_or_else(|| {
            crate::errors::invalid_input(py, "$", "this LogVerifier has finished; create a new one")
        })
    }
}

#[pymethods]
impl PyLogVerifier {
    /// Options as keywords (`stale_after_seconds`, `silent_after_seconds`,
    /// `require_genesis`, `checkpoint`, `max_problems`) or one `options` dict.
    #[new]
    #[pyo3(signature = (*, options=None, **option_kwargs))]
    fn new(
        py: Python<'_>,
        options: Option<&Bound<'_, PyAny>>,
        option_kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let options = options_from(py, options, option_kwargs)?;
        let verifier = convert::call(py, || LogVerifier::new(options))?;
        Ok(PyLogVerifier {
            state: Mutex::new(Some(verifier)),
        })
    }

    /// Pushes one JSONL line (`bytes` or `str`, trailing newline ignored) or
    /// one entry dict. A malformed line is a finding, not an exception.
    fn push(&self, item: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = item.py();
        match convert::doc(item)? {
            convert::Doc::Text(text) => {
                let line = text.strip_suffix(b"\n").unwrap_or(&text);
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                self.with(py, |v| v.push_line(line))
            }
            convert::Doc::Value(value) => self.with(py, |v| v.push_value(&value)),
        }
    }

    /// Pushes many lines/entries (an iterable, e.g. an open binary file)
    /// in one call, verifying with the GIL released.
    fn push_lines(&self, items: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = items.py();
        let mut batch = Vec::new();
        for item in items.try_iter()? {
            let item = item?;
            batch.push(match convert::doc(&item)? {
                convert::Doc::Text(text) => {
                    let line = text.strip_suffix(b"\n").unwrap_or(&text);
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    Item::Line(line.to_vec())
                }
                convert::Doc::Value(v) => Item::Value(v),
            });
        }
        self.with(py, |verifier| {
            for item in &batch {
                match item {
                    Item::Line(line) => verifier.push_line(line),
                    Item::Value(v) => verifier.push_value(v),
                }
            }
        })
    }

    /// Ends the stream and returns the report's JSON dict (the same as
    /// `verify_log(...).to_dict()`); `now` (RFC 3339) enables the staleness
    /// and silent-subsystem checks.
    #[pyo3(signature = (now=None))]
    fn finish<'py>(
        &self,
        py: Python<'py>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let now = now_arg(py, now)?;
        let report = py.detach(|| {
            let taken = self.state.lock().unwrap_or_else(|p| p.into_inner()).take();
            taken.map(|verifier| verifier.finish(now))
        });
        let report = report.ok_or_else(|| {
            crate::errors::invalid_input(py, "$", "this LogVerifier has already finished")
        })?;
        convert::output(py, &report)
    }
}

/// Whether an event counts as a failure in the subsystem summaries.
#[pyfunction]
#[pyo3(signature = (event, payload=None))]
pub fn is_failure_event(
    py: Python<'_>,
    event: &Bound<'_, PyAny>,
    payload: Option<&Bound<'_, PyAny>>,
) -> PyResult<bool> {
    let event = convert::string(event, "event")?;
    let payload = match payload.filter(|p| !p.is_none()) {
        Some(p) => convert::value_named(p, "payload")?,
        None => serde_json::Value::Null,
    };
    convert::call(py, || Ok(auditlog::is_failure_event(&event, &payload)))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(append_log_entry, m)?)?;
    m.add_function(wrap_pyfunction!(append_log_entries, m)?)?;
    m.add_function(wrap_pyfunction!(verify_log, m)?)?;
    m.add_function(wrap_pyfunction!(is_failure_event, m)?)?;
    m.add_class::<PyLogVerifier>()?;
    Ok(())
}
