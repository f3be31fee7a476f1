//! Behaviour of the enforcement module beyond the vectors: the seed's two
//! tests, bad input (incl. >8 MiB and >128 deep), immutability through
//! serde, explanations and aggregates.

use serde_json::{json, Value};
use verity::enforcement::{
    aggregate_outcomes, check_run_invariants, classify, classify_bytes, explain_failure,
    ClassifyOptions, EnforcementErrorCode, EnforcementMode, EnforcementModeRule,
    EnforcementModeTable, Outcome, RequestedMode, Status, ViolationCode,
};
use verity::metadata::Provider;
use verity::ErrorKind;

fn fixture(rel: &str) -> Vec<u8> {
    let path = format!(
        "{}/../tests/fixtures/responses/{rel}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run(rel: &str, mode: RequestedMode) -> Outcome {
    classify_bytes(&fixture(rel), mode, &ClassifyOptions::default()).expect("fixture classifies")
}

fn with_model(model: &str) -> ClassifyOptions {
    ClassifyOptions {
        model: Some(model.to_owned()),
        ..ClassifyOptions::default()
    }
}

/// Seed 000, "Test: Tool Errors Don't Count".
#[test]
fn test_tool_error_not_counted_as_grounded() {
    let response = json!({"output": [
        {"type": "web_search_call", "status": "error"},
        {"type": "message", "content": [{"type": "output_text", "text": "answer"}]}
    ]});
    let res = classify(&response, RequestedMode::Required, &with_model("gpt-5")).unwrap();
    assert_eq!(res.tool_call_count(), 0);
    assert!(!res.grounded_effective());
    assert_eq!(res.status(), Status::Failed);
    assert!(!res.enforcement_passed());
    assert_eq!(res.attempted_tool_call_count(), 1);
}

/// Seed 000, "Test: Ungrounded Guard".
#[test]
fn test_ungrounded_fails_with_any_search() {
    let response = json!({"output": [
        {"type": "web_search_call", "status": "ok"},
        {"type": "message", "content": [{"type": "output_text", "text": "answer"}]}
    ]});
    let res = classify(&response, RequestedMode::Ungrounded, &with_model("gpt-5")).unwrap();
    assert_eq!(res.status(), Status::Failed);
    assert_eq!(
        res.error_code(),
        Some(EnforcementErrorCode::ToolUsedInUngrounded)
    );
    assert!(!res.enforcement_passed());
}

#[test]
fn bodies_over_8_mib_are_too_large() {
    let filler = "x".repeat(8 * 1024 * 1024);
    let body = format!(r#"{{"output": [], "pad": "{filler}"}}"#);
    let e = classify_bytes(
        body.as_bytes(),
        RequestedMode::Required,
        &ClassifyOptions::default(),
    )
    .unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::TooLarge, "$"));
}

#[test]
fn nesting_deeper_than_128_is_too_deep() {
    let deep = format!(r#"{{"output": {}{}}}"#, "[".repeat(128), "]".repeat(128));
    let e = classify_bytes(
        deep.as_bytes(),
        RequestedMode::Required,
        &ClassifyOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooDeep);
}

#[test]
fn not_json_and_unknown_shape_are_typed_errors() {
    let options = ClassifyOptions::default();
    let e = classify_bytes(b"{\"output\": [", RequestedMode::Required, &options).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidJson);
    let e = classify(&json!({"data": []}), RequestedMode::Required, &options).unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::UnknownShape, "$"));
    let e = classify(&json!({"output": ["x"]}), RequestedMode::Required, &options).unwrap_err();
    assert_eq!(
        (e.kind(), e.path()),
        (ErrorKind::InvalidInput, "$.output[0]")
    );
    let e = RequestedMode::parse("ALWAYS").unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidInput, "$.mode"));
}

#[test]
fn outcomes_round_trip_and_forged_ok_is_refused() {
    let outcome = run("openai_responses/no_search.json", RequestedMode::Required);
    let mut json = serde_json::to_value(&outcome).unwrap();
    let back: Outcome = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, outcome);
    // Flip the ship-blocker: REQUIRED with 0 searches "ok".
    json["status"] = json!("ok");
    json["enforcement_passed"] = json!(true);
    json["error_code"] = Value::Null;
    assert!(serde_json::from_value::<Outcome>(json.clone()).is_err());
    let e = Outcome::from_json(&json).unwrap_err();
    assert_eq!(
        (e.kind(), e.path()),
        (ErrorKind::InvariantViolation, "$.status")
    );
    let violations = check_run_invariants(&json).unwrap();
    let codes: Vec<_> = violations.iter().map(|v| v.code()).collect();
    assert_eq!(
        codes,
        [
            ViolationCode::StatusMismatch,
            ViolationCode::EnforcementPassedMismatch,
            ViolationCode::ErrorCodeMismatch
        ]
    );
}

#[test]
fn every_fixture_outcome_satisfies_the_run_invariants() {
    let dir = format!("{}/../tests/fixtures/responses", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for api in ["openai_responses", "openai_chat", "gemini", "anthropic"] {
        for entry in std::fs::read_dir(format!("{dir}/{api}")).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            for mode in RequestedMode::ALL {
                let Ok(outcome) = classify_bytes(&bytes, mode, &ClassifyOptions::default()) else {
                    continue; // md_ fixtures of other shapes may not classify
                };
                let record = serde_json::to_value(&outcome).unwrap();
                assert_eq!(
                    check_run_invariants(&record).unwrap(),
                    [],
                    "{}",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 60, "{checked}");
}

#[test]
fn custom_capability_table_is_honoured() {
    let table = EnforcementModeTable::new(
        vec![EnforcementModeRule {
            model_prefix: Some("claude-".into()),
            provider: None,
            enforcement_mode: EnforcementMode::Soft,
        }],
        EnforcementMode::Hard,
    )
    .unwrap();
    let options = ClassifyOptions {
        enforcement_mode_table: table,
        ..ClassifyOptions::default()
    };
    let bytes = fixture("anthropic/no_search.json");
    let outcome = classify_bytes(&bytes, RequestedMode::Required, &options).unwrap();
    assert_eq!(outcome.enforcement_mode(), EnforcementMode::Soft);
    assert_eq!(
        outcome.error_code(),
        Some(EnforcementErrorCode::NoToolCallInSoftRequired)
    );
    // Gemini is hard under this table: its rule is gone.
    let bytes = fixture("gemini/ungrounded.json");
    let outcome = classify_bytes(&bytes, RequestedMode::Required, &options).unwrap();
    assert_eq!(outcome.enforcement_mode(), EnforcementMode::Hard);
}

#[test]
fn explanations_follow_the_run_detail_card() {
    let soft = run("openai_responses/no_search.json", RequestedMode::Required);
    let card = explain_failure(&soft).unwrap();
    assert_eq!(card.title(), "Soft Enforcement Failed");
    assert_eq!(
        card.message(),
        "GPT-5 doesn't support tool_choice:'required'. The model declined to search despite the search-first directive."
    );
    assert_eq!(
        card.detail(),
        "0 searches performed. Error: no_tool_call_in_soft_required"
    );
    assert!(!card.retryable());

    let gemini = run("gemini/ungrounded.json", RequestedMode::Required);
    let card = explain_failure(&gemini).unwrap();
    assert_eq!(card.title(), "Soft Enforcement Failed");
    assert!(card
        .message()
        .starts_with("gemini-2.5-flash can't be forced to search."));

    let hard = run("anthropic/web_search_error.json", RequestedMode::Required);
    let card = explain_failure(&hard).unwrap();
    assert_eq!(card.title(), "Hard Enforcement Failed");
    assert_eq!(card.message(), "No tool call occurred in REQUIRED mode.");
    assert_eq!(
        card.detail(),
        "0 searches performed (1 attempted without success). Enforcement mode: hard. Error: no_tool_call_in_required"
    );

    let starved = run("anthropic/max_tokens.json", RequestedMode::Required);
    let card = explain_failure(&starved).unwrap();
    assert!(card.retryable());
    assert!(card.retry_advice().contains("larger max_output_tokens"));

    let ungrounded = run("gemini/grounded.json", RequestedMode::Ungrounded);
    let card = explain_failure(&ungrounded).unwrap();
    assert_eq!(card.title(), "Ungrounded Run Searched");
    assert_eq!(
        card.detail(),
        "2 searches performed. Error: tool_used_in_ungrounded"
    );

    assert!(explain_failure(&run("gemini/grounded.json", RequestedMode::Required)).is_none());
}

#[test]
fn aggregates_over_many_outcomes() {
    let outcomes = [
        run("openai_responses/no_search.json", RequestedMode::Required), // soft, failed
        run(
            "openai_responses/web_search_completed.json",
            RequestedMode::Required,
        ), // soft, ok
        run(
            "openai_responses/incomplete_max_output_tokens.json",
            RequestedMode::Required,
        ), // soft, failed, starved
        run("anthropic/web_search_error.json", RequestedMode::Required), // hard, failed
        run(
            "anthropic/web_search_results.json",
            RequestedMode::Preferred,
        ),
        run("gemini/grounded.json", RequestedMode::Ungrounded), // failed
        run("gemini/ungrounded.json", RequestedMode::Ungrounded),
    ];
    let m = aggregate_outcomes(&outcomes);
    assert_eq!((m.runs(), m.ok(), m.failed()), (7, 3, 4));
    assert_eq!((m.budget_starved(), m.retryable()), (1, 1));
    let soft = m.soft_required();
    assert_eq!(
        (soft.runs(), soft.failed(), soft.fail_rate()),
        (3, 2, Some(0.666667))
    );
    let hard = m.hard_required();
    assert_eq!(
        (hard.runs(), hard.failed(), hard.fail_rate()),
        (1, 1, Some(1.0))
    );
    let by_provider: Vec<_> = m
        .grounded_rate_by_provider()
        .iter()
        .map(|r| (r.provider(), r.runs(), r.grounded(), r.grounded_rate()))
        .collect();
    assert_eq!(
        by_provider,
        [
            (Provider::Anthropic, 2, 1, Some(0.5)),
            (Provider::Google, 2, 1, Some(0.5)),
            (Provider::Openai, 3, 1, Some(0.333333)),
        ]
    );
    let by_mode: Vec<_> = m
        .grounded_rate_by_mode()
        .iter()
        .map(|r| (r.requested_mode(), r.runs(), r.grounded_rate()))
        .collect();
    assert_eq!(
        by_mode,
        [
            (RequestedMode::Ungrounded, 2, Some(0.5)),
            (RequestedMode::Preferred, 1, Some(1.0)),
            (RequestedMode::Required, 4, Some(0.25)),
        ]
    );
    let empty = aggregate_outcomes(&[]);
    assert_eq!(empty.soft_required().fail_rate(), None);
    assert_eq!(empty.grounded_rate_by_mode()[0].grounded_rate(), None);
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["soft_required"]["fail_rate"], json!(0.666667));
    assert_eq!(
        json["grounded_rate_by_provider"][0]["provider"],
        json!("anthropic")
    );
}
