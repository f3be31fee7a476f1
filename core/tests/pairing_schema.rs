//! The pairing outputs conform to the JSON schemas in
//! `tests/schemas/pairing/` (`pairing.schema.json` for `pair`'s result,
//! `metrics.schema.json` for its metrics): the golden expected files, the
//! output of every `pair` vector, a tie-break round trip, and the schemas
//! reject what they must (validation: `support::schema`).

mod support;

use serde_json::{json, Value};
use std::cell::Cell;
use support::{schema, tests_json, vectors};
use verity::pairing::{pair, Decisions, PairingConfig};

#[test]
fn golden_expected_files_conform() {
    let pairing = schema::load("pairing/pairing");
    let metrics = schema::load("pairing/metrics");
    let expected = tests_json("golden/pairing-expected.json");
    pairing.assert_valid(&expected, "tests/golden/pairing-expected.json");
    metrics.assert_valid(
        &tests_json("golden/metrics-expected.json"),
        "tests/golden/metrics-expected.json",
    );
    metrics.assert_valid(&expected["metrics"], "pairing-expected.json metrics");
}

#[test]
fn every_pair_vector_output_conforms() {
    let pairing = schema::load("pairing/pairing");
    let metrics = schema::load("pairing/metrics");
    let checked = Cell::new(0usize);
    let call = |op: &str, args: &Value| -> verity::Result<Value> {
        let opt = |k: &str| args.get(k).filter(|v| !v.is_null());
        match op {
            "pair" => {
                let config = match opt("config") {
                    Some(c) => PairingConfig::from_value(c)?,
                    None => PairingConfig::default(),
                };
                let decisions = opt("decisions").map(Decisions::from_value).transpose()?;
                let result = pair(&args["analysis"], &config, decisions.as_ref())?;
                let value = serde_json::to_value(result).expect("serialises");
                pairing.assert_valid(&value, "a pair vector's output");
                metrics.assert_valid(&value["metrics"], "a pair vector's metrics");
                checked.set(checked.get() + 1);
                Ok(value)
            }
            // verify_contract's output (violations) is not a schema of this file.
            "verify_contract" => {
                let violations =
                    verity::pairing::verify_contract(&args["analysis"], &args["pairing"])?;
                Ok(serde_json::to_value(violations).expect("serialises"))
            }
            other => panic!("unknown op {other}"),
        }
    };
    vectors::run_module("pairing", &call);
    assert!(
        checked.get() >= 6,
        "only {} pair outputs checked",
        checked.get()
    );
}

#[test]
fn tiebreak_round_trip_conforms() {
    // Two look-alike backs with the same evidence: the front is ambiguous.
    let analysis = json!([
        {"id": "f", "view": "front", "brand": "Acme", "product_name": "Hydrating Shampoo", "sequence": 1},
        {"id": "b1", "view": "back", "brand": "Acme", "product_name": "Hydrating Shampoo", "sequence": 2},
        {"id": "b2", "view": "back", "brand": "Acme", "product_name": "Hydrating Shampoo", "sequence": 2}
    ]);
    let pairing = schema::load("pairing/pairing");
    let config = PairingConfig::default();
    let first = pair(&analysis, &config, None).unwrap();
    assert_eq!(
        first.tiebreaks().len(),
        1,
        "the fixture should open a tie-break"
    );
    pairing.assert_valid(&serde_json::to_value(&first).unwrap(), "tie-break result");
    let back = first.tiebreaks()[0].candidates()[0].back().to_owned();
    let answers =
        Decisions::from_value(&json!({"decisions": [{"front": "f", "back": back}]})).unwrap();
    let second = pair(&analysis, &config, Some(&answers)).unwrap();
    let value = serde_json::to_value(&second).unwrap();
    pairing.assert_valid(&value, "decided result");
    assert_eq!(value["pairs"][0]["decided_by"], "model");
}

#[test]
fn schemas_reject_malformed_outputs() {
    let pairing = schema::load("pairing/pairing");
    let metrics = schema::load("pairing/metrics");
    let mut bad = tests_json("golden/pairing-expected.json");
    bad["pairs"][0]["decided_by"] = json!("greedy");
    bad["singletons"][0]["reason"] = json!("tired");
    bad["pairs"][0]["features"]["brand"] = json!("high");
    pairing.assert_rejects(
        &bad,
        &[
            "$.pairs[0].decided_by: enum",
            "$.singletons[0].reason: enum",
            "$.pairs[0].features.brand: type",
        ],
    );
    let mut extra = tests_json("golden/pairing-expected.json");
    extra["pairs"][0]["confidence"] = json!(0.9);
    pairing.assert_rejects(&extra, &["$.pairs[0]: additionalProperties"]);
    let mut m = tests_json("golden/metrics-expected.json");
    m["pair_rate"] = json!(1.5);
    m["totals"]["pairs"] = json!(-1);
    m.as_object_mut().unwrap().remove("reasons");
    metrics.assert_rejects(
        &m,
        &[
            "$.pair_rate: maximum",
            "$.totals.pairs: minimum",
            "$: required",
        ],
    );
}
