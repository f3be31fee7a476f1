//! The outcome and auditlog outputs conform to the JSON schemas in
//! `tests/schemas/outcome/` and `tests/schemas/auditlog/`: every successful
//! vector case's actual output is checked, plus every fixture entry and the
//! report of every fixture log (validation: `support::schema`).

mod support;

use serde_json::Value;
use std::collections::HashMap;
use support::{json_files, schema, tests_dir, tests_json, vectors};
use verity::{auditlog::json_ops as log_ops, outcome::json_ops as ops};

/// (op, schema, function) for every operation with a schema'd output.
type Op = fn(&Value) -> verity::Result<Value>;
const OPS: &[(&str, &str, Op)] = &[
    (
        "execution_result_from_dict",
        "outcome/execution_result",
        ops::execution_result_from_dict,
    ),
    (
        "execution_result_success",
        "outcome/execution_result",
        ops::execution_result_success,
    ),
    (
        "execution_result_failure",
        "outcome/execution_result",
        ops::execution_result_failure,
    ),
    (
        "execution_result_partial",
        "outcome/execution_result",
        ops::execution_result_partial,
    ),
    (
        "aggregate_results",
        "outcome/result_summary",
        ops::aggregate_results_json,
    ),
    (
        "envelope_from_result",
        "outcome/envelope",
        ops::envelope_from_result,
    ),
    (
        "classify_failure",
        "outcome/failure",
        ops::classify_failure_json,
    ),
    (
        "decide_retry",
        "outcome/retry_decision",
        ops::decide_retry_json,
    ),
    (
        "append_log_entry",
        "auditlog/log_entry",
        log_ops::append_log_entry_json,
    ),
    (
        "verify_log",
        "auditlog/verify_report",
        log_ops::verify_log_json,
    ),
];

/// Every successful vector case's (schema name, output).
fn vector_outputs() -> Vec<(&'static str, Value)> {
    let mut outputs = Vec::new();
    for module in ["outcome", "auditlog"] {
        for file in vectors::module_files(module) {
            for case in vectors::cases(&file) {
                let op = case["op"].as_str().unwrap();
                let (_, schema, f) = OPS
                    .iter()
                    .find(|(name, ..)| *name == op)
                    .expect("op has a schema");
                if let Ok(output) = f(&vectors::substitute_fixtures(&case["args"])) {
                    outputs.push((*schema, output));
                }
            }
        }
    }
    outputs
}

#[test]
fn every_vector_output_conforms() {
    let mut schemas = HashMap::new();
    let outputs = vector_outputs();
    for (name, output) in &outputs {
        let schema = schemas.entry(*name).or_insert_with(|| schema::load(name));
        schema.assert_valid(output, &output.to_string());
    }
    assert!(outputs.len() > 60, "only {} outputs checked", outputs.len());
}

/// Every schema with an output in the vectors rejects that output with a
/// property it does not declare.
#[test]
fn every_schema_rejects_a_stray_property() {
    let mut schemas = HashMap::new();
    for (name, mut output) in vector_outputs() {
        let schema = schemas.entry(name).or_insert_with(|| schema::load(name));
        output["not_in_the_schema"] = Value::Bool(true);
        assert!(!schema.is_valid(&output), "{name} accepts {output}");
    }
    assert_eq!(schemas.len(), 7, "{:?}", schemas.keys());
}

#[test]
fn every_fixture_entry_conforms() {
    let schema = schema::load("auditlog/log_entry");
    let files = json_files(&tests_dir().join("fixtures/auditlog"));
    assert!(!files.is_empty());
    for path in files {
        for entry in support::read_json(&path).as_array().unwrap() {
            schema.assert_valid(entry, &path.display().to_string());
        }
    }
}

#[test]
fn the_checker_rejects_what_it_should() {
    let schema = schema::load("outcome/retry_decision");
    assert!(!schema.is_valid(
        &serde_json::json!({"action": "retry", "delay_ms": -1, "increase_budget": false, "retry_after_honoured": false, "failure_kind": "timeout"})
    ));
    assert!(!schema.is_valid(
        &serde_json::json!({"action": "give_up", "reason": "bored", "failure_kind": "timeout"})
    ));
    let entry = schema::load("auditlog/log_entry");
    let mut e = tests_json("fixtures/auditlog/clean.json")[0].clone();
    entry.assert_valid(&e, "clean.json[0]");
    e["hash"] = Value::from("ABC");
    assert!(!entry.is_valid(&e));
}
