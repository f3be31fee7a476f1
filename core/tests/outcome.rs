//! ExecutionResult invariants, envelopes and aggregation
//! (classification and retry decisions: `outcome_retry.rs`).

use serde_json::{json, Value};
use std::collections::BTreeMap;
use verity::outcome::*;
use verity::ErrorKind;

fn err(code: &str) -> ErrorInfo {
    ErrorInfo::new(code, "boom", false).unwrap()
}

#[test]
fn constructors_set_ok_and_status() {
    let s = ExecutionResult::success(Some(json!({"id": 1})));
    assert!(s.ok());
    assert_eq!(s.status(), Status::Success);
    assert!(s.error().is_none());
    let f = ExecutionResult::failure(err("rate_limit_exceeded"));
    assert!(!f.ok());
    assert_eq!(f.error().unwrap().code(), "rate_limit_exceeded");
    let p = ExecutionResult::partial(Some(json!([1])), Some(err("timeout")));
    assert!(!p.ok());
    assert_eq!(p.status(), Status::Partial);
}

#[test]
fn serialised_form_is_fixed_and_round_trips() {
    let r = ExecutionResult::success(Some(json!({"rows": 3})))
        .with_metric("latency_ms", 12.0)
        .unwrap()
        .with_metric("score", 0.5)
        .unwrap()
        .with_correlation_id("req-abc123")
        .with_error_resolved(true)
        .unwrap();
    let value = serde_json::to_value(&r).unwrap();
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"ok":true,"status":"success","error_resolved":true,"metrics":{"latency_ms":12,"score":0.5},"error":null,"data":{"rows":3},"correlation_id":"req-abc123"}"#
    );
    assert_eq!(ExecutionResult::from_value(&value).unwrap(), r);
    let canonical = r.to_canonical_json().unwrap();
    assert_eq!(canonical, verity::dedup::canonical_json(&value).unwrap());
}

#[test]
fn ok_true_failure_is_rejected_naming_ok() {
    let v = json!({"ok": true, "status": "failure", "error": {"code": "x", "message": "m", "retryable": false}});
    let e = ExecutionResult::from_value(&v).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvariantViolation);
    assert_eq!(e.path(), "$.ok");
    let v = json!({"ok": false, "status": "success"});
    assert_eq!(ExecutionResult::from_value(&v).unwrap_err().path(), "$.ok");
    // Through plain serde as well.
    assert!(
        serde_json::from_value::<ExecutionResult>(json!({"ok": true, "status": "partial"}))
            .is_err()
    );
}

#[test]
fn invariant_violations_name_their_field() {
    let cases: [(Value, &str, ErrorKind); 7] = [
        (
            json!({"ok": false, "status": "failure"}),
            "$.error",
            ErrorKind::InvariantViolation,
        ),
        (
            json!({"ok": true, "status": "success", "error": {"code": "x"}}),
            "$.error",
            ErrorKind::InvariantViolation,
        ),
        (
            json!({"ok": false, "status": "failure", "error_resolved": true, "error": {"code": "x"}}),
            "$.error_resolved",
            ErrorKind::InvariantViolation,
        ),
        (
            json!({"ok": true, "status": "winning"}),
            "$.status",
            ErrorKind::InvalidInput,
        ),
        (
            json!({"status": "success"}),
            "$.ok",
            ErrorKind::MissingField,
        ),
        (
            json!({"ok": true, "status": "success", "metrics": {"a": "fast"}}),
            "$.metrics.a",
            ErrorKind::InvalidInput,
        ),
        (
            json!({"ok": false, "status": "failure", "error": {"code": ""}}),
            "$.error.code",
            ErrorKind::InvalidInput,
        ),
    ];
    for (value, path, kind) in cases {
        let e = ExecutionResult::from_value(&value).unwrap_err();
        assert_eq!((e.path(), e.kind()), (path, kind), "{value}: {e}");
    }
    let e = ExecutionResult::from_value(&json!({"ok": true, "status": "success", "extra": 1}))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
}

#[test]
fn non_finite_metrics_and_resolved_failures_are_refused_on_construction() {
    let e = ExecutionResult::success(None)
        .with_metric("x", f64::NAN)
        .unwrap_err();
    assert_eq!(e.path(), "$.metrics.x");
    let mut m = BTreeMap::new();
    m.insert("bad name".to_owned(), f64::INFINITY);
    let e = ExecutionResult::success(None).with_metrics(m).unwrap_err();
    assert_eq!(e.path(), "$.metrics[\"bad name\"]");
    let e = ExecutionResult::failure(err("x"))
        .with_error_resolved(true)
        .unwrap_err();
    assert_eq!(e.path(), "$.error_resolved");
    assert_eq!(ErrorInfo::new("", "m", true).unwrap_err().path(), "$.code");
}

#[test]
fn aggregation_counts_sums_and_orders_error_codes() {
    let results = vec![
        ExecutionResult::success(None)
            .with_metric("tokens", 10.0)
            .unwrap(),
        ExecutionResult::failure(err("timeout")),
        ExecutionResult::failure(err("rate_limit_exceeded"))
            .with_metric("tokens", 2.5)
            .unwrap(),
        ExecutionResult::partial(None, Some(err("rate_limit_exceeded"))),
        ExecutionResult::failure(err("timeout")),
        ExecutionResult::success(None)
            .with_error_resolved(true)
            .unwrap(),
        ExecutionResult::failure(err("server_error")),
    ];
    let s = aggregate_results(&results).unwrap();
    assert_eq!(s.total, 7);
    assert_eq!(s.ok_count, 2);
    assert_eq!(s.error_resolved_count, 1);
    assert_eq!(
        s.by_status,
        StatusCounts {
            success: 2,
            failure: 4,
            partial: 1
        }
    );
    assert_eq!(s.metrics["tokens"], 12.5);
    assert_eq!(s.first_error_code.as_deref(), Some("timeout"));
    // timeout and rate_limit_exceeded tie at 2: timeout was seen first.
    assert_eq!(s.most_common_error_code.as_deref(), Some("timeout"));
    let codes: Vec<(&str, u64)> = s
        .error_codes
        .iter()
        .map(|c| (c.code.as_str(), c.count))
        .collect();
    assert_eq!(
        codes,
        [
            ("timeout", 2),
            ("rate_limit_exceeded", 2),
            ("server_error", 1)
        ]
    );
    let empty = aggregate_results(&[]).unwrap();
    assert_eq!(empty.most_common_error_code, None);
    assert_eq!(
        serde_json::to_value(&empty).unwrap()["by_status"],
        json!({"success": 0, "failure": 0, "partial": 0})
    );
}

#[test]
fn aggregation_overflow_is_an_error_naming_the_result() {
    let big = || {
        ExecutionResult::success(None)
            .with_metric("x", f64::MAX)
            .unwrap()
    };
    let e = aggregate_results(&[big(), big()]).unwrap_err();
    assert_eq!(e.path(), "$[1].metrics.x");
}

#[test]
fn envelopes_from_results() {
    let ok = ExecutionResult::success(Some(json!({"id": 7})))
        .with_correlation_id("req-1")
        .with_metric("ms", 3.0)
        .unwrap();
    let env = Envelope::from_result(&ok, Meta::new("v1")).unwrap();
    assert_eq!(
        serde_json::to_value(&env).unwrap(),
        json!({"data": {"id": 7}, "meta": {"correlation_id": "req-1", "version": "v1", "metrics": {"ms": 3}, "status": "success"}})
    );
    let failed =
        ExecutionResult::failure(ErrorInfo::new("insufficient_quota", "no credit", false).unwrap());
    let meta = Meta::new("v2")
        .with_correlation_id("req-2")
        .with_extra("region", json!("eu"))
        .unwrap();
    let env = Envelope::from_result(&failed, meta).unwrap();
    let value = serde_json::to_value(&env).unwrap();
    assert_eq!(
        value,
        json!({"error": {"code": "insufficient_quota", "message": "no credit", "retryable": false},
               "meta": {"correlation_id": "req-2", "version": "v2", "region": "eu", "status": "failure"}})
    );
    assert_eq!(Envelope::from_value(&value).unwrap(), env);
    let partial = ExecutionResult::partial(None, Some(err("timeout")));
    let value =
        serde_json::to_value(Envelope::from_result(&partial, Meta::new("v1")).unwrap()).unwrap();
    assert_eq!(value["data"], Value::Null);
    assert_eq!(value["meta"]["error"]["code"], "timeout");
}

#[test]
fn envelope_parsing_errors() {
    let meta = json!({"version": "v1"});
    let cases = [
        (json!({"meta": meta}), "$.data"),
        (
            json!({"data": 1, "error": {"code": "x"}, "meta": meta}),
            "$.error",
        ),
        (json!({"data": 1}), "$.meta"),
        (json!({"data": 1, "meta": {}}), "$.meta.version"),
        (
            json!({"data": 1, "meta": {"version": "v", "correlation_id": 3}}),
            "$.meta.correlation_id",
        ),
        (json!({"error": {"code": 5}, "meta": meta}), "$.error.code"),
        (json!({"data": 1, "meta": meta, "oops": 1}), "$.oops"),
    ];
    for (value, path) in cases {
        assert_eq!(
            Envelope::from_value(&value).unwrap_err().path(),
            path,
            "{value}"
        );
    }
    assert_eq!(
        Meta::new("v")
            .with_extra("version", json!(1))
            .unwrap_err()
            .path(),
        "$.meta.version"
    );
}
