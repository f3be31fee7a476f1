//! Properties of classification over generated response bodies:
//! REQUIRED with zero successful searches is never ok; UNGROUNDED with any
//! attempted search is never ok; classification never panics, whatever the
//! JSON; every outcome satisfies `check_run_invariants`.

use proptest::prelude::*;
use serde_json::{json, Value};
use verity::enforcement::{
    check_run_invariants, classify, classify_bytes, ClassifyOptions, EnforcementMode, Outcome,
    RequestedMode, Status, ViolationCode,
};

/// The seed's Alembic backfill, verbatim as a function:
/// `CASE WHEN REQUIRED AND tool_call_count > 0 THEN TRUE WHEN REQUIRED AND
/// tool_call_count = 0 THEN FALSE WHEN UNGROUNDED AND tool_call_count = 0
/// THEN TRUE WHEN UNGROUNDED AND tool_call_count > 0 THEN FALSE ELSE TRUE END`.
fn seed_backfill(mode: &str, tool_call_count: u64) -> bool {
    match mode {
        "REQUIRED" => tool_call_count > 0,
        "UNGROUNDED" => tool_call_count == 0,
        _ => true,
    }
}

/// A generated body with the searches it holds by construction.
#[derive(Debug, Clone)]
struct Body {
    json: Value,
    successful: u64,
    attempted: u64,
}

fn responses_body() -> impl Strategy<Value = Body> {
    let status = prop::sample::select(vec![
        "completed",
        "failed",
        "in_progress",
        "searching",
        "error",
        "ok",
    ]);
    let item = prop_oneof![
        status.prop_map(|s| (json!({"type": "web_search_call", "status": s, "action": {"type": "search", "query": "q"}}), u64::from(s == "completed"), 1)),
        Just((json!({"type": "message", "content": [{"type": "output_text", "text": "see https://a.example/x.", "annotations": []}]}), 0, 0)),
        Just((json!({"type": "reasoning", "summary": []}), 0, 0)),
        Just((json!({"type": "function_call", "name": "get_weather", "arguments": "{}"}), 0, 0)),
    ];
    (prop::collection::vec(item, 0..8), any::<bool>()).prop_map(|(items, incomplete)| {
        let successful = items.iter().map(|i| i.1).sum();
        let attempted = items.iter().map(|i| i.2).sum();
        let output: Vec<Value> = items.into_iter().map(|i| i.0).collect();
        let status = if incomplete { "incomplete" } else { "completed" };
        Body {
            json: json!({"object": "response", "model": "gpt-5", "status": status,
                         "incomplete_details": if incomplete { json!({"reason": "max_output_tokens"}) } else { Value::Null },
                         "output": output}),
            successful,
            attempted,
        }
    })
}

fn chat_body() -> impl Strategy<Value = Body> {
    (any::<bool>(), any::<bool>(), prop::sample::select(vec!["stop", "length", "tool_calls"])).prop_map(
        |(search_preview, cited, finish)| {
            let model = if search_preview { "gpt-4o-search-preview" } else { "gpt-4o" };
            let annotations = if cited {
                json!([{"type": "url_citation", "url_citation": {"url": "https://a.example/", "title": "a", "start_index": 0, "end_index": 1}}])
            } else {
                json!([])
            };
            Body {
                json: json!({"object": "chat.completion", "model": model, "choices": [
                    {"index": 0, "finish_reason": finish, "message": {"role": "assistant", "content": "x", "annotations": annotations}}]}),
                successful: u64::from(cited),
                attempted: u64::from(cited || search_preview),
            }
        },
    )
}

fn gemini_body() -> impl Strategy<Value = Body> {
    let candidate = (
        0usize..4,
        0usize..3,
        prop::collection::vec(0.0f64..=1.0, 0..3),
    );
    prop::collection::vec(candidate, 1..3).prop_map(|candidates| {
        let mut searches = 0u64;
        let list: Vec<Value> = candidates
            .into_iter()
            .map(|(queries, chunks, scores)| {
                searches += if queries > 0 { queries as u64 } else { u64::from(chunks > 0) };
                json!({"content": {"parts": [{"text": "t"}], "role": "model"}, "finishReason": "STOP",
                       "groundingMetadata": {
                           "webSearchQueries": (0..queries).map(|i| format!("q{i}")).collect::<Vec<_>>(),
                           "groundingChunks": (0..chunks).map(|i| json!({"web": {"uri": format!("https://c{i}.example/")}})).collect::<Vec<_>>(),
                           "groundingSupports": [{"confidenceScores": scores}]}})
            })
            .collect();
        Body {
            json: json!({"candidates": list, "modelVersion": "gemini-2.5-flash"}),
            successful: searches,
            attempted: searches,
        }
    })
}

fn anthropic_body() -> impl Strategy<Value = Body> {
    // 0: results, 1: error, 2: empty list, 3: no result block.
    prop::collection::vec(0u8..4, 0..5).prop_map(|searches| {
        let mut content = vec![json!({"type": "text", "text": "Let me search."})];
        let mut successful = 0;
        for (i, kind) in searches.iter().enumerate() {
            let id = format!("srvtoolu_{i}");
            content.push(json!({"type": "server_tool_use", "id": id, "name": "web_search", "input": {"query": "q"}}));
            let result = match kind {
                0 => Some(json!([{"type": "web_search_result", "url": "https://r.example/", "title": "r"}])),
                1 => Some(json!({"type": "web_search_tool_result_error", "error_code": "unavailable"})),
                2 => Some(json!([])),
                _ => None,
            };
            successful += u64::from(*kind == 0);
            if let Some(result) = result {
                content.push(json!({"type": "web_search_tool_result", "tool_use_id": id, "content": result}));
            }
        }
        Body {
            json: json!({"type": "message", "model": "claude-sonnet-4-5", "content": content, "stop_reason": "end_turn"}),
            successful,
            attempted: searches.len() as u64,
        }
    })
}

fn any_body() -> impl Strategy<Value = Body> {
    prop_oneof![
        responses_body(),
        chat_body(),
        gemini_body(),
        anthropic_body()
    ]
}

fn any_mode() -> impl Strategy<Value = RequestedMode> {
    prop::sample::select(RequestedMode::ALL.to_vec())
}

fn any_enforcement() -> impl Strategy<Value = Option<EnforcementMode>> {
    prop::option::of(prop::sample::select(vec![
        EnforcementMode::Hard,
        EnforcementMode::Soft,
    ]))
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop::sample::select(vec![
            "web_search_call",
            "completed",
            "message",
            "output_text",
            "url_citation",
            "server_tool_use",
            "web_search",
            "web_search_tool_result",
            "text",
            "MAX_TOKENS",
            "length",
            "https://x.example/",
        ])
        .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        let key = prop::sample::select(vec![
            "type",
            "status",
            "output",
            "content",
            "text",
            "annotations",
            "url",
            "choices",
            "message",
            "candidates",
            "groundingMetadata",
            "webSearchQueries",
            "groundingChunks",
            "web",
            "uri",
            "groundingSupports",
            "confidenceScores",
            "id",
            "tool_use_id",
            "name",
            "input",
            "citations",
            "usage",
            "model",
            "parts",
            "tool_calls",
            "function",
            "arguments",
            "finish_reason",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            prop::collection::btree_map(key, inner, 0..6).prop_map(|m| Value::Object(
                m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

fn options(enforcement_mode: Option<EnforcementMode>) -> ClassifyOptions {
    ClassifyOptions {
        enforcement_mode,
        ..ClassifyOptions::default()
    }
}

fn assert_invariants(outcome: &Outcome) {
    let record = serde_json::to_value(outcome).unwrap();
    assert_eq!(check_run_invariants(&record).unwrap(), []);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn counts_match_construction_and_table_holds(body in any_body(), mode in any_mode(), emode in any_enforcement()) {
        let outcome = classify(&body.json, mode, &options(emode)).unwrap();
        prop_assert_eq!(outcome.tool_call_count(), body.successful);
        prop_assert_eq!(outcome.attempted_tool_call_count(), body.attempted);
        if mode == RequestedMode::Required && body.successful == 0 {
            prop_assert_eq!(outcome.status(), Status::Failed);
            prop_assert!(!outcome.enforcement_passed());
        }
        if mode == RequestedMode::Ungrounded && body.attempted > 0 {
            prop_assert_eq!(outcome.status(), Status::Failed);
            prop_assert!(!outcome.enforcement_passed());
        }
        if mode == RequestedMode::Preferred {
            prop_assert_eq!(outcome.status(), Status::Ok);
        }
        assert_invariants(&outcome);
    }

    #[test]
    fn required_without_success_is_never_ok_and_ungrounded_with_attempts_never_ok(
        value in arbitrary_json(), wrap in 0usize..5, mode in any_mode(), emode in any_enforcement(),
    ) {
        let body = match wrap {
            0 => json!({"object": "response", "output": value}),
            1 => json!({"object": "chat.completion", "choices": value}),
            2 => json!({"candidates": value}),
            3 => json!({"type": "message", "content": value}),
            _ => value,
        };
        // Never panics; errors are typed.
        if let Ok(outcome) = classify(&body, mode, &options(emode)) {
            if mode == RequestedMode::Required && outcome.tool_call_count() == 0 {
                prop_assert_eq!(outcome.status(), Status::Failed);
            }
            if mode == RequestedMode::Ungrounded && outcome.attempted_tool_call_count() > 0 {
                prop_assert_eq!(outcome.status(), Status::Failed);
            }
            prop_assert!(outcome.attempted_tool_call_count() >= outcome.tool_call_count());
            assert_invariants(&outcome);
        }
    }

    #[test]
    fn run_invariants_agree_with_the_seed_backfill(
        mode in prop::sample::select(vec!["UNGROUNDED", "PREFERRED", "REQUIRED"]),
        tool_call_count in 0u64..4,
        passed in any::<bool>(),
    ) {
        let record = json!({"requested_mode": mode, "tool_call_count": tool_call_count,
                            "status": if passed { "ok" } else { "failed" }, "enforcement_passed": passed});
        let found = check_run_invariants(&record).unwrap();
        let flagged = found.iter().any(|v| v.code() == ViolationCode::EnforcementPassedMismatch);
        prop_assert_eq!(flagged, passed != seed_backfill(mode, tool_call_count));
        prop_assert_eq!(found.is_empty(), passed == seed_backfill(mode, tool_call_count));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256), mode in any_mode()) {
        let _ = classify_bytes(&bytes, mode, &ClassifyOptions::default());
    }

    #[test]
    fn serialised_body_classifies_like_the_value(body in any_body(), mode in any_mode()) {
        let text = serde_json::to_vec(&body.json).unwrap();
        let from_bytes = classify_bytes(&text, mode, &ClassifyOptions::default()).unwrap();
        let from_value = classify(&body.json, mode, &ClassifyOptions::default()).unwrap();
        prop_assert_eq!(from_bytes, from_value);
    }
}
