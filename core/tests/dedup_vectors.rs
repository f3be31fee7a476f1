//! Runs the cross-language conformance vectors in `tests/vectors/dedup/`
//! (format: `tests/vectors/README.md`) against the Rust core.

mod support;

use serde_json::{json, Value};
use support::{tests_dir, tests_json, vectors};
use verity::dedup::{self, Timestamp};
use verity::Result;

fn arg<'a>(args: &'a Value, name: &str) -> &'a Value {
    args.get(name)
        .unwrap_or_else(|| panic!("missing arg {name}"))
}

fn text_arg<'a>(args: &'a Value, name: &str) -> &'a str {
    arg(args, name)
        .as_str()
        .unwrap_or_else(|| panic!("arg {name} must be a string"))
}

fn run_op(op: &str, args: &Value) -> Result<Value> {
    let at = || {
        serde_json::from_value::<Timestamp>(arg(args, "at").clone())
            .expect("`at` is a string or integer")
    };
    Ok(match op {
        "canonical_json" => {
            let bytes = match arg(args, "value") {
                Value::String(text) => dedup::canonical_json_from_bytes(text.as_bytes())?,
                value => dedup::canonical_json(value)?,
            };
            Value::String(String::from_utf8(bytes).expect("canonical JSON is UTF-8"))
        }
        "template_config_hash" => {
            let hash = match arg(args, "config") {
                Value::String(text) => dedup::template_config_hash_from_bytes(text.as_bytes())?,
                value => dedup::template_config_hash(value)?,
            };
            serde_json::to_value(hash).expect("serialisable")
        }
        "rendered_prompt_sha256" => json!(dedup::rendered_prompt_sha256(text_arg(args, "text"))),
        "probe_idempotency_key" => json!(dedup::probe_idempotency_key(
            text_arg(args, "org_id"),
            text_arg(args, "workspace_id"),
            text_arg(args, "template_id"),
            text_arg(args, "provider"),
            text_arg(args, "model"),
            &at(),
        )?),
        "run_idempotency_key" => json!(dedup::run_idempotency_key(
            text_arg(args, "org_id"),
            text_arg(args, "workspace_id"),
            text_arg(args, "template_id"),
            text_arg(args, "version"),
            text_arg(args, "country"),
            &at(),
        )?),
        "parse_idempotency_key" => {
            serde_json::to_value(dedup::parse_idempotency_key(text_arg(args, "key"))?)
                .expect("serialisable")
        }
        other => panic!("unknown op {other}"),
    })
}

fn run_file(name: &str) -> usize {
    vectors::run_files(&[tests_dir().join("vectors/dedup").join(name)], &run_op)
}

#[test]
fn canonical_json_vectors() {
    assert!(run_file("canonical_json.json") >= 70);
}

#[test]
fn template_hash_vectors() {
    assert!(run_file("template_hash.json") >= 30);
}

#[test]
fn key_vectors() {
    assert!(run_file("keys.json") >= 19);
}

#[test]
fn every_vector_file_is_run() {
    let mut files: Vec<String> = std::fs::read_dir(tests_dir().join("vectors/dedup"))
        .expect("vector dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["canonical_json.json", "keys.json", "template_hash.json"]
    );
}

#[test]
fn colliding_template_vectors_share_the_seed_hash() {
    let file = tests_json("vectors/dedup/template_hash.json");
    let cases = file["cases"].as_array().expect("cases");
    let hash_of = |name: &str| {
        cases
            .iter()
            .find(|c| c["name"] == name)
            .map(|c| c["expected"]["config_hash"].clone())
            .expect("case")
    };
    let seed = hash_of("seed_payload");
    let mut differing = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        if name.starts_with("collides_") {
            assert_eq!(case["expected"]["config_hash"], seed, "{name}");
        } else if name.starts_with("differs_") {
            assert_ne!(case["expected"]["config_hash"], seed, "{name}");
            differing.push(case["expected"]["config_hash"].clone());
        }
    }
    let count = differing.len();
    differing.sort_by_key(|v| v.to_string());
    differing.dedup();
    assert_eq!(
        differing.len(),
        count,
        "differs_* cases must differ from each other too"
    );
    assert_eq!(
        hash_of("prompt_with_crlf_lines"),
        hash_of("prompt_with_lf_lines_collides_with_crlf")
    );
    assert_eq!(
        hash_of("prompt_nfd_is_nfc_normalised"),
        hash_of("prompt_nfc_collides_with_nfd")
    );
}
