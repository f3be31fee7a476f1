//! Runs the conformance vectors in `tests/vectors/pairing/` (format:
//! `tests/vectors/README.md`): `$fixture` substitution, exact or subset
//! matching, typed errors by kind and path.

use serde_json::Value;
use std::path::{Path, PathBuf};
use verity::pairing::{pair, verify_contract, Decisions, PairingConfig};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn substitute(v: &Value) -> Value {
    match v {
        Value::Object(m) if m.len() == 1 && m.contains_key("$fixture") => {
            let rel = m["$fixture"].as_str().expect("fixture path");
            let bytes =
                std::fs::read(repo().join("tests/fixtures").join(rel)).expect("fixture exists");
            serde_json::from_slice(&bytes).expect("fixture is JSON")
        }
        Value::Object(m) if m.len() == 1 && m.contains_key("$fixture_text") => {
            let rel = m["$fixture_text"].as_str().expect("fixture path");
            Value::String(
                std::fs::read_to_string(repo().join("tests/fixtures").join(rel))
                    .expect("fixture exists"),
            )
        }
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, v)| (k.clone(), substitute(v))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(substitute).collect()),
        other => other.clone(),
    }
}

fn subset(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().try_for_each(|(k, ev)| match a.get(k) {
            Some(av) => subset(ev, av, &format!("{path}.{k}")),
            None => Err(format!("{path}.{k}: missing")),
        }),
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .try_for_each(|(i, (ev, av))| subset(ev, av, &format!("{path}[{i}]"))),
        _ if expected == actual => Ok(()),
        _ => Err(format!("{path}: expected {expected}, got {actual}")),
    }
}

fn call(op: &str, args: &Value) -> verity::Result<Value> {
    let opt = |k: &str| args.get(k).filter(|v| !v.is_null());
    match op {
        "pair" => {
            let config = match opt("config") {
                Some(c) => PairingConfig::from_value(c)?,
                None => PairingConfig::default(),
            };
            let decisions = opt("decisions").map(Decisions::from_value).transpose()?;
            let result = pair(&args["analysis"], &config, decisions.as_ref())?;
            Ok(serde_json::to_value(result).expect("serialises"))
        }
        "verify_contract" => {
            let violations = verify_contract(&args["analysis"], &args["pairing"])?;
            Ok(serde_json::to_value(violations).expect("serialises"))
        }
        other => panic!("unknown op {other}"),
    }
}

#[test]
fn pairing_vectors() {
    let dir = repo().join("tests/vectors/pairing");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("vector dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut ran = 0;
    let mut failures = Vec::new();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
    {
        let doc: Value =
            serde_json::from_slice(&std::fs::read(file).expect("read")).expect("vector JSON");
        for case in doc["cases"].as_array().expect("cases") {
            let name = format!(
                "{}::{}",
                file.file_name().unwrap().to_string_lossy(),
                case["name"].as_str().unwrap_or("?")
            );
            let outcome = call(case["op"].as_str().expect("op"), &substitute(&case["args"]));
            ran += 1;
            let verdict = match (outcome, case.get("expected"), case.get("error")) {
                (Ok(actual), Some(expected), None) => {
                    if case["match"] == "subset" {
                        subset(expected, &actual, "$")
                    } else if &actual == expected {
                        Ok(())
                    } else {
                        Err(format!("expected {expected}, got {actual}"))
                    }
                }
                (Err(e), None, Some(want)) => {
                    let kind_ok = want["kind"] == e.kind().code();
                    let path_ok = want.get("path").is_none_or(|p| p == e.path());
                    let msg_ok = want
                        .get("message_contains")
                        .and_then(Value::as_str)
                        .is_none_or(|m| e.message().contains(m));
                    if kind_ok && path_ok && msg_ok {
                        Ok(())
                    } else {
                        Err(format!("wanted error {want}, got {e}"))
                    }
                }
                (Ok(actual), _, _) => Err(format!("expected an error, got {actual}")),
                (Err(e), _, _) => Err(format!("unexpected error {e}")),
            };
            if let Err(why) = verdict {
                failures.push(format!("{name}: {why}"));
            }
        }
    }
    assert!(ran >= 18, "only {ran} vectors ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
