//! Properties of canonical JSON over arbitrary values (proptest).

use proptest::prelude::*;
use serde_json::{Map, Value};
use verity::dedup::{canonical_json, canonical_json_from_bytes, parse_strict};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(Value::from),
        "\\PC*|[\u{0}-\u{1f}\"\\\\]{0,4}|[\u{e000}-\u{ffff}\u{10000}-\u{10ffff}]{0,3}"
            .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    "\\PC{0,4}|[\u{e000}-\u{ffff}\u{10000}-\u{10ffff}]{1,2}",
                    inner
                ),
                0..6
            )
            .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    /// Canonical bytes are JSON that parses back to the same numbers-as-doubles value,
    /// and canonicalising them again changes nothing (a fixed point).
    #[test]
    fn canonical_is_a_fixed_point(value in json_value()) {
        let once = canonical_json(&value).unwrap();
        let twice = canonical_json_from_bytes(&once).unwrap();
        prop_assert_eq!(&once, &twice);
        let reparsed = parse_strict(&once).unwrap();
        prop_assert_eq!(canonical_json(&reparsed).unwrap(), once);
    }

    /// The canonical text is valid JSON for serde_json too (its numbers may
    /// differ by an ULP: serde_json's default float parser is not correctly
    /// rounded, see `serde_json_default_parser_misrounds` below).
    #[test]
    fn canonical_text_is_valid_json_for_serde(value in json_value()) {
        let bytes = canonical_json(&value).unwrap();
        prop_assert!(serde_json::from_slice::<Value>(&bytes).is_ok());
    }

    /// Object members come out sorted by UTF-16 code units.
    #[test]
    fn keys_come_out_in_utf16_order(keys in prop::collection::btree_set("\\PC{0,3}|[\u{e000}-\u{ffff}\u{10000}-\u{10ffff}]{1,2}", 0..8)) {
        let object: Map<String, Value> = keys.iter().map(|k| (k.clone(), Value::Null)).collect();
        let bytes = canonical_json(&Value::Object(object)).unwrap();
        let reparsed: Value = serde_json::from_slice(&bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let mut expected: Vec<&String> = keys.iter().collect();
        expected.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        let mut position = 0;
        for key in expected {
            let needle = format!("{}:null", serde_json::to_string(key).unwrap());
            let found = text[position..].find(&needle).map(|i| i + position);
            prop_assert!(found.is_some(), "{} not in order in {}", needle, text);
            position = found.unwrap() + needle.len();
        }
        prop_assert_eq!(reparsed.as_object().unwrap().len(), keys.len());
    }
}

/// Found by an earlier form of the property above: serde_json 1.0.154
/// without `float_roundtrip` parses this shortest round-trip text to a
/// neighbouring double. The strict parser (correctly rounded
/// `f64::from_str`) must land on the exact one and print the text back, and
/// the workspace enables `float_roundtrip` so `json::parse` agrees with it.
#[test]
fn float_parsing_is_correctly_rounded() {
    let text = "-5.664804716904863e+76";
    let exact: f64 = text.parse().unwrap();
    assert_eq!(parse_strict(text.as_bytes()).unwrap().as_f64(), Some(exact));
    assert_eq!(
        canonical_json_from_bytes(text.as_bytes()).unwrap(),
        text.as_bytes()
    );
    let via_json_parse = verity::json::parse(text.as_bytes()).unwrap();
    assert_eq!(via_json_parse.as_f64(), Some(exact));
}
