//! The outcome and auditlog outputs conform to the JSON schemas in
//! `tests/schemas/outcome/` and `tests/schemas/auditlog/`: every successful
//! vector case's actual output is checked, plus every fixture entry and the
//! report of every fixture log. The checker implements exactly the keywords
//! those schemas use and panics on any other, so nothing goes unchecked.

use serde_json::Value;
use std::path::{Path, PathBuf};
use verity::{auditlog::json_ops as log_ops, outcome::json_ops as ops};

const KNOWN: &[&str] = &[
    "$schema",
    "$id",
    "title",
    "type",
    "enum",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minimum",
    "minLength",
    "oneOf",
    "pattern",
];

/// The one pattern the schemas use (no regex engine in the test deps).
const HEX64: &str = "^[0-9a-f]{64}$";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load(path: &str) -> Value {
    serde_json::from_slice(&std::fs::read(root().join(path)).unwrap()).unwrap()
}

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "null" => v.is_null(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "boolean" => v.is_boolean(),
        other => panic!("unsupported type {other}"),
    }
}

fn valid(schema: &Value, value: &Value) -> bool {
    let mut out = Vec::new();
    check(schema, value, "$", &mut out);
    out.is_empty()
}

/// Violations of `schema` by `value`, as `path: what` lines.
fn check(schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let s = schema.as_object().expect("schema is an object");
    for key in s.keys() {
        assert!(KNOWN.contains(&key.as_str()), "unsupported keyword {key}");
    }
    if let Some(options) = s.get("oneOf").and_then(Value::as_array) {
        let matching = options.iter().filter(|o| valid(o, value)).count();
        if matching != 1 {
            out.push(format!("{path}: {matching} oneOf branches match {value}"));
        }
    }
    if let Some(t) = s.get("type") {
        let ok = match t {
            Value::String(name) => type_matches(name, value),
            Value::Array(names) => names
                .iter()
                .any(|n| type_matches(n.as_str().unwrap(), value)),
            _ => panic!("bad type keyword"),
        };
        if !ok {
            out.push(format!("{path}: type {t} expected, got {value}"));
            return;
        }
    }
    if let Some(options) = s.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            out.push(format!("{path}: {value} not in enum"));
        }
    }
    if let (Some(min), Some(n)) = (s.get("minimum").and_then(Value::as_f64), value.as_f64()) {
        if n < min {
            out.push(format!("{path}: {n} < {min}"));
        }
    }
    if let Some(text) = value.as_str() {
        if let Some(min) = s.get("minLength").and_then(Value::as_u64) {
            if (text.chars().count() as u64) < min {
                out.push(format!("{path}: shorter than {min}"));
            }
        }
        if let Some(pattern) = s.get("pattern").and_then(Value::as_str) {
            assert_eq!(pattern, HEX64, "unsupported pattern");
            if text.len() != 64 || !text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                out.push(format!(
                    "{path}: {text:?} is not 64 lowercase hex characters"
                ));
            }
        }
    }
    if let (Some(items), Some(array)) = (s.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            check(items, item, &format!("{path}[{i}]"), out);
        }
    }
    if let Some(obj) = value.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        for key in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !obj.contains_key(key.as_str().unwrap()) {
                out.push(format!("{path}: missing {key}"));
            }
        }
        for (key, v) in obj {
            let sub = format!("{path}.{key}");
            match (
                props.and_then(|p| p.get(key)),
                s.get("additionalProperties"),
            ) {
                (Some(p), _) => check(p, v, &sub, out),
                (None, Some(Value::Bool(false))) => out.push(format!("{sub}: not allowed")),
                (None, Some(extra @ Value::Object(_))) => check(extra, v, &sub, out),
                _ => {}
            }
        }
    }
}

fn assert_conforms(schema_path: &str, value: &Value, what: &str) {
    let mut out = Vec::new();
    check(&load(schema_path), value, "$", &mut out);
    assert!(
        out.is_empty(),
        "{what} violates {schema_path}:\n{}",
        out.join("\n")
    );
}

/// (op, schema, function) for every operation with a schema'd output.
type Op = fn(&Value) -> verity::Result<Value>;
const OPS: &[(&str, &str, Op)] = &[
    (
        "execution_result_from_dict",
        "outcome/execution_result",
        ops::execution_result_from_dict,
    ),
    (
        "execution_result_success",
        "outcome/execution_result",
        ops::execution_result_success,
    ),
    (
        "execution_result_failure",
        "outcome/execution_result",
        ops::execution_result_failure,
    ),
    (
        "execution_result_partial",
        "outcome/execution_result",
        ops::execution_result_partial,
    ),
    (
        "aggregate_results",
        "outcome/result_summary",
        ops::aggregate_results_json,
    ),
    (
        "envelope_from_result",
        "outcome/envelope",
        ops::envelope_from_result,
    ),
    (
        "classify_failure",
        "outcome/failure",
        ops::classify_failure_json,
    ),
    (
        "decide_retry",
        "outcome/retry_decision",
        ops::decide_retry_json,
    ),
    (
        "append_log_entry",
        "auditlog/log_entry",
        log_ops::append_log_entry_json,
    ),
    (
        "verify_log",
        "auditlog/verify_report",
        log_ops::verify_log_json,
    ),
];

fn with_fixtures(value: &Value) -> Value {
    match value {
        Value::Object(map) => match map.get("$fixture").and_then(Value::as_str) {
            Some(path) if map.len() == 1 => load(&format!("tests/fixtures/{path}")),
            _ => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), with_fixtures(v)))
                    .collect(),
            ),
        },
        Value::Array(items) => Value::Array(items.iter().map(with_fixtures).collect()),
        other => other.clone(),
    }
}

#[test]
fn every_vector_output_conforms() {
    let mut checked = 0;
    for module in ["outcome", "auditlog"] {
        for file in std::fs::read_dir(root().join("tests/vectors").join(module)).unwrap() {
            let doc: Value =
                serde_json::from_slice(&std::fs::read(file.unwrap().path()).unwrap()).unwrap();
            for case in doc["cases"].as_array().unwrap() {
                let op = case["op"].as_str().unwrap();
                let (_, schema, f) = OPS
                    .iter()
                    .find(|(name, ..)| *name == op)
                    .expect("op has a schema");
                if let Ok(output) = f(&with_fixtures(&case["args"])) {
                    assert_conforms(
                        &format!("tests/schemas/{schema}.schema.json"),
                        &output,
                        &case["name"].to_string(),
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 60, "only {checked} outputs checked");
}

#[test]
fn every_fixture_entry_conforms() {
    for file in std::fs::read_dir(root().join("tests/fixtures/auditlog")).unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            for entry in load(path.to_str().unwrap()).as_array().unwrap() {
                assert_conforms(
                    "tests/schemas/auditlog/log_entry.schema.json",
                    entry,
                    &path.display().to_string(),
                );
            }
        }
    }
}

#[test]
fn the_checker_rejects_what_it_should() {
    let schema = load("tests/schemas/outcome/retry_decision.schema.json");
    assert!(!valid(
        &schema,
        &serde_json::json!({"action": "retry", "delay_ms": -1, "increase_budget": false, "retry_after_honoured": false, "failure_kind": "timeout"})
    ));
    assert!(!valid(
        &schema,
        &serde_json::json!({"action": "give_up", "reason": "bored", "failure_kind": "timeout"})
    ));
    let entry = load("tests/schemas/auditlog/log_entry.schema.json");
    let mut e = load("tests/fixtures/auditlog/clean.json")[0].clone();
    assert!(valid(&entry, &e));
    e["hash"] = Value::from("ABC");
    assert!(!valid(&entry, &e));
}
