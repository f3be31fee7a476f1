//! The metadata outputs for every fixture conform to the JSON schemas in
//! `tests/schemas/metadata/` (validation: `support::schema`).

mod support;

use serde_json::json;
use support::{schema, tests_dir};
use verity::metadata::{extract_metadata_bytes, otel_attributes, OtelOptions};

#[test]
fn every_fixture_output_conforms() {
    let metadata_schema = schema::load("metadata/response_metadata");
    let otel_schema = schema::load("metadata/otel_attributes");
    let mut checked = 0;
    for dir in std::fs::read_dir(tests_dir().join("fixtures/responses")).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let what = path.display().to_string();
            let metadata = extract_metadata_bytes(&std::fs::read(&path).unwrap()).unwrap();
            metadata_schema.assert_valid(&serde_json::to_value(&metadata).unwrap(), &what);
            for include_deprecated in [false, true] {
                let options = OtelOptions {
                    request_model: Some("requested-model".into()),
                    include_deprecated,
                    platform: None,
                };
                let attrs = serde_json::to_value(otel_attributes(&metadata, &options)).unwrap();
                otel_schema.assert_valid(&attrs, &what);
            }
            checked += 1;
        }
    }
    assert!(checked >= 30);
}

#[test]
fn checker_reports_violations() {
    let schema = schema::load("metadata/response_metadata");
    let bad = json!({"provider": "mistral", "platform": "openai", "api": "openai_chat",
        "model": "", "model_version": null, "response_id": null, "created": "x",
        "system_fingerprint": null, "service_tier": null, "finish_reasons": [1],
        "usage": {"input_tokens": -1}, "grounding_metadata": [], "extra": true});
    schema.assert_rejects(
        &bad,
        &[
            "$.provider: enum",
            "$.model: minLength",
            "$.created: type",
            "$.finish_reasons[0]: type",
            "$.usage.input_tokens: minimum",
            "$.usage: required",
            "$: additionalProperties",
        ],
    );
}

#[test]
fn otel_schema_rejects_broken_attributes() {
    let schema = schema::load("metadata/otel_attributes");
    let path = tests_dir().join("fixtures/responses/gemini/grounded.json");
    let metadata = extract_metadata_bytes(&std::fs::read(path).unwrap()).unwrap();
    let mut attrs =
        serde_json::to_value(otel_attributes(&metadata, &OtelOptions::default())).unwrap();
    schema.assert_valid(&attrs, "gemini/grounded.json");
    attrs["gen_ai.usage.input_tokens"] = json!(1.0);
    attrs["not.an.attribute"] = json!(1);
    let found = schema.assert_rejects(
        &attrs,
        &[
            "$.gen_ai.usage.input_tokens: type",
            "$: additionalProperties",
        ],
    );
    assert_eq!(found.len(), 2, "{found:#?}");
}
