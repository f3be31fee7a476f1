//! Behaviour of the pairing engine through its public API.

use proptest::prelude::*;
use serde_json::{json, Value};
use verity::pairing::{
    compare_metrics, pair, pair_bytes, verify_contract, verify_golden, DecidedBy, Decisions,
    PairingConfig, PairingResult, Reason,
};
use verity::ErrorKind;

fn run(images: Value) -> PairingResult {
    pair(
        &json!({ "images": images }),
        &PairingConfig::default(),
        None,
    )
    .expect("pairs")
}

fn pairs_of(r: &PairingResult) -> Vec<(String, String)> {
    r.pairs()
        .iter()
        .map(|p| (p.front().to_owned(), p.back().to_owned()))
        .collect()
}

fn reason(r: &PairingResult, id: &str) -> Option<Reason> {
    r.singletons()
        .iter()
        .find(|s| s.id() == id)
        .map(|s| s.reason())
}

fn assert_contract(analysis: Value, r: &PairingResult) {
    let doc = serde_json::to_value(r).unwrap();
    let violations = verify_contract(&analysis, &doc).unwrap();
    assert!(violations.is_empty(), "{violations:?}");
}

fn shampoo(id: &str, view: &str, variant: &str, seq: i64) -> Value {
    json!({"id": id, "view": view, "brand": "Thompson", "product_name": "Hydrating Shampoo", "category": "hair",
           "packaging": "bottle", "variant": variant, "net_content": "250 ml", "sequence": seq})
}

// ---------------------------------------------------------------- pairing

#[test]
fn pairs_a_front_with_its_back_and_explains_the_score() {
    let r = run(json!([
        {"id": "f", "view": "front", "brand": "L'Oréal Paris", "product_name": "Hydrating Shampoo", "variant": "Coconut",
         "net_content": "250 ml", "colors": ["#1f3a5c", "#f2f2f2"], "sequence": 1},
        {"id": "b", "view": "back", "brand": "LOREAL PARIS", "net_content": "0.25 l", "colors": ["#203b5d", "#f0f0f0"],
         "text": "L'Oreal Paris hydrating shampoo coconut. INGREDIENTS: aqua", "sequence": 2}
    ]));
    assert_eq!(pairs_of(&r), vec![("f".into(), "b".into())]);
    let p = &r.pairs()[0];
    assert_eq!(p.decided_by(), DecidedBy::Auto);
    let f = p.features();
    assert_eq!(f.brand, Some(1.5));
    assert_eq!(f.net_content, Some(1.0));
    assert_eq!(f.cross_evidence, Some(2.0));
    assert_eq!(f.product_name, None, "missing on the back: neutral");
    assert!(p.score() > 5.0 && p.margin() == p.score());
}

#[test]
fn look_alike_variants_are_not_confused_even_out_of_order() {
    // Backs shot in the opposite order of the fronts; only the variant tells them apart.
    let r = run(json!([
        shampoo("f_coco", "front", "Coconut", 1),
        shampoo("f_argan", "front", "Argan Oil", 2),
        shampoo("b_argan", "back", "Argan Oil", 3),
        shampoo("b_coco", "back", "Coconut", 4),
    ]));
    let mut got = pairs_of(&r);
    got.sort();
    assert_eq!(
        got,
        vec![
            ("f_argan".into(), "b_argan".into()),
            ("f_coco".into(), "b_coco".into())
        ]
    );
}

#[test]
fn look_alike_sizes_are_not_confused() {
    let mut big = shampoo("f_big", "front", "Coconut", 1);
    big["net_content"] = json!("1 l");
    let mut big_back = shampoo("b_big", "back", "Coconut", 4);
    big_back["net_content"] = json!("1000 ml");
    let r = run(json!([
        big,
        shampoo("f_small", "front", "Coconut", 2),
        shampoo("b_small", "back", "Coconut", 3),
        big_back
    ]));
    let mut got = pairs_of(&r);
    got.sort();
    assert_eq!(
        got,
        vec![
            ("f_big".into(), "b_big".into()),
            ("f_small".into(), "b_small".into())
        ]
    );
}

#[test]
fn different_known_brands_never_pair() {
    let r = run(json!([
        {"id": "f", "view": "front", "brand": "Thompson", "product_name": "Hydrating Shampoo", "sequence": 1},
        {"id": "b", "view": "back", "brand": "Nivea", "product_name": "Hydrating Shampoo", "sequence": 2}
    ]));
    assert!(r.pairs().is_empty());
    assert_eq!(reason(&r, "f"), Some(Reason::BrandConflict));
    assert_eq!(reason(&r, "b"), Some(Reason::BrandConflict));
}

#[test]
fn equal_valid_barcodes_are_decisive_and_different_ones_block() {
    let r = run(json!([
        {"id": "f", "view": "front", "barcode": "5012345678900", "sequence": 1},
        {"id": "b", "view": "back", "barcode": "5012345678900", "sequence": 9},
        {"id": "f2", "view": "front", "brand": "Acme", "product_name": "Soap", "barcode": "4006381333931", "sequence": 20},
        {"id": "b2", "view": "back", "brand": "Acme", "product_name": "Soap", "barcode": "5012345678900", "sequence": 21}
    ]));
    assert_eq!(pairs_of(&r), vec![("f".into(), "b".into())]);
    assert_eq!(r.pairs()[0].features().barcode, Some(5.0));
    assert_eq!(reason(&r, "f2"), Some(Reason::BarcodeConflict));
}

#[test]
fn capture_order_alone_never_pairs() {
    let r = run(
        json!([{"id": "f", "view": "front", "sequence": 1}, {"id": "b", "view": "back", "sequence": 2}]),
    );
    assert!(r.pairs().is_empty());
    assert_eq!(reason(&r, "f"), Some(Reason::CaptureOnly));
}

#[test]
fn assignment_is_globally_optimal_not_greedy() {
    // f1 likes both backs; f2 only fits b1. Greedy gives f1 the best (b1) and strands f2.
    let r = run(json!([
        {"id": "f1", "view": "front", "brand": "Acme", "product_name": "Body Lotion", "sequence": 1},
        {"id": "b1", "view": "back", "brand": "Acme", "product_name": "Body Lotion", "net_content": "250 ml", "sequence": 2},
        {"id": "f2", "view": "front", "brand": "Acme", "product_name": "Body Lotion", "net_content": "250 ml", "variant": "Mint", "sequence": 3},
        {"id": "b2", "view": "back", "brand": "Acme", "product_name": "Body Lotion", "net_content": "400 ml", "sequence": 4}
    ]));
    let mut got = pairs_of(&r);
    got.sort();
    assert_eq!(
        got,
        vec![("f1".into(), "b2".into()), ("f2".into(), "b1".into())]
    );
}

#[test]
fn missing_fields_are_neutral() {
    let full = run(json!([
        shampoo("f", "front", "Coconut", 1),
        shampoo("b", "back", "Coconut", 2)
    ]));
    let sparse = run(
        json!([shampoo("f", "front", "Coconut", 1), {"id": "b", "view": "back", "brand": "Thompson", "product_name": "Hydrating Shampoo", "sequence": 2}]),
    );
    let (f, s) = (full.pairs()[0].features(), sparse.pairs()[0].features());
    assert_eq!(s.variant, None);
    assert_eq!(s.net_content, None);
    assert_eq!(f.brand, s.brand);
}

// ---------------------------------------------------------------- tie-breaks

fn twins() -> Value {
    json!({"images": [
        {"id": "f1", "view": "front", "brand": "Acme", "product_name": "Body Lotion"},
        {"id": "f2", "view": "front", "brand": "Acme", "product_name": "Body Lotion"},
        {"id": "b1", "view": "back", "brand": "Acme", "product_name": "Body Lotion"},
        {"id": "b2", "view": "back", "brand": "Acme", "product_name": "Body Lotion"}
    ]})
}

#[test]
fn ambiguous_fronts_become_tiebreaks_with_ranked_candidates() {
    let analysis = twins();
    let r = pair(&analysis, &PairingConfig::default(), None).unwrap();
    assert!(r.pairs().is_empty() && r.singletons().is_empty());
    let fronts: Vec<&str> = r.tiebreaks().iter().map(|t| t.front()).collect();
    assert_eq!(fronts, vec!["f1", "f2"]);
    let backs: Vec<&str> = r.tiebreaks()[0]
        .candidates()
        .iter()
        .map(|c| c.back())
        .collect();
    assert_eq!(backs, vec!["b1", "b2"]);
    assert_eq!(r.metrics().totals().tiebreaks, 2);
    assert_contract(analysis, &r);
}

#[test]
fn host_decisions_become_model_pairs() {
    let analysis = twins();
    let decisions = Decisions::from_value(
        &json!({"decisions": [{"front": "f1", "back": "b2"}, {"front": "f2", "back": null}]}),
    )
    .unwrap();
    let r = pair(&analysis, &PairingConfig::default(), Some(&decisions)).unwrap();
    assert_eq!(pairs_of(&r), vec![("f1".into(), "b2".into())]);
    assert_eq!(r.pairs()[0].decided_by(), DecidedBy::Model);
    assert_eq!(reason(&r, "f2"), Some(Reason::ModelDeclined));
    assert_eq!(reason(&r, "b1"), Some(Reason::Ambiguous));
    assert_eq!(r.metrics().totals().model_pairs, 1);
    assert_contract(analysis, &r);
}

#[test]
fn conflicting_decisions_do_not_double_book_a_back() {
    let analysis = twins();
    let decisions = Decisions::from_value(
        &json!({"decisions": [{"front": "f1", "back": "b1"}, {"front": "f2", "back": "b1"}]}),
    )
    .unwrap();
    let r = pair(&analysis, &PairingConfig::default(), Some(&decisions)).unwrap();
    assert_eq!(pairs_of(&r), vec![("f1".into(), "b1".into())]);
    assert_eq!(reason(&r, "f2"), Some(Reason::DecisionConflict));
    assert_contract(analysis, &r);
}

#[test]
fn decisions_must_answer_an_open_tiebreak() {
    let analysis = twins();
    let cases = [
        (
            json!([{"front": "nope", "back": "b1"}]),
            "$.decisions[0].front",
        ),
        (
            json!([{"front": "f1", "back": "f2"}]),
            "$.decisions[0].back",
        ),
        (
            json!([{"front": "b1", "back": null}]),
            "$.decisions[0].front",
        ),
    ];
    for (list, path) in cases {
        let d = Decisions::from_value(&json!({ "decisions": list })).unwrap();
        let e = pair(&analysis, &PairingConfig::default(), Some(&d)).unwrap_err();
        assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidInput, path), "{e}");
    }
    let e = Decisions::from_value(
        &json!({"decisions": [{"front": "f1"}, {"front": "f1", "back": "b1"}]}),
    )
    .unwrap_err();
    assert_eq!(e.path(), "$.decisions[1].front");
    let e = Decisions::from_value(&json!({"decisions": [{"front": 3}]})).unwrap_err();
    assert_eq!(e.path(), "$.decisions[0].front");
}

#[test]
fn safe_mode_falls_back_to_ambiguous_singletons() {
    let analysis = twins();
    let config = PairingConfig::from_env([("PAIR_DISABLE_TIEBREAK", "1")]).unwrap();
    let r = pair(&analysis, &config, None).unwrap();
    assert!(r.tiebreaks().is_empty() && r.pairs().is_empty());
    assert!(
        r.singletons()
            .iter()
            .all(|s| s.reason() == Reason::Ambiguous),
        "{:?}",
        r.singletons()
    );
    assert_eq!(r.singletons().len(), 4);
    assert_contract(analysis, &r);
}

// ---------------------------------------------------------------- extras, unknown views, thresholds

#[test]
fn extras_attach_to_their_pair_and_strays_are_singletons() {
    let analysis = json!([
        shampoo("f", "front", "Coconut", 1),
        shampoo("b", "back", "Coconut", 2),
        {"id": "side", "view": "side", "brand": "Thompson", "product_name": "Hydrating Shampoo", "sequence": 3},
        {"id": "other", "view": "detail", "brand": "Nivea", "sequence": 4},
        {"id": "u", "view": "unknown", "sequence": 5}
    ]);
    let r = pair(&analysis, &PairingConfig::default(), None).unwrap();
    assert_eq!(r.pairs()[0].extras(), ["side".to_owned()]);
    assert_eq!(reason(&r, "other"), Some(Reason::UnattachedExtra));
    assert_eq!(reason(&r, "u"), Some(Reason::UnknownView));
    assert_eq!(r.metrics().totals().extras_attached, 1);
    assert_contract(analysis, &r);
}

#[test]
fn category_thresholds_and_packaging_boosts_apply() {
    let analysis = json!([
        {"id": "f", "view": "front", "brand": "Acme", "category": "hair", "packaging": "jar", "sequence": 1},
        {"id": "b", "view": "back", "brand": "Acme", "category": "hair", "packaging": "jar", "sequence": 2}
    ]);
    // brand 1.5 + category 0.3 + packaging 0.4 + capture 0.6 ≈ 2.8
    let strict =
        PairingConfig::from_value(&json!({"category_auto_pair_score": {"hair": 3.5}})).unwrap();
    assert!(pair(&analysis, &strict, None).unwrap().pairs().is_empty());
    let boosted = strict
        .with_value(&json!({"packaging_boosts": {"jar": 1.2}}))
        .unwrap();
    let r = pair(&analysis, &boosted, None).unwrap();
    assert_eq!(r.pairs().len(), 1);
    assert_eq!(r.pairs()[0].features().packaging, Some(1.6));
    let env = PairingConfig::from_env([("PAIR_AUTO_HAIR_SCORE", "3.5")]).unwrap();
    assert_eq!(
        reason(&pair(&analysis, &env, None).unwrap(), "f"),
        Some(Reason::BelowThreshold)
    );
}

#[test]
fn chunking_keeps_pairs_across_chunk_boundaries() {
    let mut images = Vec::new();
    for i in 0..40 {
        images.push(json!({"id": format!("f{i:02}"), "view": "front", "brand": "Acme", "product_name": format!("Product {i}"), "net_content": format!("{} ml", 100 + i * 10), "sequence": i}));
    }
    for i in 0..40 {
        // Backs arrive as a block after all fronts, in reverse order.
        images.push(json!({"id": format!("b{i:02}"), "view": "back", "brand": "Acme", "product_name": format!("Product {i}"), "net_content": format!("{} ml", 100 + i * 10), "sequence": 100 - i}));
    }
    let analysis = json!(images);
    let small = PairingConfig::from_env([("PAIR_BATCH_MAX_CHUNK", "8")]).unwrap();
    let whole = pair(&analysis, &PairingConfig::default(), None).unwrap();
    let chunked = pair(&analysis, &small, None).unwrap();
    assert_eq!(whole.pairs().len(), 40);
    assert_eq!(pairs_of(&chunked), pairs_of(&whole));
    assert!(chunked
        .pairs()
        .iter()
        .all(|p| p.front()[1..] == p.back()[1..]));
}

// ---------------------------------------------------------------- output contract

#[test]
fn output_is_deterministic_bytes_with_the_spec_shape() {
    let analysis = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/golden/analysis.json"
    ))
    .unwrap();
    let a = pair_bytes(&analysis, &PairingConfig::default(), None).unwrap();
    let b = pair_bytes(&analysis, &PairingConfig::default(), None).unwrap();
    assert_eq!(a.to_json_bytes(), b.to_json_bytes());
    let v = serde_json::to_value(&a).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "config",
            "engine_version",
            "metrics",
            "pairs",
            "singletons",
            "tiebreaks"
        ]
    );
    let pair_keys: Vec<&String> = v["pairs"][0].as_object().unwrap().keys().collect();
    assert_eq!(
        pair_keys,
        [
            "back",
            "decided_by",
            "extras",
            "features",
            "front",
            "margin",
            "score"
        ]
    );
    let fronts: Vec<&str> = a.pairs().iter().map(|p| p.front()).collect();
    let mut sorted = fronts.clone();
    sorted.sort_unstable();
    assert_eq!(fronts, sorted, "pairs are ordered by front id");
    for p in a.pairs() {
        assert_eq!((p.score() * 10_000.0).round() / 10_000.0, p.score());
    }
}

#[test]
fn verify_contract_reports_tampering() {
    let analysis = json!([
        shampoo("f", "front", "Coconut", 1),
        shampoo("b", "back", "Coconut", 2),
        {"id": "n", "view": "back", "brand": "Nivea", "sequence": 3}
    ]);
    let r = pair(&analysis, &PairingConfig::default(), None).unwrap();
    let clean = serde_json::to_value(&r).unwrap();
    assert!(verify_contract(&analysis, &clean).unwrap().is_empty());

    let codes = |doc: &Value| -> Vec<String> {
        verify_contract(&analysis, doc)
            .unwrap()
            .iter()
            .map(|v| v.code().to_owned())
            .collect()
    };
    let mut cross = clean.clone();
    cross["pairs"][0]["back"] = json!("n");
    cross["singletons"] = json!([{"id": "b", "view": "back", "reason": "outcompeted"}]);
    let c = codes(&cross);
    assert!(c.contains(&"cross_brand".to_owned()), "{c:?}");
    assert!(c.contains(&"metrics_mismatch".to_owned()), "{c:?}");

    let mut missing = clean.clone();
    missing["singletons"] = json!([]);
    assert!(codes(&missing).contains(&"missing_image".to_owned()));

    let mut twice = clean.clone();
    twice["singletons"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "f", "view": "front", "reason": "no_candidate"}));
    assert!(codes(&twice).contains(&"duplicate_image".to_owned()));

    let mut low = clean.clone();
    low["pairs"][0]["score"] = json!(0.5);
    assert_eq!(codes(&low), vec!["below_threshold"]);

    let mut views = clean;
    views["pairs"][0]["front"] = json!("b");
    views["pairs"][0]["back"] = json!("f");
    assert!(codes(&views).contains(&"pair_views".to_owned()));

    let e = verify_contract(&analysis, &json!({"pairs": []})).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingField);
}

#[test]
fn metrics_compare_two_runs() {
    let analysis = twins();
    let before = pair(&analysis, &PairingConfig::default(), None).unwrap();
    let d = Decisions::from_value(
        &json!({"decisions": [{"front": "f1", "back": "b1"}, {"front": "f2", "back": "b2"}]}),
    )
    .unwrap();
    let after = pair(&analysis, &PairingConfig::default(), Some(&d)).unwrap();
    let changes = compare_metrics(
        &serde_json::to_value(before.metrics()).unwrap(),
        &serde_json::to_value(after.metrics()).unwrap(),
    );
    let pairs = changes.iter().find(|c| c.path == "$.totals.pairs").unwrap();
    assert_eq!(
        (pairs.before, pairs.after, pairs.delta),
        (Some(0.0), Some(2.0), Some(2.0))
    );
    assert!(changes.iter().any(|c| c.path == "$.pair_rate"));
    assert!(changes.iter().all(|c| c.path != "$.totals.images"));
}

#[test]
fn golden_dataset_still_holds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/golden/");
    let read = |name: &str| -> Value {
        serde_json::from_slice(&std::fs::read(format!("{dir}{name}")).unwrap()).unwrap()
    };
    let diffs = verify_golden(
        &read("analysis.json"),
        &read("pairing-expected.json"),
        &read("metrics-expected.json"),
        &PairingConfig::default(),
    )
    .unwrap();
    assert!(diffs.is_empty(), "golden drifted (regenerate with `cargo run -p verity-benches --example pairing_golden` if intended):\n{}", diffs.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"));
    let mut expected = read("pairing-expected.json");
    expected["pairs"][0]["score"] = json!(-1.0);
    let diffs = verify_golden(
        &read("analysis.json"),
        &expected,
        &read("metrics-expected.json"),
        &PairingConfig::default(),
    )
    .unwrap();
    assert_eq!(diffs.len(), 1);
    assert!(diffs[0].path.ends_with("].score"), "{}", diffs[0]);
}

// ---------------------------------------------------------------- bad input

#[test]
fn bad_input_is_a_typed_error_naming_image_and_field() {
    let cases: Vec<(Value, ErrorKind, &str, &str)> = vec![
        (
            json!({"images": []}),
            ErrorKind::InvalidInput,
            "$.images",
            "empty",
        ),
        (json!([]), ErrorKind::InvalidInput, "$", "empty"),
        (json!("images"), ErrorKind::UnknownShape, "$", "array"),
        (
            json!({"photos": []}),
            ErrorKind::MissingField,
            "$.images",
            "",
        ),
        (
            json!({"images": {}}),
            ErrorKind::InvalidInput,
            "$.images",
            "array",
        ),
        (
            json!([{"id": "a", "view": "front"}, {"id": "a", "view": "back"}]),
            ErrorKind::InvalidInput,
            "$[1].id",
            "duplicate",
        ),
        (
            json!([{"view": "front"}]),
            ErrorKind::MissingField,
            "$[0].id",
            "image 0",
        ),
        (
            json!([{"id": 7, "view": "front"}]),
            ErrorKind::InvalidInput,
            "$[0].id",
            "string",
        ),
        (
            json!([{"id": "a"}]),
            ErrorKind::MissingField,
            "$[0].view",
            "\"a\"",
        ),
        (
            json!([{"id": "a", "view": "top"}]),
            ErrorKind::InvalidInput,
            "$[0].view",
            "unknown view",
        ),
        (
            json!([{"id": "a", "view": "front", "brand": 3}]),
            ErrorKind::InvalidInput,
            "$[0].brand",
            "image 0 (id \"a\")",
        ),
        (
            json!([{"id": "a", "view": "front", "colors": ["#fff000", "blue"]}]),
            ErrorKind::InvalidInput,
            "$[0].colors[1]",
            "#rrggbb",
        ),
        (
            json!([{"id": "a", "view": "front", "colors": "#ffffff"}]),
            ErrorKind::InvalidInput,
            "$[0].colors",
            "array",
        ),
        (
            json!([{"id": "a", "view": "front", "barcode": "50123X5678900"}]),
            ErrorKind::InvalidInput,
            "$[0].barcode",
            "GTIN",
        ),
        (
            json!([{"id": "a", "view": "front", "barcode": 5012345678900u64}]),
            ErrorKind::InvalidInput,
            "$[0].barcode",
            "string",
        ),
        (
            json!([{"id": "a", "view": "front", "barcode": "12345"}]),
            ErrorKind::InvalidInput,
            "$[0].barcode",
            "GTIN",
        ),
        (
            json!([{"id": "a", "view": "front", "sequence": 1.5}]),
            ErrorKind::InvalidInput,
            "$[0].sequence",
            "integer",
        ),
        (
            json!([{"id": "a", "view": "front", "captured_at": "yesterday"}]),
            ErrorKind::InvalidInput,
            "$[0].captured_at",
            "RFC 3339",
        ),
        (
            json!([{"id": "a", "view": "front", "view_confidence": 1.5}]),
            ErrorKind::InvalidInput,
            "$[0].view_confidence",
            "0..1",
        ),
        (
            json!([{"id": "a", "view": "front"}, 4]),
            ErrorKind::InvalidInput,
            "$[1]",
            "object",
        ),
    ];
    for (doc, kind, path, fragment) in cases {
        let e = pair(&doc, &PairingConfig::default(), None).unwrap_err();
        assert_eq!((e.kind(), e.path()), (kind, path), "{doc}: {e}");
        assert!(
            e.message().contains(fragment),
            "{e} should mention {fragment:?}"
        );
    }
    let e = pair(&json!({"images": [{"id": "ok", "view": "front"}, {"id": "x", "view": "back", "brand": ["a"]}]}), &PairingConfig::default(), None).unwrap_err();
    assert_eq!(e.path(), "$.images[1].brand");
    assert!(e.message().contains("image 1 (id \"x\")"));
    let e = pair_bytes(b"{\"images\": [", &PairingConfig::default(), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidJson);
}

#[test]
fn bad_config_names_the_key() {
    for (doc, path) in [
        (json!({"auto_pair": 2}), "$.auto_pair"),
        (json!({"auto_pair_score": -0.1}), "$.auto_pair_score"),
        (json!({"min_margin": "high"}), "$.min_margin"),
        (
            json!({"packaging_boosts": {"jar": -1}}),
            "$.packaging_boosts.jar",
        ),
        (json!({"disable_tiebreak": 1}), "$.disable_tiebreak"),
    ] {
        let e = PairingConfig::from_value(&doc).unwrap_err();
        assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidConfig, path));
    }
}

// ---------------------------------------------------------------- properties

fn arb_image(i: usize) -> impl Strategy<Value = Value> {
    let brands = prop::sample::select(vec![
        "Acme",
        "ACME Inc.",
        "Acne",
        "Nivea",
        "Thompson",
        "Thornpson",
    ]);
    let names = prop::sample::select(vec!["Body Lotion", "Hand Cream", "Body Lotlon", "Shampoo"]);
    let variants = prop::sample::select(vec!["Mint", "Coconut", "Mlnt"]);
    let sizes = prop::sample::select(vec!["250 ml", "0.25 l", "400 ml", "60 capsules"]);
    let views = prop::sample::select(vec!["front", "back", "back", "front", "side", "unknown"]);
    let barcodes = prop::sample::select(vec!["5012345678900", "4006381333931", "5012345678901"]);
    (
        views,
        prop::option::of(brands),
        prop::option::of(names),
        prop::option::of(variants),
        prop::option::of(sizes),
        prop::option::of(0i64..30),
        prop::option::of(barcodes),
    )
        .prop_map(move |(view, brand, name, variant, size, seq, barcode)| {
            let mut m = serde_json::Map::new();
            m.insert("id".into(), json!(format!("img{i}")));
            m.insert("view".into(), json!(view));
            for (k, v) in [
                ("brand", brand),
                ("product_name", name),
                ("variant", variant),
                ("net_content", size),
                ("barcode", barcode),
            ] {
                if let Some(v) = v {
                    m.insert(k.into(), json!(v));
                }
            }
            if let Some(s) = seq {
                m.insert("sequence".into(), json!(s));
            }
            Value::Object(m)
        })
}

fn arb_batch() -> impl Strategy<Value = Value> {
    (1usize..14)
        .prop_flat_map(|n| (0..n).map(arb_image).collect::<Vec<_>>())
        .prop_map(|v| json!(v))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn any_batch_keeps_the_contract(analysis in arb_batch(), safe in any::<bool>(), chunk in 2usize..6) {
        let config = PairingConfig::from_value(&json!({"disable_tiebreak": safe, "batch_max_chunk": chunk})).unwrap();
        let r = pair(&analysis, &config, None).unwrap();
        let doc = serde_json::to_value(&r).unwrap();
        let violations = verify_contract(&analysis, &doc).unwrap();
        prop_assert!(violations.is_empty(), "{:?}", violations);
        if safe {
            prop_assert!(r.tiebreaks().is_empty());
        }
        let again = pair(&analysis, &config, None).unwrap();
        prop_assert_eq!(r.to_json_bytes(), again.to_json_bytes());
    }
}
