//! Runs `tests/vectors/metadata/*.json` (format: `tests/vectors/README.md`).
//!
//! Ops: `detect_provider {model_id}`, `extract_metadata {response}`,
//! `provider_version_key {response, model?}`, `otel_attributes {response,
//! model?, include_deprecated?, platform?}`. A `response` given as a JSON
//! string is JSON text (parsed under the default limits), as in the bindings.

mod support;

use serde_json::{json, Value};
use support::vectors;
use verity::metadata::{self, OtelOptions, Platform, ResponseMetadata};

fn response_metadata(args: &Value) -> verity::Result<ResponseMetadata> {
    match args.get("response") {
        Some(Value::String(text)) => metadata::extract_metadata_bytes(text.as_bytes()),
        Some(value) => metadata::extract_metadata(value),
        None => panic!("vector without args.response"),
    }
}

fn run_op(op: &str, args: &Value) -> verity::Result<Value> {
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

#[test]
fn metadata_vectors() {
    let count = vectors::run_module("metadata", &run_op);
    assert!(count >= 100, "only {count} metadata vectors found");
}

#[test]
fn subset_matching_rules() {
    let subset_matches = |e: &Value, a: &Value| vectors::subset_mismatch(e, a).is_none();
    assert!(subset_matches(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
    assert!(!subset_matches(&json!({"a": 1, "c": 3}), &json!({"a": 1})));
    assert!(!subset_matches(&json!([1]), &json!([1, 2])));
    assert!(subset_matches(
        &json!([{"a": 1}]),
        &json!([{"a": 1, "b": 0}])
    ));
    assert!(!subset_matches(&json!({"a": null}), &json!({})));
}
