//! Generic runner for `tests/vectors/outcome/*.json` and
//! `tests/vectors/auditlog/*.json` (format: `tests/vectors/README.md`).

use serde_json::Value;
use std::path::{Path, PathBuf};
use verity::{auditlog::json_ops as log_ops, outcome::json_ops as ops};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn call(op: &str, args: &Value) -> verity::Result<Value> {
    match op {
        "execution_result_from_dict" => ops::execution_result_from_dict(args),
        "execution_result_success" => ops::execution_result_success(args),
        "execution_result_failure" => ops::execution_result_failure(args),
        "execution_result_partial" => ops::execution_result_partial(args),
        "aggregate_results" => ops::aggregate_results_json(args),
        "envelope_from_result" => ops::envelope_from_result(args),
        "classify_failure" => ops::classify_failure_json(args),
        "decide_retry" => ops::decide_retry_json(args),
        "append_log_entry" => log_ops::append_log_entry_json(args),
        "verify_log" => log_ops::verify_log_json(args),
        other => panic!("unknown op {other:?}"),
    }
}

/// Replaces `{"$fixture": path}` / `{"$fixture_text": path}` recursively.
fn substitute(value: &Value) -> Value {
    match value {
        Value::Object(map) if map.len() == 1 => {
            if let Some(Value::String(path)) = map.get("$fixture") {
                let text = std::fs::read(repo_root().join("tests/fixtures").join(path)).unwrap();
                return serde_json::from_slice(&text).unwrap();
            }
            if let Some(Value::String(path)) = map.get("$fixture_text") {
                let text =
                    std::fs::read_to_string(repo_root().join("tests/fixtures").join(path)).unwrap();
                return Value::String(text);
            }
            Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), substitute(v)))
                    .collect(),
            )
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), substitute(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(substitute).collect()),
        other => other.clone(),
    }
}

/// Equality (or subset: only `expected`'s keys) with numbers compared by value.
fn matches(expected: &Value, actual: &Value, subset: bool) -> bool {
    match (expected, actual) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Object(e), Value::Object(a)) => {
            (subset || e.len() == a.len())
                && e.iter()
                    .all(|(k, v)| a.get(k).is_some_and(|av| matches(v, av, subset)))
        }
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(x, y)| matches(x, y, subset))
        }
        _ => expected == actual,
    }
}

fn run_case(case: &Value) -> Result<(), String> {
    let op = case["op"].as_str().ok_or("case without op")?;
    let args = substitute(&case["args"]);
    let subset = case.get("match").and_then(Value::as_str) == Some("subset");
    match (call(op, &args), case.get("expected"), case.get("error")) {
        (Ok(actual), Some(expected), None) if matches(expected, &actual, subset) => Ok(()),
        (Ok(actual), Some(expected), None) => Err(format!("expected {expected}\n got {actual}")),
        (Err(e), None, Some(want)) => {
            let kind_ok = want["kind"].as_str() == Some(e.kind().code());
            let path_ok = want
                .get("path")
                .is_none_or(|p| p.as_str() == Some(e.path()));
            let message_ok = want
                .get("message_contains")
                .and_then(Value::as_str)
                .is_none_or(|m| e.message().contains(m));
            if kind_ok && path_ok && message_ok {
                Ok(())
            } else {
                Err(format!("expected error {want}\n got {e}"))
            }
        }
        (Ok(actual), None, Some(want)) => Err(format!("expected error {want}, got {actual}")),
        (Err(e), Some(_), None) => Err(format!("unexpected error {e}")),
        _ => Err("a case has exactly one of expected/error".into()),
    }
}

fn run_dir(module: &str) -> usize {
    let dir = repo_root().join("tests/vectors").join(module);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for file in &files {
        let doc: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        for case in doc["cases"].as_array().expect("cases array") {
            count += 1;
            if let Err(why) = run_case(case) {
                failures.push(format!("{}: {}: {why}", file.display(), case["name"]));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing vectors:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    count
}

#[test]
fn outcome_vectors() {
    assert!(run_dir("outcome") > 0);
}

#[test]
fn auditlog_vectors() {
    assert!(run_dir("auditlog") > 0);
}
