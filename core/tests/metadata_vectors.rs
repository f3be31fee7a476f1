//! Runs `tests/vectors/metadata/*.json` (format: `tests/vectors/README.md`).
//!
//! Ops: `detect_provider {model_id}`, `extract_metadata {response}`,
//! `provider_version_key {response, model?}`, `otel_attributes {response,
//! model?, include_deprecated?, platform?}`. A `response` given as a JSON
//! string is JSON text (parsed under the default limits), as in the bindings.

use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use verity::metadata::{self, OtelOptions, Platform, ResponseMetadata};

fn repo_tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

/// Replaces `{"$fixture": path}` / `{"$fixture_text": path}` recursively.
fn resolve_fixtures(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            if map.len() == 1 {
                let read = |key: &str| {
                    map.get(key).and_then(Value::as_str).map(|rel| {
                        let path = repo_tests_dir().join("fixtures").join(rel);
                        std::fs::read_to_string(&path)
                            .unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
                    })
                };
                if let Some(text) = read("$fixture") {
                    return serde_json::from_str(&text).expect("fixture is JSON");
                }
                if let Some(text) = read("$fixture_text") {
                    return Value::String(text);
                }
            }
            Value::Object(
                map.into_iter()
                    .map(|(k, v)| (k, resolve_fixtures(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(resolve_fixtures).collect()),
        other => other,
    }
}

/// `expected` ⊆ `actual`: objects compare only expected keys (recursively);
/// arrays element-wise with equal length; scalars exactly.
fn subset_matches(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .all(|(k, ev)| a.get(k).is_some_and(|av| subset_matches(ev, av))),
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(ev, av)| subset_matches(ev, av))
        }
        _ => expected == actual,
    }
}

fn response_metadata(args: &Map<String, Value>) -> verity::Result<ResponseMetadata> {
    match args.get("response") {
        Some(Value::String(text)) => metadata::extract_metadata_bytes(text.as_bytes()),
        Some(value) => metadata::extract_metadata(value),
        None => panic!("vector without args.response"),
    }
}

fn run_op(op: &str, args: &Map<String, Value>) -> verity::Result<Value> {
    let model = args.get("model").and_then(Value::as_str);
    Ok(match op {
        "detect_provider" => {
            let id = args["model_id"].as_str().expect("model_id is a string");
            json!(metadata::detect_provider(id).as_str())
        }
        "extract_metadata" => serde_json::to_value(response_metadata(args)?).unwrap(),
        "provider_version_key" => json!(response_metadata(args)?.provider_version_key(model)),
        "otel_attributes" => {
            let platform = args.get("platform").and_then(Value::as_str).map(|name| {
                Platform::from_name(name).unwrap_or_else(|| panic!("unknown platform {name}"))
            });
            let options = OtelOptions {
                request_model: model.map(str::to_owned),
                include_deprecated: args
                    .get("include_deprecated")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                platform,
            };
            let metadata = response_metadata(args)?;
            serde_json::to_value(metadata::otel_attributes(&metadata, &options)).unwrap()
        }
        other => panic!("unknown op {other}"),
    })
}

fn check_case(file: &str, case: &Value) -> Result<(), String> {
    let name = case["name"].as_str().unwrap_or("?");
    let op = case["op"].as_str().expect("op");
    let args = resolve_fixtures(case["args"].clone());
    let args = args.as_object().expect("args is an object");
    let subset = case.get("match").and_then(Value::as_str) == Some("subset");
    let fail = |what: String| Err(format!("{file} / {name}: {what}"));
    match (run_op(op, args), case.get("expected"), case.get("error")) {
        (Ok(actual), Some(expected), None) => {
            let ok = if subset {
                subset_matches(expected, &actual)
            } else {
                expected == &actual
            };
            if ok {
                Ok(())
            } else {
                fail(format!("expected {expected}\n   got {actual}"))
            }
        }
        (Err(e), None, Some(error)) => {
            let kind_ok = error["kind"].as_str() == Some(e.kind().code());
            let path_ok = error
                .get("path")
                .is_none_or(|p| p.as_str() == Some(e.path()));
            let msg_ok = error
                .get("message_contains")
                .and_then(Value::as_str)
                .is_none_or(|m| e.message().contains(m));
            if kind_ok && path_ok && msg_ok {
                Ok(())
            } else {
                fail(format!("expected error {error}, got {e}"))
            }
        }
        (Ok(actual), None, Some(error)) => fail(format!("expected error {error}, got {actual}")),
        (Err(e), Some(_), None) => fail(format!("unexpected error {e}")),
        _ => fail("a case needs exactly one of expected/error".into()),
    }
}

#[test]
fn metadata_vectors() {
    let dir = repo_tests_dir().join("vectors/metadata");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/vectors/metadata exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read vector file");
        let doc: Value = serde_json::from_str(&text).expect("vector file is JSON");
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        for case in doc["cases"].as_array().expect("cases array") {
            count += 1;
            if let Err(msg) = check_case(&file, case) {
                failures.push(msg);
            }
        }
    }
    assert!(count >= 100, "only {count} metadata vectors found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn subset_matching_rules() {
    assert!(subset_matches(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
    assert!(!subset_matches(&json!({"a": 1, "c": 3}), &json!({"a": 1})));
    assert!(!subset_matches(&json!([1]), &json!([1, 2])));
    assert!(subset_matches(
        &json!([{"a": 1}]),
        &json!([{"a": 1, "b": 0}])
    ));
    assert!(!subset_matches(&json!({"a": null}), &json!({})));
}
