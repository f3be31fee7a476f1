//! Reading a persisted run record into [`RunFacts`], reporting missing
//! fields, wrong types and impossible values as violations (never errors:
//! `check_run_invariants` lists every problem of a row).

use super::invariants::{RunFacts, Violation, ViolationCode};
use super::mode::{EnforcementMode, RequestedMode};
use super::verdict::{EnforcementErrorCode, Status};
use crate::json::type_name;
use serde_json::{Map, Value};

enum Conv<T> {
    Ok(T),
    WrongType,
    BadValue(String),
}

/// Reads one field; `required` fields report absence and null.
fn read<T>(
    map: &Map<String, Value>,
    key: &str,
    required: bool,
    expected: &str,
    found: &mut Vec<Violation>,
    conv: impl Fn(&Value) -> Conv<T>,
) -> Option<T> {
    match map.get(key).filter(|v| !v.is_null()) {
        None => {
            if required {
                found.push(Violation::new(
                    ViolationCode::MissingField,
                    key,
                    format!("{key} is required"),
                ));
            }
            None
        }
        Some(value) => match conv(value) {
            Conv::Ok(v) => Some(v),
            Conv::WrongType => {
                found.push(Violation::new(
                    ViolationCode::InvalidType,
                    key,
                    format!("expected {expected}, got {}", type_name(value)),
                ));
                None
            }
            Conv::BadValue(message) => {
                found.push(Violation::new(ViolationCode::InvalidValue, key, message));
                None
            }
        },
    }
}

fn text<T>(value: &Value, parse: impl Fn(&str) -> Option<T>, what: &str) -> Conv<T> {
    match value.as_str() {
        None => Conv::WrongType,
        Some(s) => {
            parse(s).map_or_else(|| Conv::BadValue(format!("unknown {what} {s:?}")), Conv::Ok)
        }
    }
}

fn count(value: &Value) -> Conv<u64> {
    match value {
        Value::Number(n) => n.as_u64().map_or_else(
            || Conv::BadValue(format!("expected a non-negative integer, got {n}")),
            Conv::Ok,
        ),
        _ => Conv::WrongType,
    }
}

fn boolean(value: &Value) -> Conv<bool> {
    value.as_bool().map_or(Conv::WrongType, Conv::Ok)
}

pub(crate) fn read_facts(map: &Map<String, Value>, found: &mut Vec<Violation>) -> RunFacts {
    let mode = |v: &Value| text(v, |s| RequestedMode::parse(s).ok(), "requested_mode");
    let emode = |v: &Value| text(v, |s| EnforcementMode::parse(s).ok(), "enforcement_mode");
    let status = |v: &Value| {
        text(
            v,
            |s| match s {
                "ok" => Some(Status::Ok),
                "failed" => Some(Status::Failed),
                _ => None,
            },
            "status",
        )
    };
    let mut facts = RunFacts {
        requested_mode: read(map, "requested_mode", true, "a string", found, mode),
        enforcement_mode: read(map, "enforcement_mode", false, "a string", found, emode),
        tool_call_count: read(map, "tool_call_count", true, "an integer", found, count),
        attempted_tool_call_count: read(
            map,
            "attempted_tool_call_count",
            false,
            "an integer",
            found,
            count,
        ),
        grounded_effective: read(
            map,
            "grounded_effective",
            false,
            "a boolean",
            found,
            boolean,
        ),
        status: read(map, "status", true, "a string", found, status),
        enforcement_passed: read(map, "enforcement_passed", true, "a boolean", found, boolean),
        ..RunFacts::default()
    };
    facts.error_code = match map.get("error_code") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(_) => read(map, "error_code", false, "a string or null", found, |v| {
            text(v, EnforcementErrorCode::parse, "error_code")
        })
        .map(Some),
    };
    facts.budget_starved = read(map, "budget_starved", false, "a boolean", found, boolean);
    facts.citation_urls = read(
        map,
        "citation_urls",
        false,
        "an array of strings",
        found,
        |v| match v.as_array() {
            Some(items) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .map_or(Conv::WrongType, Conv::Ok),
            None => Conv::WrongType,
        },
    );
    facts.citations_count = read(map, "citations_count", false, "an integer", found, count);
    facts.search_confidence = read(
        map,
        "search_confidence",
        false,
        "a number or null",
        found,
        |v| v.as_f64().map_or(Conv::WrongType, Conv::Ok),
    );
    facts.retryable = read(map, "retryable", false, "a boolean", found, boolean);
    facts
}
