//! Every state the held-out conversations produce (after each turn) conforms
//! to `tests/schemas/conversation/state.schema.json`. The checker implements
//! exactly the keywords that schema uses and panics on any other, so no part
//! of the schema goes unchecked.

use serde_json::Value;
use verity::conversation::{update_conversation, Catalog, ConversationState, Turn};

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
    "minItems",
    "maxItems",
];

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "null" => v.is_null(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "boolean" => v.is_boolean(),
        other => panic!("unsupported type {other}"),
    }
}

fn check(schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let s = schema.as_object().expect("schema object");
    for key in s.keys() {
        assert!(KNOWN.contains(&key.as_str()), "unsupported keyword {key}");
    }
    if let Some(t) = s.get("type") {
        let ok = match t {
            Value::String(name) => type_matches(name, value),
            Value::Array(names) => names
                .iter()
                .any(|n| type_matches(n.as_str().expect("type name"), value)),
            _ => panic!("bad type"),
        };
        if !ok {
            out.push(format!("{path}: expected {t}, got {value}"));
            return;
        }
    }
    if let Some(Value::Array(options)) = s.get("enum") {
        if !options.contains(value) {
            out.push(format!("{path}: {value} not in {options:?}"));
        }
    }
    if let (Some(min), Some(n)) = (s.get("minimum").and_then(Value::as_f64), value.as_f64()) {
        if n < min {
            out.push(format!("{path}: {n} < {min}"));
        }
    }
    if let (Some(max), Some(n)) = (s.get("maximum").and_then(Value::as_f64), value.as_f64()) {
        if n > max {
            out.push(format!("{path}: {n} > {max}"));
        }
    }
    if let (Some(min), Some(text)) = (s.get("minLength").and_then(Value::as_u64), value.as_str()) {
        if (text.chars().count() as u64) < min {
            out.push(format!("{path}: shorter than {min}"));
        }
    }
    if let Value::Array(items) = value {
        if let Some(min) = s.get("minItems").and_then(Value::as_u64) {
            if (items.len() as u64) < min {
                out.push(format!("{path}: fewer than {min} items"));
            }
        }
        if let Some(max) = s.get("maxItems").and_then(Value::as_u64) {
            if (items.len() as u64) > max {
                out.push(format!("{path}: more than {max} items"));
            }
        }
        if let Some(item_schema) = s.get("items") {
            for (i, item) in items.iter().enumerate() {
                check(item_schema, item, &format!("{path}[{i}]"), out);
            }
        }
    }
    if let Value::Object(map) = value {
        let properties = s.get("properties").and_then(Value::as_object);
        if let Some(Value::Array(required)) = s.get("required") {
            for r in required {
                let name = r.as_str().expect("name");
                if !map.contains_key(name) {
                    out.push(format!("{path}.{name}: required"));
                }
            }
        }
        for (k, v) in map {
            match properties.and_then(|p| p.get(k)) {
                Some(sub) => check(sub, v, &format!("{path}.{k}"), out),
                None if s.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    out.push(format!("{path}.{k}: not allowed"))
                }
                None => {}
            }
        }
    }
}

fn repo_file(relative: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative);
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("json")
}

#[test]
fn every_state_of_the_heldout_conversations_matches_the_schema() {
    let schema = repo_file("tests/schemas/conversation/state.schema.json");
    let vectors = repo_file("tests/vectors/conversation/heldout.json");
    let mut checked = 0;
    for case in vectors["cases"].as_array().expect("cases") {
        let catalog = case["args"]["catalog"]["$fixture"].as_str().map(|f| {
            Catalog::from_value(&repo_file(&format!("tests/fixtures/{f}"))).expect("catalog")
        });
        let mut state: Option<ConversationState> = None;
        for t in case["args"]["turns"].as_array().expect("turns") {
            let turn = Turn::from_value(t).expect("turn");
            let next =
                update_conversation(state.as_ref(), &turn, catalog.as_ref()).expect("update");
            let mut violations = Vec::new();
            check(
                &schema,
                &serde_json::to_value(&next).expect("json"),
                "$",
                &mut violations,
            );
            assert!(violations.is_empty(), "{}: {violations:?}", case["name"]);
            checked += 1;
            state = Some(next);
        }
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn the_checker_rejects_a_corrupt_state() {
    let schema = repo_file("tests/schemas/conversation/state.schema.json");
    let bad = serde_json::json!({"format_version": 2, "turn_count": 0, "last_turn_index": null, "topic": null,
        "focus": null, "entities": [{"key": "x"}], "last_list": null, "last_turn": null, "extra": 1});
    let mut violations = Vec::new();
    check(&schema, &bad, "$", &mut violations);
    assert!(violations.iter().any(|v| v.starts_with("$.format_version")));
    assert!(violations
        .iter()
        .any(|v| v.starts_with("$.entities[0].name")));
    assert!(violations.iter().any(|v| v.starts_with("$.extra")));
}
