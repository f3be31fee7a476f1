//! The enforcement outputs conform to the JSON schemas in
//! `tests/schemas/enforcement/`: every fixture's outcome under every mode,
//! the violation lists of the run-invariant vectors, and aggregates. The
//! checker implements exactly the keywords those schemas use (`type`,
//! `enum`, `properties`, `required`, `additionalProperties: false`, `items`,
//! `minimum`, `maximum`, `minLength`) and panics on any other keyword, so a
//! schema cannot silently go unchecked.

use serde_json::{json, Value};
use verity::enforcement::{
    aggregate_outcomes, check_run_invariants, classify_bytes, ClassifyOptions, RequestedMode,
};

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
    "maximum",
    "minLength",
];

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

/// Violations of `schema` by `value`, as `path: what` lines.
fn check(schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let s = schema.as_object().expect("schema is an object");
    for key in s.keys() {
        assert!(KNOWN.contains(&key.as_str()), "unsupported keyword {key}");
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
    if let Some(n) = value.as_f64() {
        if s.get("minimum")
            .and_then(Value::as_f64)
            .is_some_and(|min| n < min)
        {
            out.push(format!("{path}: {n} below minimum"));
        }
        if s.get("maximum")
            .and_then(Value::as_f64)
            .is_some_and(|max| n > max)
        {
            out.push(format!("{path}: {n} above maximum"));
        }
    }
    if let (Some(min), Some(text)) = (s.get("minLength").and_then(Value::as_u64), value.as_str()) {
        if (text.chars().count() as u64) < min {
            out.push(format!("{path}: shorter than {min}"));
        }
    }
    if let (Some(items), Some(array)) = (s.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            check(items, item, &format!("{path}[{i}]"), out);
        }
    }
    if let Some(obj) = value.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        let required = s.get("required").and_then(Value::as_array);
        for key in required.into_iter().flatten() {
            if !obj.contains_key(key.as_str().unwrap()) {
                out.push(format!("{path}: missing {key}"));
            }
        }
        for (key, v) in obj {
            match props.and_then(|p| p.get(key)) {
                Some(sub) => check(sub, v, &format!("{path}.{key}"), out),
                None if s.get("additionalProperties") == Some(&json!(false)) => {
                    out.push(format!("{path}: unexpected property {key}"))
                }
                None => {}
            }
        }
    }
}

fn load(name: &str) -> Value {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/schemas/enforcement");
    serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{name}")).unwrap()).unwrap()
}

fn violations(schema: &Value, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check(schema, value, "$", &mut out);
    out
}

#[test]
fn outcomes_and_aggregates_conform() {
    let outcome_schema = load("outcome.schema.json");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/responses");
    let mut outcomes = Vec::new();
    for dir in std::fs::read_dir(root).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            for mode in RequestedMode::ALL {
                let Ok(outcome) = classify_bytes(&bytes, mode, &ClassifyOptions::default()) else {
                    continue;
                };
                let value = serde_json::to_value(&outcome).unwrap();
                let bad = violations(&outcome_schema, &value);
                assert!(bad.is_empty(), "{}: {bad:?}", path.display());
                outcomes.push(outcome);
            }
        }
    }
    assert!(outcomes.len() >= 60, "{}", outcomes.len());
    let aggregate = serde_json::to_value(aggregate_outcomes(&outcomes)).unwrap();
    let bad = violations(&load("aggregate_measures.schema.json"), &aggregate);
    assert!(bad.is_empty(), "{bad:?}");
    let empty = serde_json::to_value(aggregate_outcomes(&[])).unwrap();
    assert!(violations(&load("aggregate_measures.schema.json"), &empty).is_empty());
}

#[test]
fn violation_lists_conform() {
    let schema = load("violations.schema.json");
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/enforcement/run_invariants.json"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let mut non_empty = 0;
    for case in doc["cases"].as_array().unwrap() {
        let Ok(found) = check_run_invariants(&case["args"]["record"]) else {
            continue;
        };
        non_empty += usize::from(!found.is_empty());
        let value = serde_json::to_value(found).unwrap();
        let bad = violations(&schema, &value);
        assert!(bad.is_empty(), "{}: {bad:?}", case["name"]);
    }
    assert!(non_empty >= 8);
}

#[test]
fn the_checker_catches_what_the_schema_forbids() {
    let schema = load("outcome.schema.json");
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/responses/gemini/grounded.json"
    ))
    .unwrap();
    let outcome = classify_bytes(&bytes, RequestedMode::Required, &ClassifyOptions::default());
    let mut value = serde_json::to_value(outcome.unwrap()).unwrap();
    value["extra"] = json!(1);
    value["search_confidence"] = json!(1.5);
    value["status"] = json!("passed");
    assert_eq!(violations(&schema, &value).len(), 3);
}
