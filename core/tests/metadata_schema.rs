//! The metadata outputs for every fixture conform to the JSON schemas in
//! `tests/schemas/metadata/`. The checker implements exactly the keywords
//! those schemas use (`type`, `enum`, `properties`, `required`,
//! `additionalProperties: false`, `items`, `minimum`, `minLength`) and panics
//! on any other keyword, so a schema cannot silently go unchecked.

use serde_json::{json, Value};
use verity::metadata::{extract_metadata_bytes, otel_attributes, OtelOptions};

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
    if let (Some(min), Some(n)) = (s.get("minimum").and_then(Value::as_i64), value.as_i64()) {
        if n < min {
            out.push(format!("{path}: {n} < {min}"));
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
    let path = format!(
        "{}/../tests/schemas/metadata/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn violations(schema: &Value, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check(schema, value, "$", &mut out);
    out
}

#[test]
fn every_fixture_output_conforms() {
    let metadata_schema = load("response_metadata.schema.json");
    let otel_schema = load("otel_attributes.schema.json");
    let root = format!("{}/../tests/fixtures/responses", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for dir in std::fs::read_dir(root).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let metadata = extract_metadata_bytes(&std::fs::read(&path).unwrap()).unwrap();
            let value = serde_json::to_value(&metadata).unwrap();
            let bad = violations(&metadata_schema, &value);
            assert!(bad.is_empty(), "{}: {bad:?}", path.display());
            for include_deprecated in [false, true] {
                let options = OtelOptions {
                    request_model: Some("requested-model".into()),
                    include_deprecated,
                    platform: None,
                };
                let attrs = serde_json::to_value(otel_attributes(&metadata, &options)).unwrap();
                let bad = violations(&otel_schema, &attrs);
                assert!(bad.is_empty(), "{}: {bad:?}", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked >= 30);
}

#[test]
fn checker_reports_violations() {
    let schema = load("response_metadata.schema.json");
    let bad = json!({"provider": "mistral", "platform": "openai", "api": "openai_chat",
        "model": "", "model_version": null, "response_id": null, "created": "x",
        "system_fingerprint": null, "service_tier": null, "finish_reasons": [1],
        "usage": {"input_tokens": -1}, "grounding_metadata": [], "extra": true});
    let found = violations(&schema, &bad);
    for needle in [
        "$.provider",
        "$.model",
        "$.created",
        "$.finish_reasons[0]",
        "$.usage.input_tokens",
        "$.usage: missing",
        "unexpected property extra",
    ] {
        assert!(
            found.iter().any(|v| v.contains(needle)),
            "{needle} not in {found:?}"
        );
    }
}
