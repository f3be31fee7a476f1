//! Runs every conformance vector in `tests/vectors/enforcement/*.json`
//! generically (format: `tests/vectors/README.md`); the Python and Node
//! suites mirror this runner.

use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use verity::enforcement::{
    check_run_invariants, classify, classify_bytes, parse_api, ClassifyOptions, EnforcementMode,
    RequestedMode,
};
use verity::Error;

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

/// Replaces `{"$fixture": p}` by the parsed file and `{"$fixture_text": p}` by its text.
fn substitute(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            if map.len() == 1 {
                let fixture = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
                let path = |rel: &str| tests_dir().join("fixtures").join(rel);
                if let Some(rel) = fixture("$fixture") {
                    let text = std::fs::read(path(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
                    return serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
                }
                if let Some(rel) = fixture("$fixture_text") {
                    let text = std::fs::read_to_string(path(&rel));
                    return Value::String(text.unwrap_or_else(|e| panic!("{rel}: {e}")));
                }
            }
            Value::Object(map.into_iter().map(|(k, v)| (k, substitute(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(substitute).collect()),
        other => other,
    }
}

/// `expected` ⊆ `actual`: only keys present in `expected` (recursively);
/// arrays element-wise with equal length; other values equal.
fn subset_mismatch(expected: &Value, actual: &Value, path: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().find_map(|(k, ev)| match a.get(k) {
            Some(av) => subset_mismatch(ev, av, &format!("{path}.{k}")),
            None => Some(format!("{path}.{k}: missing in output")),
        }),
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .find_map(|(i, (ev, av))| subset_mismatch(ev, av, &format!("{path}[{i}]"))),
        _ if expected == actual => None,
        _ => Some(format!("{path}: expected {expected}, got {actual}")),
    }
}

fn opt_string(args: &Map<String, Value>, key: &str) -> Result<Option<String>, Error> {
    match args.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Error::invalid_input(
            format!("$.{key}"),
            "expected a string",
        )),
    }
}

fn run_op(op: &str, args: &Map<String, Value>) -> Result<Value, Error> {
    match op {
        "classify" => {
            let mode = opt_string(args, "mode")?.unwrap_or_default();
            let mode = RequestedMode::parse(&mode)?;
            let max_output_tokens = match args.get("max_output_tokens") {
                None | Some(Value::Null) => None,
                Some(v) => Some(v.as_u64().ok_or_else(|| {
                    Error::invalid_input("$.max_output_tokens", "expected a non-negative integer")
                })?),
            };
            let search_tool_names = match args.get("search_tool_names") {
                None | Some(Value::Null) => Vec::new(),
                Some(v) => serde_json::from_value(v.clone()).map_err(|_| {
                    Error::invalid_input("$.search_tool_names", "expected an array of strings")
                })?,
            };
            let options = ClassifyOptions {
                enforcement_mode: opt_string(args, "enforcement_mode")?
                    .map(|s| EnforcementMode::parse(&s))
                    .transpose()?,
                model: opt_string(args, "model")?,
                max_output_tokens,
                search_tool_names,
                api: opt_string(args, "api")?
                    .map(|s| parse_api(&s))
                    .transpose()?,
                ..ClassifyOptions::default()
            };
            let response = args.get("response").cloned().unwrap_or(Value::Null);
            let outcome = match &response {
                // Text is parsed exactly as the bindings parse str/bytes input.
                Value::String(text) => classify_bytes(text.as_bytes(), mode, &options)?,
                value => classify(value, mode, &options)?,
            };
            Ok(serde_json::to_value(outcome).expect("outcomes serialise"))
        }
        "check_run_invariants" => {
            let record = args.get("record").cloned().unwrap_or(Value::Null);
            let violations = check_run_invariants(&record)?;
            Ok(serde_json::to_value(violations).expect("violations serialise"))
        }
        other => panic!("unknown op {other:?}"),
    }
}

/// Checks one case; `Err` describes the mismatch.
fn check_case(case: &Value) -> Result<(), String> {
    let op = case["op"].as_str().ok_or("case without op")?;
    let args = substitute(case["args"].clone());
    let args = args.as_object().ok_or("args must be an object")?;
    let result = run_op(op, args);
    match (case.get("expected"), case.get("error"), result) {
        (Some(expected), None, Ok(actual)) => {
            let mismatch = if case["match"] == "subset" {
                subset_mismatch(expected, &actual, "$")
            } else {
                (expected != &actual).then(|| format!("expected {expected}\n   got {actual}"))
            };
            mismatch.map_or(Ok(()), Err)
        }
        (Some(_), None, Err(e)) => Err(format!("unexpected error: {e}")),
        (None, Some(error), Ok(actual)) => Err(format!("expected error {error}, got {actual}")),
        (None, Some(error), Err(e)) => {
            let kind_ok = error["kind"] == e.kind().code();
            let path_ok = error.get("path").is_none_or(|p| p == e.path());
            let message_ok = error
                .get("message_contains")
                .and_then(Value::as_str)
                .is_none_or(|m| e.message().contains(m));
            if kind_ok && path_ok && message_ok {
                Ok(())
            } else {
                Err(format!("expected error {error}, got {e}"))
            }
        }
        _ => Err("a case needs exactly one of expected / error".into()),
    }
}

#[test]
fn all_enforcement_vectors_pass() {
    let dir = tests_dir().join("vectors/enforcement");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("vector directory exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut ran, mut failures) = (0, Vec::new());
    for file in &files {
        let doc: Value =
            serde_json::from_slice(&std::fs::read(file).expect("readable vector file"))
                .expect("vector files are JSON");
        for case in doc["cases"].as_array().expect("cases array") {
            ran += 1;
            if let Err(why) = check_case(case) {
                let name = case["name"].as_str().unwrap_or("?");
                failures.push(format!("{}::{name}: {why}", file.display()));
            }
        }
    }
    assert!(
        ran >= 40,
        "expected at least 40 enforcement vectors, found {ran}"
    );
    assert!(
        failures.is_empty(),
        "{} failing vectors:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn subset_matching_is_strict_where_it_must_be() {
    let actual = serde_json::json!({"a": 1, "b": [1, 2], "c": {"d": true, "e": null}});
    assert!(
        subset_mismatch(&serde_json::json!({"a": 1, "c": {"d": true}}), &actual, "$").is_none()
    );
    assert!(subset_mismatch(&serde_json::json!({"b": [1]}), &actual, "$").is_some());
    assert!(subset_mismatch(&serde_json::json!({"c": {"e": 0}}), &actual, "$").is_some());
    assert!(subset_mismatch(&serde_json::json!({"z": null}), &actual, "$").is_some());
}
