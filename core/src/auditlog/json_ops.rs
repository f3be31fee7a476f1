//! JSON-level entry points for the audit log (same conventions as
//! [`crate::outcome::json_ops`]): keyword arguments in one JSON object,
//! the output's JSON form back, argument errors rooted at the argument name.

use super::{append_log_entry, verify_log, LogEntry, LogEvent, VerifyOptions};
use crate::error::{Error, ErrorKind, Result};
use serde_json::{Map, Value};

/// `{previous (entry or null), event}` → the sealed entry.
pub fn append_log_entry_json(args: &Value) -> Result<Value> {
    let previous = match args.get("previous") {
        None | Some(Value::Null) => None,
        Some(v) => Some(LogEntry::from_value(v).map_err(|e| e.under("$.previous"))?),
    };
    let event = args
        .get("event")
        .ok_or_else(|| Error::missing_field("$.event"))?;
    let event = LogEvent::from_value(event).map_err(|e| e.under("$.event"))?;
    let entry = append_log_entry(previous.as_ref(), &event)?;
    serde_json::to_value(&entry).map_err(|e| Error::invalid_input("$", e.to_string()))
}

/// `{entries: [...], now?, stale_after_seconds?, silent_after_seconds?,
/// require_genesis?, checkpoint?, max_problems?}` → the report.
pub fn verify_log_json(args: &Value) -> Result<Value> {
    let object = args
        .as_object()
        .ok_or_else(|| Error::invalid_input("$", "expected an object of arguments"))?;
    let entries = object
        .get("entries")
        .ok_or_else(|| Error::missing_field("$.entries"))?
        .as_array()
        .ok_or_else(|| Error::invalid_input("$.entries", "expected an array of entries"))?;
    let now = crate::outcome::json_ops::now_arg(args)?;
    let options: Map<String, Value> = object
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "entries" | "now"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let options = VerifyOptions::from_value(&Value::Object(options))?;
    let report = verify_log(entries, &options, now)?;
    serde_json::to_value(&report)
        .map_err(|e| Error::new(ErrorKind::InvalidInput, "$", e.to_string()))
}
