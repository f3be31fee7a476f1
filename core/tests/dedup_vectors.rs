//! Runs the cross-language conformance vectors in `tests/vectors/dedup/`
//! (format: `tests/vectors/README.md`) against the Rust core.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use verity::dedup::{self, Timestamp};
use verity::Result;

fn repo_tests() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

/// Replaces `{"$fixture": path}` / `{"$fixture_text": path}` recursively.
fn resolve(value: &Value) -> Value {
    match value {
        Value::Object(map) if map.len() == 1 => {
            let fixture = |key: &str| {
                map.get(key)
                    .and_then(Value::as_str)
                    .map(|p| repo_tests().join("fixtures").join(p))
            };
            if let Some(path) = fixture("$fixture_text") {
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                return Value::String(text);
            }
            if let Some(path) = fixture("$fixture") {
                let text =
                    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                return serde_json::from_slice(&text).expect("fixture is JSON");
            }
            Value::Object(map.iter().map(|(k, v)| (k.clone(), resolve(v))).collect())
        }
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), resolve(v))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(resolve).collect()),
        other => other.clone(),
    }
}

fn arg<'a>(args: &'a Value, name: &str) -> &'a Value {
    args.get(name)
        .unwrap_or_else(|| panic!("missing arg {name}"))
}

fn text_arg<'a>(args: &'a Value, name: &str) -> &'a str {
    arg(args, name)
        .as_str()
        .unwrap_or_else(|| panic!("arg {name} must be a string"))
}

fn run_op(op: &str, args: &Value) -> Result<Value> {
    let at = || {
        serde_json::from_value::<Timestamp>(arg(args, "at").clone())
            .expect("`at` is a string or integer")
    };
    Ok(match op {
        "canonical_json" => {
            let bytes = match arg(args, "value") {
                Value::String(text) => dedup::canonical_json_from_bytes(text.as_bytes())?,
                value => dedup::canonical_json(value)?,
            };
            Value::String(String::from_utf8(bytes).expect("canonical JSON is UTF-8"))
        }
        "template_config_hash" => {
            let hash = match arg(args, "config") {
                Value::String(text) => dedup::template_config_hash_from_bytes(text.as_bytes())?,
                value => dedup::template_config_hash(value)?,
            };
            serde_json::to_value(hash).expect("serialisable")
        }
        "rendered_prompt_sha256" => json!(dedup::rendered_prompt_sha256(text_arg(args, "text"))),
        "probe_idempotency_key" => json!(dedup::probe_idempotency_key(
            text_arg(args, "org_id"),
            text_arg(args, "workspace_id"),
            text_arg(args, "template_id"),
            text_arg(args, "provider"),
            text_arg(args, "model"),
            &at(),
        )?),
        "run_idempotency_key" => json!(dedup::run_idempotency_key(
            text_arg(args, "org_id"),
            text_arg(args, "workspace_id"),
            text_arg(args, "template_id"),
            text_arg(args, "version"),
            text_arg(args, "country"),
            &at(),
        )?),
        "parse_idempotency_key" => {
            serde_json::to_value(dedup::parse_idempotency_key(text_arg(args, "key"))?)
                .expect("serialisable")
        }
        other => panic!("unknown op {other}"),
    })
}

/// `expected` ⊆ `actual` in the README's "subset" sense.
fn subset(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|av| subset(v, av))),
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(x, y)| subset(x, y))
        }
        _ => expected == actual,
    }
}

fn run_file(name: &str) -> usize {
    let path = repo_tests().join("vectors/dedup").join(name);
    let file: Value =
        serde_json::from_slice(&std::fs::read(&path).expect("vector file")).expect("JSON");
    let cases = file["cases"].as_array().expect("cases");
    let mut failures = Vec::new();
    for case in cases {
        let case_name = case["name"].as_str().expect("name");
        let result = run_op(case["op"].as_str().expect("op"), &resolve(&case["args"]));
        match (case.get("expected"), case.get("error"), result) {
            (Some(expected), None, Ok(actual)) => {
                let matched = if case.get("match").and_then(Value::as_str) == Some("subset") {
                    subset(expected, &actual)
                } else {
                    expected == &actual
                };
                if !matched {
                    failures.push(format!("{case_name}: expected {expected}, got {actual}"));
                }
            }
            (None, Some(error), Err(e)) => {
                let kind_ok = error["kind"] == e.kind().code();
                let path_ok = error.get("path").is_none_or(|p| p == e.path());
                let message_ok = error
                    .get("message_contains")
                    .and_then(Value::as_str)
                    .is_none_or(|m| e.message().contains(m));
                if !(kind_ok && path_ok && message_ok) {
                    failures.push(format!("{case_name}: expected error {error}, got {e}"));
                }
            }
            (_, _, Ok(actual)) => {
                failures.push(format!("{case_name}: expected an error, got {actual}"))
            }
            (_, _, Err(e)) => failures.push(format!("{case_name}: unexpected error {e}")),
        }
    }
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
    cases.len()
}

#[test]
fn canonical_json_vectors() {
    assert!(run_file("canonical_json.json") >= 70);
}

#[test]
fn template_hash_vectors() {
    assert!(run_file("template_hash.json") >= 30);
}

#[test]
fn key_vectors() {
    assert!(run_file("keys.json") >= 19);
}

#[test]
fn every_vector_file_is_run() {
    let mut files: Vec<String> = std::fs::read_dir(repo_tests().join("vectors/dedup"))
        .expect("vector dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["canonical_json.json", "keys.json", "template_hash.json"]
    );
}

#[test]
fn colliding_template_vectors_share_the_seed_hash() {
    let path = repo_tests().join("vectors/dedup/template_hash.json");
    let file: Value = serde_json::from_slice(&std::fs::read(path).expect("file")).expect("JSON");
    let cases = file["cases"].as_array().expect("cases");
    let hash_of = |name: &str| {
        cases
            .iter()
            .find(|c| c["name"] == name)
            .map(|c| c["expected"]["config_hash"].clone())
            .expect("case")
    };
    let seed = hash_of("seed_payload");
    let mut differing = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        if name.starts_with("collides_") {
            assert_eq!(case["expected"]["config_hash"], seed, "{name}");
        } else if name.starts_with("differs_") {
            assert_ne!(case["expected"]["config_hash"], seed, "{name}");
            differing.push(case["expected"]["config_hash"].clone());
        }
    }
    let count = differing.len();
    differing.sort_by_key(|v| v.to_string());
    differing.dedup();
    assert_eq!(
        differing.len(),
        count,
        "differs_* cases must differ from each other too"
    );
    assert_eq!(
        hash_of("prompt_with_crlf_lines"),
        hash_of("prompt_with_lf_lines_collides_with_crlf")
    );
    assert_eq!(
        hash_of("prompt_nfd_is_nfc_normalised"),
        hash_of("prompt_nfc_collides_with_nfd")
    );
}
