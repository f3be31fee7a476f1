//! template_config_hash: normalisation v1, errors, serde round trip.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use verity::dedup::{template_config_hash, TemplateConfigHash};
use verity::ErrorKind;

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn base() -> Value {
    json!({
        "org_id": "default",
        "workspace_id": "workspace-avea-001",
        "name": "AVEA Brand Analysis",
        "system_instructions": "Be concise and accurate",
        "user_prompt_template": "What is AVEA known for?",
        "country_set": ["CH", "US"],
        "model_id": "gpt-4o",
        "inference_params": {"temperature": 0.7, "max_tokens": 1000}
    })
}

fn hash(v: &Value) -> String {
    template_config_hash(v).unwrap().config_hash().to_owned()
}

#[test]
fn canonical_form_holds_version_and_only_config_fields() {
    let h = template_config_hash(&base()).unwrap();
    assert_eq!(
        h.canonical(),
        r#"{"country_set":["CH","US"],"inference_params":{"max_tokens":1000,"temperature":0.7},"model_id":"gpt-4o","normalization_version":1,"system_instructions":"Be concise and accurate","user_prompt_template":"What is AVEA known for?"}"#
    );
    assert_eq!(h.config_hash(), sha256_hex(h.canonical_bytes()));
    let mut renamed = base();
    renamed["name"] = json!("Other name");
    renamed["workspace_id"] = json!("elsewhere");
    renamed["created_at"] = json!("2026-01-01T00:00:00Z");
    assert_eq!(hash(&renamed), h.config_hash());
}

#[test]
fn normalisation_collisions() {
    let mut v = base();
    v["user_prompt_template"] = json!("  What is AVEA known for?  \r\n\r\n");
    v["system_instructions"] = json!("Be concise and accurate\t");
    v["country_set"] = json!(["us", " ch", "US"]);
    v["inference_params"] = json!({"max_tokens": 1000.0, "temperature": 0.70, "top_p": null});
    assert_eq!(hash(&v), hash(&base()));
    let mut nfd = base();
    nfd["user_prompt_template"] = json!("Cafe\u{301}?");
    let mut nfc = base();
    nfc["user_prompt_template"] = json!("Caf\u{e9}?");
    assert_eq!(hash(&nfd), hash(&nfc));
}

#[test]
fn absent_system_instructions_equal_empty() {
    let mut a = base();
    a.as_object_mut().unwrap().remove("system_instructions");
    let mut b = base();
    b["system_instructions"] = json!("   ");
    assert_eq!(hash(&a), hash(&b));
}

#[test]
fn wrong_types_name_the_path() {
    let cases = [
        ("country_set", json!("CH"), "$.country_set"),
        ("country_set", json!(["CH", 1]), "$.country_set[1]"),
        ("country_set", json!(["CH", " "]), "$.country_set[1]"),
        (
            "inference_params",
            json!({"temperature": "0.7"}),
            "$.inference_params.temperature",
        ),
        (
            "inference_params",
            json!({"max_tokens": 10.5}),
            "$.inference_params.max_tokens",
        ),
        ("inference_params", json!([1]), "$.inference_params"),
        ("user_prompt_template", json!(3), "$.user_prompt_template"),
        ("model_id", json!(["gpt-4o"]), "$.model_id"),
    ];
    for (field, value, path) in cases {
        let mut v = base();
        v[field] = value;
        let e = template_config_hash(&v).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{path}");
        assert_eq!(e.path(), path);
    }
    let mut v = base();
    v.as_object_mut().unwrap().remove("model_id");
    assert_eq!(
        template_config_hash(&v).unwrap_err().kind(),
        ErrorKind::MissingField
    );
    assert_eq!(template_config_hash(&json!([])).unwrap_err().path(), "$");
}

#[test]
fn keys_equal_after_nfc_are_duplicates() {
    let mut v = base();
    v["tools"] = json!([{"Cafe\u{301}": 1, "Caf\u{e9}": 2}]);
    let e = template_config_hash(&v).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DuplicateKey);
    assert_eq!(e.path(), "$.tools[0][\"Caf\u{e9}\"]");
}

#[test]
fn serde_round_trip_checks_the_hash() {
    let h = template_config_hash(&base()).unwrap();
    let json = serde_json::to_value(&h).unwrap();
    assert_eq!(json["normalization_version"], 1);
    let back: TemplateConfigHash = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, h);
    let mut tampered = json.clone();
    tampered["canonical"] = json!("{}");
    assert!(serde_json::from_value::<TemplateConfigHash>(tampered).is_err());
    let mut future = json;
    future["normalization_version"] = json!(2);
    assert!(serde_json::from_value::<TemplateConfigHash>(future).is_err());
}
