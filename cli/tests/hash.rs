//! `verity hash`: files and stdin, exact output bytes, exit codes.

mod support;

use std::path::PathBuf;
use support::{assert_bad_input, assert_exit, scratch_dir, verity};

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch_dir("hash-test").join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

const TEMPLATE: &str = r#"{
  "org_id": "default", "workspace_id": "workspace-avea-001", "name": "AVEA Brand Analysis",
  "system_instructions": "Be concise and accurate",
  "user_prompt_template": "What is AVEA known for?",
  "country_set": ["CH", "US"], "model_id": "gpt-4o",
  "inference_params": {"temperature": 0.7, "max_tokens": 1000}
}"#;

#[test]
fn canonical_from_stdin_is_exact_bytes() {
    let out = verity(
        &["hash", "canonical", "-"],
        Some(b"{\"b\": [1.0, 1e21], \"a\": \"\\u00e9\"}\n"),
    );
    assert_exit(&out, 0);
    assert_eq!(out.stdout, "{\"a\":\"é\",\"b\":[1,1e+21]}".as_bytes());
}

#[test]
fn canonical_from_file_and_to_file() {
    let input = temp_file("in.json", b"{\"\\ufb33\": 1, \"\\ud83d\\ude00\": 2}");
    let output = input.with_file_name("out.json");
    let out = verity(
        &[
            "hash",
            "canonical",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read(output).unwrap(),
        "{\"\u{1f600}\":2,\"\u{fb33}\":1}".as_bytes()
    );
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_path() {
    for (input, needle) in [
        (&b"{\"a\":1,\"a\":2}"[..], "duplicate_key at $.a"),
        (b"[\"\\ud800\"]", "invalid_string at $[0]"),
        (b"{\"n\":1e400}", "invalid_number at $.n"),
        (b"{", "invalid_json"),
    ] {
        let out = verity(&["hash", "canonical", "-"], Some(input));
        assert_bad_input(&out, needle);
    }
    let out = verity(&["hash", "canonical", "/nonexistent/verity.json"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn template_hash_from_file_and_stdin_agree() {
    let path = temp_file("template.json", TEMPLATE.as_bytes());
    let from_file = verity(&["hash", "template", path.to_str().unwrap()], None);
    assert_eq!(from_file.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&from_file.stdout).unwrap();
    assert_eq!(value["normalization_version"], 1);
    assert_eq!(value["config_hash"].as_str().unwrap().len(), 64);
    assert!(value["canonical"]
        .as_str()
        .unwrap()
        .contains("\"normalization_version\":1"));
    let reordered = TEMPLATE
        .replace("[\"CH\", \"US\"]", "[\"us\", \"CH\"]")
        .replace("0.7", "0.70");
    let from_stdin = verity(&["hash", "template", "-"], Some(reordered.as_bytes()));
    assert_eq!(from_stdin.status.code(), Some(0));
    assert_eq!(from_file.stdout, from_stdin.stdout);
}

#[test]
fn template_with_wrong_type_exits_2() {
    let bad = TEMPLATE.replace("0.7", "\"0.7\"");
    let out = verity(&["hash", "template", "-"], Some(bad.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("$.inference_params.temperature"),
        "{stderr}"
    );
}

#[test]
fn prompt_hash_is_sha256_of_exact_bytes() {
    let out = verity(&["hash", "prompt", "-"], Some(b"abc"));
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        value["rendered_prompt_sha256"],
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn unknown_mode_is_a_usage_error() {
    let out = verity(&["hash", "bogus", "-"], Some(b"{}"));
    assert_eq!(out.status.code(), Some(2));
}
