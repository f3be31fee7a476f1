//! Runs every conformance vector in `tests/vectors/enforcement/*.json`
//! generically (format: `tests/vectors/README.md`); the Python and Node
//! suites mirror this runner.

mod support;

use serde_json::Value;
use support::vectors;
use verity::enforcement::{
    check_run_invariants, classify, classify_bytes, parse_api, ClassifyOptions, EnforcementMode,
    RequestedMode,
};
use verity::Error;

fn opt_string(args: &Value, key: &str) -> Result<Option<String>, Error> {
    match args.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Error::invalid_input(
            format!("$.{key}"),
            "expected a string",
        )),
    }
}

fn run_op(op: &str, args: &Value) -> Result<Value, Error> {
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

#[test]
fn all_enforcement_vectors_pass() {
    let ran = vectors::run_module("enforcement", &run_op);
    assert!(
        ran >= 40,
        "expected at least 40 enforcement vectors, found {ran}"
    );
}

#[test]
fn subset_matching_is_strict_where_it_must_be() {
    let actual = serde_json::json!({"a": 1, "b": [1, 2], "c": {"d": true, "e": null}});
    let subset_mismatch = vectors::subset_mismatch;
    assert!(subset_mismatch(&serde_json::json!({"a": 1, "c": {"d": true}}), &actual).is_none());
    assert!(subset_mismatch(&serde_json::json!({"b": [1]}), &actual).is_some());
    assert!(subset_mismatch(&serde_json::json!({"c": {"e": 0}}), &actual).is_some());
    assert!(subset_mismatch(&serde_json::json!({"z": null}), &actual).is_some());
}
