//! `verity classify`: output, exit codes (0 ok, 1 failed enforcement, 2 bad input), stdin.

mod support;

use support::{assert_bad_input, fixture, scratch_dir, stdout_json, verity};

#[test]
fn ok_outcome_exits_0_with_fields_in_spec_order() {
    let out = verity(
        &[
            "classify",
            "--mode",
            "REQUIRED",
            &fixture("gemini/grounded.json"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let first_keys: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("  \"")?.split('"').next())
        .take(3)
        .collect();
    assert_eq!(
        first_keys,
        ["requested_mode", "enforcement_mode", "provider"]
    );
    let json = stdout_json(&out);
    assert_eq!(json["status"], "ok");
    assert_eq!(json["tool_call_count"], 2);
    assert_eq!(json["search_confidence"], 0.883333);
}

#[test]
fn failed_enforcement_prints_the_outcome_and_exits_1() {
    let out = verity(
        &[
            "classify",
            "--mode",
            "REQUIRED",
            "--explain",
            &fixture("openai_responses/web_search_failed.json"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let json = stdout_json(&out);
    assert_eq!(json["error_code"], "no_tool_call_in_required");
    assert_eq!(json["attempted_tool_call_count"], 1);
    assert_eq!(json["explanation"]["title"], "Hard Enforcement Failed");
}

#[test]
fn options_reach_the_core_and_stdin_works() {
    let body = std::fs::read(fixture("anthropic/no_search.json")).unwrap();
    let out = verity(
        &[
            "classify",
            "--mode",
            "REQUIRED",
            "--enforcement-mode",
            "soft",
            "--model",
            "claude-x",
            "-",
        ],
        Some(&body),
    );
    assert_eq!(out.status.code(), Some(1));
    let json = stdout_json(&out);
    assert_eq!(json["enforcement_mode"], "soft");
    assert_eq!(json["model"], "claude-x");
    assert_eq!(json["error_code"], "no_tool_call_in_soft_required");

    let body = std::fs::read(fixture("openai_chat/function_call_search.json")).unwrap();
    let out = verity(
        &[
            "classify",
            "--mode",
            "REQUIRED",
            "--search-tool",
            "web_search",
            "-",
        ],
        Some(&body),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout_json(&out)["tool_call_count"], 1);
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let grounded = fixture("gemini/grounded.json");
    let out = verity(&["classify", "--mode", "SOMETIMES", &grounded], None);
    assert_bad_input(&out, "invalid_input at $.mode");
    let out = verity(
        &[
            "classify",
            "--mode",
            "REQUIRED",
            "--enforcement-mode",
            "firm",
            &grounded,
        ],
        None,
    );
    assert_bad_input(&out, "$.enforcement_mode");
    let out = verity(
        &["classify", "--mode", "REQUIRED", "-"],
        Some(b"{\"output\": ["),
    );
    assert_bad_input(&out, "invalid_json");
    let out = verity(
        &["classify", "--mode", "REQUIRED", "-"],
        Some(b"{\"data\": 1}"),
    );
    assert_bad_input(&out, "unknown_shape");
    let out = verity(
        &["classify", "--mode", "REQUIRED", "-"],
        Some(br#"{"output": [{"type": "web_search_call", "status": 3}]}"#),
    );
    assert_bad_input(&out, "$.output[0].status");
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let out = verity(
        &["classify", "--mode", "REQUIRED", "-"],
        Some(deep.as_bytes()),
    );
    assert_bad_input(&out, "too_deep");
    let big = format!(
        r#"{{"output": [], "pad": "{}"}}"#,
        "x".repeat(9 * 1024 * 1024)
    );
    let out = verity(
        &["classify", "--mode", "REQUIRED", "-"],
        Some(big.as_bytes()),
    );
    assert_bad_input(&out, "too_large");
    let out = verity(
        &[
            "classify",
            "--mode",
            "REQUIRED",
            "/nonexistent/response.json",
        ],
        None,
    );
    assert_bad_input(&out, "cannot read");
}

#[test]
fn summary_is_one_readable_line_plus_the_explanation() {
    let out = verity(
        &[
            "classify",
            "--mode",
            "REQUIRED",
            "--summary",
            &fixture("gemini/grounded.json"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.contains("REQUIRED   ok"), "{text}");
    assert!(
        text.contains("searches 2/2  citations 2  confidence 0.88"),
        "{text}"
    );

    let out = verity(
        &[
            "classify",
            "--mode",
            "REQUIRED",
            "--summary",
            &fixture("openai_responses/incomplete_max_output_tokens.json"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("budget-starved"), "{text}");
    assert!(text.contains("Soft Enforcement Failed"), "{text}");
    assert!(
        text.contains("retry with a larger max_output_tokens"),
        "{text}"
    );
}

#[test]
fn a_custom_capability_table_replaces_the_default() {
    let dir = scratch_dir("classify");
    let table = dir.join("table.json");
    std::fs::write(
        &table,
        r#"{"rules": [{"model_prefix": "claude-", "enforcement_mode": "soft"}], "default": "hard"}"#,
    )
    .unwrap();
    let table_arg = table.to_string_lossy().into_owned();
    let out = verity(
        &[
            "classify",
            "--mode",
            "REQUIRED",
            "--enforcement-table",
            &table_arg,
            &fixture("anthropic/no_search.json"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_json(&out)["enforcement_mode"], "soft");

    std::fs::write(
        &table,
        r#"{"rules": [{"enforcement_mode": "soft"}], "default": "hard"}"#,
    )
    .unwrap();
    let out = verity(
        &[
            "classify",
            "--mode",
            "REQUIRED",
            "--enforcement-table",
            &table_arg,
            &fixture("anthropic/no_search.json"),
        ],
        None,
    );
    assert_bad_input(&out, "invalid_config at $.rules[0]");
    std::fs::remove_dir_all(&dir).unwrap();
}
