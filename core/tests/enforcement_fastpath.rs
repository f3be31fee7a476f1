//! The bytes fast path (`classify_bytes_typed`, typed views straight from
//! the bytes) against the `Value` path (`json::parse` + `classify`): over
//! every recorded response, every enforcement vector and generated and
//! mutated bodies, the fast path either declines or yields the very same
//! outcome bytes, and `classify_bytes` always answers exactly as the
//! `Value` path (outcome or error, kind, path and message).

mod support;

use proptest::prelude::*;
use serde_json::Value;
use support::{json_files, tests_dir, vectors};
use verity::enforcement::{
    classify, classify_bytes, classify_bytes_typed, parse_api, ClassifyOptions, EnforcementMode,
    RequestedMode,
};

fn value_path(
    body: &[u8],
    mode: RequestedMode,
    options: &ClassifyOptions,
) -> Result<Vec<u8>, String> {
    verity::json::parse(body)
        .and_then(|v| classify(&v, mode, options))
        .map(|o| serde_json::to_vec(&o).expect("outcomes serialise"))
        .map_err(|e| format!("{e:?}"))
}

/// Asserts agreement; returns whether the fast path answered.
fn assert_agree(body: &[u8], mode: RequestedMode, options: &ClassifyOptions) -> bool {
    let slow = value_path(body, mode, options);
    let fast = classify_bytes_typed(body, mode, options).map(|o| serde_json::to_vec(&o).unwrap());
    let text = String::from_utf8_lossy(body);
    if let Some(fast) = &fast {
        let slow = slow.as_ref().unwrap_or_else(|e| {
            panic!("fast path answered where the Value path fails ({e}): {options:?} {text}")
        });
        assert_eq!(
            String::from_utf8_lossy(fast),
            String::from_utf8_lossy(slow),
            "{mode:?} {options:?} {text}"
        );
    }
    let public = classify_bytes(body, mode, options)
        .map(|o| serde_json::to_vec(&o).unwrap())
        .map_err(|e| format!("{e:?}"));
    assert_eq!(public, slow, "{mode:?} {options:?} {text}");
    fast.is_some()
}

fn fixture_files() -> Vec<std::path::PathBuf> {
    let root = tests_dir().join("fixtures/responses");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&root).expect("fixtures dir") {
        let dir = entry.expect("entry").path();
        if dir.is_dir() {
            files.extend(json_files(&dir));
        }
    }
    files.sort();
    files
}

fn option_grid() -> Vec<ClassifyOptions> {
    let mut grid = Vec::new();
    let apis = [
        None,
        Some("openai_responses"),
        Some("openai_chat"),
        Some("gemini"),
        Some("anthropic_messages"),
    ];
    let tools: [&[&str]; 2] = [
        &[],
        &["web_search", "search", "google_search", "search_web"],
    ];
    for api in apis {
        for enforcement_mode in [
            None,
            Some(EnforcementMode::Hard),
            Some(EnforcementMode::Soft),
        ] {
            for (model, max_output_tokens) in [
                (None, None),
                (Some("gpt-4o-search-preview"), Some(1)),
                (Some("claude-opus-4"), Some(1_000_000)),
            ] {
                for tools in tools {
                    grid.push(ClassifyOptions {
                        enforcement_mode,
                        model: model.map(str::to_owned),
                        max_output_tokens,
                        search_tool_names: tools.iter().map(|t| (*t).to_owned()).collect(),
                        api: api.map(|a| parse_api(a).unwrap()),
                        ..ClassifyOptions::default()
                    });
                }
            }
        }
    }
    grid
}

#[test]
fn every_fixture_takes_the_fast_path_with_identical_outcomes() {
    let files = fixture_files();
    assert!(files.len() >= 30, "found {} fixtures", files.len());
    let grid = option_grid();
    for file in &files {
        let body = std::fs::read(file).unwrap();
        let compact = serde_json::to_vec(&serde_json::from_slice::<Value>(&body).unwrap()).unwrap();
        for mode in RequestedMode::ALL {
            for options in &grid {
                let fast = assert_agree(&body, mode, options);
                assert_agree(&compact, mode, options);
                if options.api.is_none() {
                    assert!(fast, "{} declined the fast path", file.display());
                }
            }
        }
    }
}

/// The vector's options; `None` for vectors about invalid options.
fn vector_options(args: &Value) -> Option<ClassifyOptions> {
    let text = |key: &str| args.get(key).and_then(Value::as_str).map(str::to_owned);
    let enforcement_mode = match text("enforcement_mode") {
        Some(s) => Some(EnforcementMode::parse(&s).ok()?),
        None => None,
    };
    let api = match text("api") {
        Some(s) => Some(parse_api(&s).ok()?),
        None => None,
    };
    Some(ClassifyOptions {
        enforcement_mode,
        model: text("model"),
        max_output_tokens: args.get("max_output_tokens").and_then(Value::as_u64),
        search_tool_names: args
            .get("search_tool_names")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default(),
        api,
        ..ClassifyOptions::default()
    })
}

#[test]
fn every_enforcement_vector_input_agrees() {
    let mut ran = 0;
    for file in vectors::module_files("enforcement") {
        for case in vectors::cases(&file) {
            if case["op"] != "classify" {
                continue;
            }
            let args = vectors::substitute_fixtures(&case["args"]);
            let Some(mode) = args["mode"]
                .as_str()
                .and_then(|m| RequestedMode::parse(m).ok())
            else {
                continue;
            };
            let Some(options) = vector_options(&args) else {
                continue;
            };
            let body = match &args["response"] {
                Value::String(text) => text.clone().into_bytes(),
                value => serde_json::to_vec_pretty(value).unwrap(),
            };
            for mode in [mode, RequestedMode::Required, RequestedMode::Ungrounded] {
                assert_agree(&body, mode, &options);
            }
            ran += 1;
        }
    }
    assert!(ran >= 40, "only {ran} classify vectors");
}

#[test]
fn unusual_input_declines_the_fast_path_and_keeps_the_value_paths_error() {
    let options = ClassifyOptions::default();
    let mode = RequestedMode::Required;
    let cases: [&[u8]; 11] = [
        br#"["response", null, null, null, null, null, null, null, []]"#,
        br#"[]"#,
        br#"{"object":"response","output":[],"x":"\ud800"}"#,
        br#"{"object":"response","output":[],"x":1e400}"#,
        br#"{"object":"response","output":[],"x":[1e999]}"#,
        b"{\"object\":\"response\",\"output\":[],\"x\":\"\xff\"}",
        br#"{"object":"response","output":{"0":{}}}"#,
        br#"{"object":"response","output":[[null, "message"]]}"#,
        br#"{"object":"response","output":[],"output":[{"type":"web_search_call","status":"completed"}]}"#,
        br#"{"candidates":[{"groundingMetadata":{"groundingSupports":[{"confidenceScores":[1.5]}]}}]}"#,
        br#"{"object":"response","output":[]} x"#,
    ];
    for body in cases {
        assert!(
            classify_bytes_typed(body, mode, &options).is_none(),
            "{}",
            String::from_utf8_lossy(body)
        );
        assert_agree(body, mode, &options);
    }
    // Over the JSON limits: declined, and the limits error comes first.
    let nested = |n: usize| {
        format!(
            r#"{{"object":"response","output":[],"x":{}1{}}}"#,
            "[".repeat(n),
            "]".repeat(n)
        )
    };
    let (deep, deeper) = (nested(127), nested(128));
    let large = format!(
        r#"{{"object":"response","output":[],"x":"{}"}}"#,
        "a".repeat(8 << 20)
    );
    assert!(classify_bytes_typed(deep.as_bytes(), mode, &options).is_some());
    for body in [&deeper, &large] {
        assert!(classify_bytes_typed(body.as_bytes(), mode, &options).is_none());
        assert_agree(body.as_bytes(), mode, &options);
    }
    let kinds = [deeper, large].map(|b| {
        classify_bytes(b.as_bytes(), mode, &options)
            .unwrap_err()
            .kind()
    });
    assert_eq!(
        kinds,
        [verity::ErrorKind::TooDeep, verity::ErrorKind::TooLarge]
    );
    // Escaped text and exponents of ordinary size stay on the fast path.
    let ok = br#"{"object":"response","output":[{"type":"message","content":[{"type":"output_text","text":"a\n\"b\" \u00e9"}]}],"usage":{"x":1.5e-7}}"#;
    assert!(classify_bytes_typed(ok, mode, &options).is_some());
    assert_agree(ok, mode, &options);
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0.0f64..=1.0).prop_map(Value::from),
        prop::sample::select(vec![
            "completed",
            "message",
            "output_text",
            "url_citation",
            "text",
            "web_search",
            "web_search_call",
            "function_call",
            "server_tool_use",
            "web_search_tool_result",
            "web_search_result",
            "tool_use",
            "MAX_TOKENS",
            "length",
            "max_tokens",
            "incomplete",
            "search",
            "https://x.example/a",
            "{\"query\":\"q\"}",
            "é\n\"",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "type",
                    "text",
                    "url",
                    "uri",
                    "status",
                    "name",
                    "query",
                    "content",
                    "web",
                    "annotations",
                    "citations",
                    "url_citation",
                    "arguments",
                    "id",
                    "tool_use_id",
                ]),
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

/// Items of every fixture's lists, by list key, plus hand-made edge items.
fn item_pool() -> Vec<(&'static str, Vec<Value>)> {
    let mut pool: Vec<(&str, Vec<Value>)> = ["output", "choices", "candidates", "content"]
        .into_iter()
        .map(|k| (k, Vec::new()))
        .collect();
    for file in fixture_files() {
        let body: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        for (key, items) in &mut pool {
            if let Some(list) = body.get(*key).and_then(Value::as_array) {
                items.extend(list.iter().cloned());
            }
        }
    }
    let extra = serde_json::json!({
        "output": [{"type": "message", "content": [{"type": "output_text", "text": "see https://m.example/.", "annotations": [{"type": "file_citation", "url": "https://not.example/"}, {"type": "url_citation", "url": "https://m.example/"}]}, {"type": "refusal", "text": "no"}]},
                   {"type": "function_call", "name": "search", "arguments": "{\"queries\":[\"a\",\"b\"]}", "status": "incomplete"}],
        "choices": [{"finish_reason": "length", "message": {"content": [{"type": "text", "text": "part"}, {"type": "image_url"}], "tool_calls": [{"function": {"name": "web_search", "arguments": {"query": "q"}}}], "function_call": {"name": "search", "arguments": "x"}}}],
        "candidates": [{"finishReason": "MAX_TOKENS", "content": {"parts": [{"text": "thinking", "thought": true}, {"functionCall": {"name": "search", "args": {"query": "g"}}}]}, "citationMetadata": {"citationSources": [{"uri": "https://s.example/"}], "citations": [{"uri": "https://v.example/"}]}}],
        "content": [{"type": "text", "text": "a", "citations": [{"type": "char_location"}, {"url": "https://t.example/"}]}, {"type": "tool_use", "name": "search", "input": {"queries": ["x"]}}, {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_x", "content": {"type": "web_search_tool_result_error"}}]
    });
    for (key, items) in &mut pool {
        items.extend(extra[*key].as_array().unwrap().iter().cloned());
    }
    pool
}

/// Every JSON pointer in `value`.
fn pointers(value: &Value, at: String, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| pointers(v, format!("{at}/{k}"), into)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| pointers(v, format!("{at}/{i}"), into)),
        _ => {}
    }
    into.push(at);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    /// A fixture with one value anywhere replaced by a generated one.
    #[test]
    fn mutated_fixtures_agree(file in 0usize..64, at in any::<prop::sample::Index>(), value in any_value(),
                              mode in prop::sample::select(RequestedMode::ALL.to_vec()), tools in any::<bool>()) {
        let files = fixture_files();
        let mut body: Value = serde_json::from_slice(&std::fs::read(&files[file % files.len()]).unwrap()).unwrap();
        let mut all = Vec::new();
        pointers(&body, String::new(), &mut all);
        let pointer = at.get(&all).clone();
        match body.pointer_mut(&pointer) {
            Some(slot) if !pointer.is_empty() => *slot = value,
            _ => body = value,
        }
        let options = ClassifyOptions {
            search_tool_names: if tools { vec!["search".to_owned(), "web_search".to_owned()] } else { Vec::new() },
            ..ClassifyOptions::default()
        };
        assert_agree(&serde_json::to_vec(&body).unwrap(), mode, &options);
    }

    /// A fixture whose item list (`output`, `choices`, `candidates` or
    /// `content`) is rebuilt from items of every fixture of that list, in any
    /// order and number (several messages, searches, results, candidates),
    /// then has one value replaced by a generated one.
    #[test]
    fn recombined_fixtures_agree(file in 0usize..64, picks in prop::collection::vec(any::<prop::sample::Index>(), 0..7),
                                 at in any::<prop::sample::Index>(), value in any_value(), mutate in any::<bool>(),
                                 mode in prop::sample::select(RequestedMode::ALL.to_vec()), tools in any::<bool>()) {
        let pool = item_pool();
        let files = fixture_files();
        let mut body: Value = serde_json::from_slice(&std::fs::read(&files[file % files.len()]).unwrap()).unwrap();
        for (key, items) in &pool {
            if body.get(key).is_some_and(Value::is_array) {
                body[key] = picks.iter().map(|p| p.get(items).clone()).collect();
            }
        }
        if mutate {
            let mut all = Vec::new();
            pointers(&body, String::new(), &mut all);
            let pointer = at.get(&all).clone();
            if let Some(slot) = body.pointer_mut(&pointer).filter(|_| !pointer.is_empty()) {
                *slot = value;
            }
        }
        let options = ClassifyOptions {
            search_tool_names: if tools { vec!["search".to_owned(), "web_search".to_owned()] } else { Vec::new() },
            ..ClassifyOptions::default()
        };
        let answered = assert_agree(&serde_json::to_vec(&body).unwrap(), mode, &options);
        // Recombined well-formed bodies stay on the fast path.
        prop_assert!(answered || mutate);
    }

    /// A fixture's text with a few bytes spliced in.
    #[test]
    fn spliced_fixture_text_agrees(file in 0usize..64, at in any::<prop::sample::Index>(),
                                   splice in prop::sample::select(vec!["\\ud83d", "1e400", "[", "}", ",", "\"", "\\", "-0", "\u{0}", "null", "9".repeat(320).leak()])) {
        let files = fixture_files();
        let mut body = std::fs::read(&files[file % files.len()]).unwrap();
        let index = at.index(body.len() + 1);
        body.splice(index..index, splice.bytes());
        assert_agree(&body, RequestedMode::Required, &ClassifyOptions::default());
    }
}
