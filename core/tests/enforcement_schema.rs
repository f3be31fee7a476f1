//! The enforcement outputs conform to the JSON schemas in
//! `tests/schemas/enforcement/`: every fixture's outcome under every mode,
//! the violation lists of the run-invariant vectors, and aggregates
//! (validation: `support::schema`).

mod support;

use serde_json::json;
use support::{schema, tests_dir, tests_json};
use verity::enforcement::{
    aggregate_outcomes, check_run_invariants, classify_bytes, ClassifyOptions, RequestedMode,
};

#[test]
fn outcomes_and_aggregates_conform() {
    let outcome_schema = schema::load("enforcement/outcome");
    let mut outcomes = Vec::new();
    for dir in std::fs::read_dir(tests_dir().join("fixtures/responses")).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            for mode in RequestedMode::ALL {
                let Ok(outcome) = classify_bytes(&bytes, mode, &ClassifyOptions::default()) else {
                    continue;
                };
                let value = serde_json::to_value(&outcome).unwrap();
                outcome_schema.assert_valid(&value, &path.display().to_string());
                outcomes.push(outcome);
            }
        }
    }
    assert!(outcomes.len() >= 60, "{}", outcomes.len());
    let aggregate_schema = schema::load("enforcement/aggregate_measures");
    let aggregate = serde_json::to_value(aggregate_outcomes(&outcomes)).unwrap();
    aggregate_schema.assert_valid(&aggregate, "aggregate of every fixture outcome");
    let empty = serde_json::to_value(aggregate_outcomes(&[])).unwrap();
    aggregate_schema.assert_valid(&empty, "aggregate of no outcomes");
}

#[test]
fn violation_lists_conform() {
    let schema = schema::load("enforcement/violations");
    let doc = tests_json("vectors/enforcement/run_invariants.json");
    let mut non_empty = 0;
    for case in doc["cases"].as_array().unwrap() {
        let Ok(found) = check_run_invariants(&case["args"]["record"]) else {
            continue;
        };
        non_empty += usize::from(!found.is_empty());
        let value = serde_json::to_value(found).unwrap();
        schema.assert_valid(&value, &case["name"].to_string());
    }
    assert!(non_empty >= 8);
}

#[test]
fn the_checker_catches_what_the_schema_forbids() {
    let schema = schema::load("enforcement/outcome");
    let bytes = std::fs::read(tests_dir().join("fixtures/responses/gemini/grounded.json")).unwrap();
    let outcome = classify_bytes(&bytes, RequestedMode::Required, &ClassifyOptions::default());
    let mut value = serde_json::to_value(outcome.unwrap()).unwrap();
    schema.assert_valid(&value, "gemini/grounded.json");
    value["extra"] = json!(1);
    value["search_confidence"] = json!(1.5);
    value["status"] = json!("passed");
    value["tool_call_count"] = json!(2.0);
    let found = schema.assert_rejects(
        &value,
        &[
            "$: additionalProperties",
            "$.search_confidence: maximum",
            "$.status: enum",
            "$.tool_call_count: type",
        ],
    );
    assert_eq!(found.len(), 4, "{found:#?}");
}

#[test]
fn aggregate_and_violation_schemas_reject_broken_values() {
    let aggregate = schema::load("enforcement/aggregate_measures");
    let mut value = serde_json::to_value(aggregate_outcomes(&[])).unwrap();
    aggregate.assert_valid(&value, "empty aggregate");
    value["runs"] = json!(-1);
    assert!(!aggregate.is_valid(&value));
    let violations = schema::load("enforcement/violations");
    assert!(violations.is_valid(&json!([{"code": "missing_field", "path": "$.x", "message": "m"}])));
    assert!(!violations.is_valid(&json!([{"code": "no_such_code", "path": "$.x", "message": "m"}])));
    assert!(!violations.is_valid(&json!([{"code": "missing_field", "path": "$", "message": "m"}])));
}
