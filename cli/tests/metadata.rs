//! `verity metadata` and `verity provider`: output shape, options, exit codes.

mod support;

use serde_json::Value;
use support::{assert_bad_input, fixture, ok_json, scratch_dir, verity};

#[test]
fn prints_metadata_version_key_and_otel_attributes() {
    let out = verity(
        &[
            "metadata",
            &fixture("openai_chat/md_azure_no_fingerprint.json"),
        ],
        None,
    );
    let v = ok_json(&out);
    assert_eq!(v["metadata"]["platform"], "azure_openai");
    assert_eq!(v["metadata"]["provider"], "openai");
    assert_eq!(v["provider_version_key"], "unknown");
    assert_eq!(
        v["otel_attributes"]["gen_ai.provider.name"],
        "azure.ai.openai"
    );
    assert!(v["otel_attributes"].get("gen_ai.system").is_none());
}

#[test]
fn reads_stdin_and_applies_model_deprecated_and_platform_options() {
    let body = br#"{"candidates": [{"finishReason": "STOP"}]}"#;
    let out = verity(
        &[
            "metadata",
            "-",
            "--model",
            "gemini-2.0-flash",
            "--otel-deprecated",
            "--platform",
            "vertex_ai",
        ],
        Some(body),
    );
    let v = ok_json(&out);
    assert_eq!(v["provider_version_key"], "gemini-2.0-flash");
    assert_eq!(
        v["otel_attributes"]["gen_ai.request.model"],
        "gemini-2.0-flash"
    );
    assert_eq!(
        v["otel_attributes"]["gen_ai.provider.name"],
        "gcp.vertex_ai"
    );
    assert_eq!(v["otel_attributes"]["gen_ai.system"], "vertex_ai");
}

#[test]
fn writes_to_output_file() {
    let dir = scratch_dir("md");
    let target = dir.join("out.json");
    let out = verity(
        &[
            "metadata",
            &fixture("anthropic/md_cache_tokens.json"),
            "-o",
            target.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let v: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(v["metadata"]["usage"]["input_tokens"], 22034);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_inputs_exit_2_with_one_line() {
    assert_bad_input(
        &verity(&["metadata", "-"], Some(b"{not json")),
        "invalid_json",
    );
    assert_bad_input(
        &verity(&["metadata", "-"], Some(br#"{"hello": "world"}"#)),
        "unknown_shape",
    );
    assert_bad_input(
        &verity(
            &["metadata", "-"],
            Some(br#"{"type": "message", "content": [], "usage": {"input_tokens": "9"}}"#),
        ),
        "$.usage.input_tokens",
    );
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert_bad_input(
        &verity(&["metadata", "-"], Some(deep.as_bytes())),
        "too_deep",
    );
    let huge = vec![b' '; 10 * 1024 * 1024];
    assert_bad_input(&verity(&["metadata", "-"], Some(&huge)), "too_large");
    assert_bad_input(
        &verity(&["metadata", "/nonexistent/response.json"], None),
        "cannot read",
    );
    assert_bad_input(
        &verity(
            &[
                "metadata",
                &fixture("anthropic/md_bedrock.json"),
                "--platform",
                "azure",
            ],
            None,
        ),
        "unknown --platform",
    );
}

#[test]
fn provider_prints_one_line_per_id() {
    let out = verity(
        &[
            "provider",
            "o3",
            "o365-foo",
            "us.anthropic.claude-3-5-sonnet-20241022-v2:0",
            "models/gemini-2.0-flash",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let providers: Vec<&str> = lines
        .iter()
        .map(|l| l["provider"].as_str().unwrap())
        .collect();
    assert_eq!(providers, ["openai", "unknown", "anthropic", "google"]);
    assert_eq!(lines[1]["model_id"], "o365-foo");
}

#[test]
fn brief_prints_one_readable_line() {
    let out = verity(
        &[
            "metadata",
            "--brief",
            &fixture("anthropic/md_cache_tokens.json"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "anthropic/anthropic anthropic_messages model=claude-sonnet-4-5-20250929 \
         key=claude-sonnet-4-5-20250929 finish=end_turn tokens in=22034 (cached 20480) \
         out=41 (reasoning -) total=22075 otel=anthropic\n"
    );
}
