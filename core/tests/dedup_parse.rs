//! The strict JSON parser behind `canonical_json_from_bytes`.

use serde_json::Value;
use verity::dedup::{parse_strict, parse_strict_with_limits};
use verity::json::Limits;
use verity::{Error, ErrorKind};

fn err(text: &str) -> Error {
    parse_strict(text.as_bytes()).unwrap_err()
}

#[test]
fn parses_like_serde_json_on_valid_input() {
    let text = r#" {"a": [1, -2, 3.5e2, true, false, null, "x\u00e9\ud83d\ude00\n"], "b": {}} "#;
    let ours = parse_strict(text.as_bytes()).unwrap();
    let theirs: Value = serde_json::from_str(text).unwrap();
    assert_eq!(ours, theirs);
}

#[test]
fn duplicate_key_names_its_path() {
    let e = err(r#"{"a":{"b":1,"b":2}}"#);
    assert_eq!(e.kind(), ErrorKind::DuplicateKey);
    assert_eq!(e.path(), "$.a.b");
}

#[test]
fn surrogate_errors() {
    for text in [
        r#""\ud800""#,
        r#""\udc00\ud800""#,
        r#""\ud800x""#,
        r#""\ud800\u0041""#,
    ] {
        let e = err(text);
        assert_eq!(e.kind(), ErrorKind::InvalidString, "{text}");
    }
    let e = err(r#"{"k":["ok","\udfff"]}"#);
    assert_eq!(e.path(), "$.k[1]");
}

#[test]
fn overflowing_numbers_are_errors_underflow_is_zero() {
    for text in ["1e400", "-1e400", "[0, 1.8e308]"] {
        assert_eq!(err(text).kind(), ErrorKind::InvalidNumber, "{text}");
    }
    assert_eq!(parse_strict(b"1e-400").unwrap().as_f64(), Some(0.0));
}

#[test]
fn big_integers_become_doubles() {
    let v = parse_strict(b"18446744073709551616").unwrap();
    assert_eq!(v.as_f64(), Some(18446744073709551616.0));
    assert_eq!(
        parse_strict(b"18446744073709551615").unwrap().as_u64(),
        Some(u64::MAX)
    );
}

#[test]
fn syntax_errors_are_invalid_json() {
    for text in [
        "",
        "{",
        "[1,]",
        "{\"a\" 1}",
        "01",
        "1.",
        "-",
        "1e",
        "tru",
        "\"a",
        "[1] x",
        "\"\t\"",
        "\"\\x\"",
        "\"\\u12g4\"",
        "{1:2}",
        "NaN",
        "Infinity",
        "+1",
    ] {
        assert_eq!(err(text).kind(), ErrorKind::InvalidJson, "{text:?}");
    }
    let e = err("{\n  \"a\": tru\n}");
    assert!(e.message().contains("line 2 column 8"), "{}", e.message());
    assert_eq!(e.path(), "$.a");
}

#[test]
fn invalid_utf8_is_invalid_json() {
    assert_eq!(
        parse_strict(b"\"\xff\"").unwrap_err().kind(),
        ErrorKind::InvalidJson
    );
}

#[test]
fn depth_limit_is_128() {
    let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(parse_strict(ok.as_bytes()).is_ok());
    let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
    assert_eq!(err(&deep).kind(), ErrorKind::TooDeep);
    let deep_objects = format!("{}1{}", "{\"a\":".repeat(200), "}".repeat(200));
    assert_eq!(err(&deep_objects).kind(), ErrorKind::TooDeep);
}

#[test]
fn size_limit() {
    let limits = Limits {
        max_bytes: 3,
        max_depth: 128,
    };
    let e = parse_strict_with_limits(b"[1,2]", limits).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLarge);
}
