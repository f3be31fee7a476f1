//! metadata: bad input at the limits, serialisation contract, and
//! properties over generated inputs (never panics, detection invariants).

use proptest::prelude::*;
use serde_json::{json, Value};
use verity::metadata::{
    detect_provider, extract_metadata, extract_metadata_bytes, otel_attributes,
    provider_version_key, OtelOptions, Provider, ResponseMetadata,
};
use verity::ErrorKind;

fn fixture(rel: &str) -> Vec<u8> {
    let path = format!(
        "{}/../tests/fixtures/responses/{rel}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn ten_megabyte_body_is_too_large() {
    let padding = "x".repeat(10 * 1024 * 1024);
    let body = format!(r#"{{"object":"chat.completion","choices":[],"pad":"{padding}"}}"#);
    let e = extract_metadata_bytes(body.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLarge);
    assert_eq!(e.path(), "$");
}

#[test]
fn nesting_deeper_than_128_is_too_deep() {
    let deep = format!(
        r#"{{"object":"chat.completion","choices":[],"x":{}{}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let e = extract_metadata_bytes(deep.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooDeep);
}

#[test]
fn not_json_and_bad_utf8_are_invalid_json() {
    for bytes in [&b"not json"[..], b"{\"model\": \"\xff\"}", b""] {
        let e = extract_metadata_bytes(bytes).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidJson, "{bytes:?}");
    }
}

#[test]
fn output_field_order_is_documented_and_round_trips() {
    let metadata =
        extract_metadata_bytes(&fixture("anthropic/md_cache_tokens.json")).expect("fixture");
    let text = serde_json::to_string(&metadata).unwrap();
    // serde_json::Value sorts keys; read the serialised order from the text.
    let mut keys: Vec<(usize, &str)> = [
        "provider",
        "platform",
        "api",
        "model",
        "model_version",
        "response_id",
        "created",
        "system_fingerprint",
        "service_tier",
        "finish_reasons",
        "usage",
        "grounding_metadata",
    ]
    .iter()
    .map(|k| (text.find(&format!("\"{k}\":")).expect(k), *k))
    .collect();
    keys.sort();
    let keys: Vec<&str> = keys.into_iter().map(|(_, k)| k).collect();
    assert_eq!(
        keys,
        [
            "provider",
            "platform",
            "api",
            "model",
            "model_version",
            "response_id",
            "created",
            "system_fingerprint",
            "service_tier",
            "finish_reasons",
            "usage",
            "grounding_metadata"
        ]
    );
    let back: ResponseMetadata = serde_json::from_str(&text).unwrap();
    assert_eq!(back, metadata);
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
}

#[test]
fn grounding_metadata_is_passed_through_unchanged() {
    let bytes = fixture("gemini/grounded.json");
    let raw: Value = serde_json::from_slice(&bytes).unwrap();
    let metadata = extract_metadata(&raw).unwrap();
    assert_eq!(metadata.grounding_metadata().len(), 1);
    assert_eq!(
        metadata.grounding_metadata()[0].metadata(),
        &raw["candidates"][0]["groundingMetadata"]
    );
}

#[test]
fn every_fixture_extracts_and_has_a_key_and_provider_attribute() {
    let root = format!("{}/../tests/fixtures/responses", env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for api_dir in std::fs::read_dir(&root).unwrap() {
        for file in std::fs::read_dir(api_dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let metadata = extract_metadata_bytes(&bytes)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(!metadata.provider_version_key(None).is_empty());
            let attrs = otel_attributes(&metadata, &OtelOptions::default());
            assert!(attrs.contains_key("gen_ai.operation.name"));
            if metadata.provider() != Provider::Unknown {
                assert!(
                    attrs.contains_key("gen_ai.provider.name"),
                    "{}",
                    path.display()
                );
            }
            assert!(!attrs.contains_key("gen_ai.system"));
            count += 1;
        }
    }
    assert!(count >= 30, "only {count} fixtures");
}

#[test]
fn version_key_takes_the_requested_model_only_as_a_fallback() {
    let anthropic: Value = serde_json::from_slice(&fixture("anthropic/no_search.json")).unwrap();
    assert_eq!(
        provider_version_key(&anthropic, Some("claude-3-5-haiku-latest")).unwrap(),
        "claude-3-5-haiku-20241022"
    );
    let bare = json!({"type": "message", "content": []});
    assert_eq!(
        provider_version_key(&bare, Some(" claude-3-opus-20240229 ")).unwrap(),
        "claude-3-opus-20240229"
    );
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-1.0e6f64..1.0e6).prop_map(|f| json!(f)),
        "[a-z_:. -]{0,12}".prop_map(Value::String),
    ];
    let keys = prop_oneof![
        Just("object"),
        Just("type"),
        Just("model"),
        Just("modelVersion"),
        Just("usage"),
        Just("usageMetadata"),
        Just("choices"),
        Just("candidates"),
        Just("output"),
        Just("content"),
        Just("stop_reason"),
        Just("createTime"),
        Just("created"),
        Just("prompt_tokens"),
        Just("input_tokens"),
        Just("finish_reason"),
        Just("finishReason"),
        Just("groundingMetadata"),
        Just("promptFeedback"),
        Just("prompt_filter_results"),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..6).prop_map(|m| {
                Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

proptest! {
    #[test]
    fn extraction_never_panics_and_errors_name_a_rooted_path(body in arb_json()) {
        match extract_metadata(&body) {
            Ok(metadata) => {
                prop_assert!(!metadata.provider_version_key(None).is_empty());
                let _ = otel_attributes(&metadata, &OtelOptions { include_deprecated: true, ..Default::default() });
            }
            Err(e) => prop_assert!(e.path().starts_with('$'), "{e}"),
        }
    }

    #[test]
    fn provider_ignores_case_and_surrounding_whitespace(id in "[a-zA-Z0-9./:@_-]{0,40}") {
        let p = detect_provider(&id);
        prop_assert_eq!(detect_provider(&id.to_ascii_uppercase()), p);
        let padded = format!("  {id}\t");
        prop_assert_eq!(detect_provider(&padded), p);
    }

    #[test]
    fn vendor_prefix_agrees_with_a_recognised_family(id in "(gpt-|o3-|claude-|gemini-)[a-z0-9.-]{1,12}") {
        let p = detect_provider(&id);
        prop_assert!(p != Provider::Unknown);
        let prefixed = format!("{}/{id}", match p {
            Provider::Openai => "openai",
            Provider::Google => "google",
            _ => "anthropic",
        });
        prop_assert_eq!(detect_provider(&prefixed), p);
        prop_assert_eq!(detect_provider(&format!("mistral/{id}")), Provider::Unknown);
    }
}
