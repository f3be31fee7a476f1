//! The generic runner for the conformance vectors `tests/vectors/<module>/*.json`
//! (format: `tests/vectors/README.md`): loads the files, substitutes
//! `$fixture` / `$fixture_text`, calls the test file's op → function
//! dispatch, compares the output (exactly, or `"match": "subset"`) or the
//! error (`kind` and `path`; `message_contains` where given), and collects every
//! failing case with its file and name before asserting once.

use super::{json_files, read_json, tests_dir};
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// A test file's dispatch: the op's name and its (fixture-substituted)
/// `args` object → the output's JSON form or the core's error.
pub type Dispatch<'a> = &'a dyn Fn(&str, &Value) -> verity::Result<Value>;

/// `tests/vectors/<module>/*.json`, sorted.
pub fn module_files(module: &str) -> Vec<PathBuf> {
    json_files(&tests_dir().join("vectors").join(module))
}

/// The cases of one vector file.
pub fn cases(file: &Path) -> Vec<Value> {
    match read_json(file).get_mut("cases").map(Value::take) {
        Some(Value::Array(cases)) => cases,
        _ => panic!("{}: no \"cases\" array", file.display()),
    }
}

/// Runs every case of `tests/vectors/<module>/*.json`; see `run_files`.
pub fn run_module(module: &str, dispatch: Dispatch) -> usize {
    run_files(&module_files(module), dispatch)
}

/// Runs every case of `files` and asserts once that none failed, listing
/// each failure as `file::case: why`. Returns how many cases ran.
pub fn run_files(files: &[PathBuf], dispatch: Dispatch) -> usize {
    let (mut ran, mut failures) = (0, Vec::new());
    for file in files {
        let shown = file.strip_prefix(tests_dir()).unwrap_or(file).display();
        for case in cases(file) {
            ran += 1;
            if let Err(why) = check_case(&case, dispatch) {
                let name = case["name"].as_str().unwrap_or("?");
                failures.push(format!("{shown}::{name}: {why}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} vectors fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    ran
}

/// Checks one case; `Err` says how it fails. A panic (a missing fixture, the
/// dispatch, the core) is a failure of that case, not of the whole run.
pub fn check_case(case: &Value, dispatch: Dispatch) -> Result<(), String> {
    let op = case["op"].as_str().ok_or("case without \"op\"")?;
    let args = catch_unwind(|| substitute_fixtures(&case["args"]))
        .map_err(|panic| format!("bad fixture: {}", panic_message(&*panic)))?;
    if !args.is_object() {
        return Err("\"args\" must be an object".into());
    }
    let subset = match case.get("match") {
        None => false,
        Some(m) if m == "subset" => true,
        Some(other) => return Err(format!("unknown \"match\" {other}")),
    };
    let result = catch_unwind(AssertUnwindSafe(|| dispatch(op, &args)))
        .map_err(|panic| format!("panicked: {}", panic_message(&*panic)))?;
    match (case.get("expected"), case.get("error"), result) {
        (Some(expected), None, Ok(actual)) => match mismatch(expected, &actual, subset) {
            None => Ok(()),
            Some(why) => Err(format!("{why}\n  expected {expected}\n       got {actual}")),
        },
        (None, Some(want), Err(e)) => {
            let kind_ok = want["kind"] == e.kind().code();
            // Every error names its path (spec: general contract), so every
            // error case pins it.
            let path_ok = want.get("path").is_some_and(|p| p == e.path());
            let message_ok = want
                .get("message_contains")
                .and_then(Value::as_str)
                .is_none_or(|m| e.message().contains(m));
            if kind_ok && path_ok && message_ok {
                Ok(())
            } else {
                Err(format!("expected error {want}, got {e}"))
            }
        }
        (Some(_), None, Err(e)) => Err(format!("unexpected error {e}")),
        (None, Some(want), Ok(actual)) => Err(format!("expected error {want}, got {actual}")),
        _ => Err("a case needs exactly one of \"expected\" / \"error\"".into()),
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
        (Some(text), _) => (*text).to_owned(),
        (_, Some(text)) => text.clone(),
        _ => "(no message)".to_owned(),
    }
}

/// Replaces `{"$fixture": p}` by the parsed `tests/fixtures/p` and
/// `{"$fixture_text": p}` by its raw text, anywhere in `value`.
pub fn substitute_fixtures(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let fixture = |key: &str| match map.get(key) {
                Some(Value::String(rel)) if map.len() == 1 => {
                    Some(tests_dir().join("fixtures").join(rel))
                }
                _ => None,
            };
            if let Some(path) = fixture("$fixture") {
                return read_json(&path);
            }
            if let Some(path) = fixture("$fixture_text") {
                let text = std::fs::read_to_string(&path);
                return Value::String(text.unwrap_or_else(|e| panic!("{}: {e}", path.display())));
            }
            let entries = map.iter().map(|(k, v)| (k.clone(), substitute_fixtures(v)));
            Value::Object(entries.collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(substitute_fixtures).collect()),
        other => other.clone(),
    }
}

/// Where `actual` departs from `expected`, or `None` when it matches.
/// Exact: `expected == actual` (numbers compare as serde_json does: `1` is
/// not `1.0`). Subset: only the keys present in `expected` count,
/// recursively in objects; arrays compare element-wise with equal length;
/// other values exactly.
pub fn mismatch(expected: &Value, actual: &Value, subset: bool) -> Option<String> {
    if !subset {
        // Equality decides; the walk below only names the first difference.
        return (expected != actual)
            .then(|| first_difference(expected, actual, false, "$").unwrap_or_else(|| "$".into()));
    }
    first_difference(expected, actual, true, "$")
}

/// `mismatch` in subset mode.
pub fn subset_mismatch(expected: &Value, actual: &Value) -> Option<String> {
    mismatch(expected, actual, true)
}

fn first_difference(expected: &Value, actual: &Value, subset: bool, path: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .find_map(|(k, ev)| match a.get(k) {
                Some(av) => first_difference(ev, av, subset, &format!("{path}.{k}")),
                None => Some(format!("{path}.{k}: missing in output")),
            })
            .or_else(|| {
                let extra = a.keys().find(|k| !subset && !e.contains_key(*k))?;
                Some(format!("{path}.{extra}: not expected in output"))
            }),
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .find_map(|(i, (ev, av))| first_difference(ev, av, subset, &format!("{path}[{i}]"))),
        _ if expected == actual => None,
        _ => Some(format!("{path}: expected {expected}, got {actual}")),
    }
}
