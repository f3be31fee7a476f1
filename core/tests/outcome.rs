//! ExecutionResult invariants, envelopes, aggregation, failure classification
//! and retry decisions.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use verity::auditlog::Timestamp;
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
        (json!({"status": "success"}), "$", ErrorKind::MissingField),
        (
            json!({"ok": true, "status": "success", "metrics": {"a": "fast"}}),
            "$.metrics.a",
            ErrorKind::InvalidInput,
        ),
        (
            json!({"ok": false, "status": "failure", "error": {"code": ""}}),
            "$.error",
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

fn classify(signal: Value) -> Failure {
    let signal: FailureSignal = serde_json::from_value(signal).unwrap();
    classify_failure(&signal, None).unwrap()
}

#[test]
fn classification_rules_and_precedence() {
    let cases = [
        (json!({"http_status": 429}), FailureKind::RateLimited),
        (
            json!({"http_status": 429, "error_code": "insufficient_quota"}),
            FailureKind::QuotaExhausted,
        ),
        (
            json!({"error_code": "rate_limit_exceeded"}),
            FailureKind::RateLimited,
        ),
        (
            json!({"http_status": 529, "error_code": "overloaded_error"}),
            FailureKind::ServerError,
        ),
        (
            json!({"error_code": "RESOURCE_EXHAUSTED"}),
            FailureKind::RateLimited,
        ),
        (
            json!({"error_code": "UNAVAILABLE"}),
            FailureKind::ServerError,
        ),
        (json!({"http_status": 503}), FailureKind::ServerError),
        (json!({"http_status": 408}), FailureKind::Timeout),
        (json!({"http_status": 409}), FailureKind::Conflict),
        (json!({"http_status": 404}), FailureKind::ClientError),
        (
            json!({"http_status": 400, "error_code": "invalid_request_error"}),
            FailureKind::ClientError,
        ),
        (json!({"timed_out": true}), FailureKind::Timeout),
        (json!({"connection_failed": true}), FailureKind::Connection),
        (
            json!({"error_code": "no_tool_call_in_required", "http_status": 500}),
            FailureKind::Enforcement,
        ),
        (
            json!({"error_code": "tool_used_in_ungrounded"}),
            FailureKind::Enforcement,
        ),
        (
            json!({"error_code": "no_tool_call_in_soft_required", "budget_starved": true}),
            FailureKind::BudgetStarved,
        ),
        (
            json!({"budget_starved": true, "http_status": 200}),
            FailureKind::BudgetStarved,
        ),
        (
            json!({"error_code": "something_new", "http_status": 502}),
            FailureKind::ServerError,
        ),
        (json!({}), FailureKind::Unknown),
    ];
    for (signal, kind) in cases {
        assert_eq!(classify(signal.clone()).kind(), kind, "{signal}");
    }
    let e = classify_failure(
        &FailureSignal {
            http_status: Some(999),
            ..Default::default()
        },
        None,
    )
    .unwrap_err();
    assert_eq!(e.path(), "$.signal.http_status");
}

#[test]
fn classification_resolves_retry_after() {
    let now = Timestamp::parse_rfc3339("2015-10-21T07:27:00Z", "$").unwrap();
    let signal = FailureSignal {
        http_status: Some(429),
        retry_after: Some("Wed, 21 Oct 2015 07:28:00 GMT".into()),
        ..Default::default()
    };
    assert_eq!(
        classify_failure(&signal, Some(now))
            .unwrap()
            .retry_after_ms(),
        Some(60_000)
    );
    assert_eq!(classify_failure(&signal, None).unwrap_err().path(), "$.now");
    let f = classify(json!({"http_status": 503, "retry_after": "7"}));
    assert_eq!(f.retry_after_ms(), Some(7_000));
    assert_eq!(
        serde_json::to_value(&f).unwrap(),
        json!({"kind": "server_error", "retryable": true, "http_status": 503, "error_code": null, "retry_after_ms": 7000})
    );
}

fn retry_delay(decision: RetryDecision) -> u64 {
    match decision {
        RetryDecision::Retry { delay_ms, .. } => delay_ms,
        other => panic!("expected a retry, got {other:?}"),
    }
}

#[test]
fn jitter_formulas() {
    let rl = Failure::new(FailureKind::RateLimited);
    let p = |j| RetryPolicy::new(j, 100.0, 2.0, 1_000.0, 10).unwrap();
    assert_eq!(
        retry_delay(decide_retry(&p(Jitter::None), 0, &rl, 0.9).unwrap()),
        100
    );
    assert_eq!(
        retry_delay(decide_retry(&p(Jitter::None), 3, &rl, 0.9).unwrap()),
        800
    );
    assert_eq!(
        retry_delay(decide_retry(&p(Jitter::None), 4, &rl, 0.9).unwrap()),
        1_000
    );
    assert_eq!(
        retry_delay(decide_retry(&p(Jitter::Full), 3, &rl, 0.25).unwrap()),
        200
    );
    assert_eq!(
        retry_delay(decide_retry(&p(Jitter::Equal), 3, &rl, 0.5).unwrap()),
        600
    );
    // Decorrelated: uniform(base, 3·prev), prev defaults to base.
    let d = p(Jitter::Decorrelated);
    assert_eq!(retry_delay(decide_retry(&d, 0, &rl, 0.5).unwrap()), 200);
    let d = d.with_previous_delay_ms(300.0).unwrap();
    assert_eq!(retry_delay(decide_retry(&d, 5, &rl, 0.5).unwrap()), 500);
    // 3·prev beyond the cap: the range is clamped to [base, cap].
    let d = d.with_previous_delay_ms(900.0).unwrap();
    assert_eq!(retry_delay(decide_retry(&d, 5, &rl, 0.99).unwrap()), 991);
}

#[test]
fn presets_match_celery_and_the_seed() {
    let rl = Failure::new(FailureKind::RateLimited);
    let seed = RetryPolicy::seed_rate_limit();
    let delays: Vec<u64> = (0..3)
        .map(|n| retry_delay(decide_retry(&seed, n, &rl, 0.3).unwrap()))
        .collect();
    assert_eq!(delays, [60_000, 120_000, 240_000]);
    assert!(matches!(
        decide_retry(&seed, 3, &rl, 0.3).unwrap(),
        RetryDecision::GiveUp {
            reason: GiveUpReason::RetriesExhausted,
            ..
        }
    ));
    let celery = RetryPolicy::celery_default();
    assert_eq!(
        (
            celery.jitter(),
            celery.base_ms(),
            celery.cap_ms(),
            celery.max_retries()
        ),
        (Jitter::Full, 1_000.0, 600_000.0, 3)
    );
    assert_eq!(
        retry_delay(decide_retry(&celery, 2, &rl, 0.999).unwrap()),
        3_996
    );
    assert_eq!(
        RetryPolicy::from_value(&json!("seed_rate_limit")).unwrap(),
        seed
    );
    assert_eq!(RetryPolicy::from_value(&json!({})).unwrap(), celery);
}

#[test]
fn retry_after_is_a_floor_bounded_by_the_cap() {
    let p = RetryPolicy::new(Jitter::None, 100.0, 2.0, 10_000.0, 3).unwrap();
    let f = Failure::new(FailureKind::RateLimited).with_retry_after_ms(5_000);
    let d = decide_retry(&p, 0, &f, 0.0).unwrap();
    assert_eq!(
        serde_json::to_value(&d).unwrap(),
        json!({"action": "retry", "delay_ms": 5000, "increase_budget": false, "retry_after_honoured": true, "failure_kind": "rate_limited"})
    );
    let f = Failure::new(FailureKind::RateLimited).with_retry_after_ms(50_000);
    assert_eq!(retry_delay(decide_retry(&p, 0, &f, 0.0).unwrap()), 10_000);
}

#[test]
fn give_up_reasons_and_budget_retries() {
    let p = RetryPolicy::celery_default();
    let d = decide_retry(&p, 0, &Failure::new(FailureKind::Enforcement), 0.1).unwrap();
    assert_eq!(
        serde_json::to_value(&d).unwrap(),
        json!({"action": "give_up", "reason": "enforcement_final", "failure_kind": "enforcement"})
    );
    let d = decide_retry(&p, 0, &Failure::new(FailureKind::QuotaExhausted), 0.1).unwrap();
    assert!(matches!(
        d,
        RetryDecision::GiveUp {
            reason: GiveUpReason::NotRetryable,
            ..
        }
    ));
    let d = decide_retry(&p, 1, &Failure::new(FailureKind::BudgetStarved), 0.7).unwrap();
    assert!(matches!(
        d,
        RetryDecision::Retry {
            delay_ms: 0,
            increase_budget: true,
            ..
        }
    ));
}

#[test]
fn bad_policies_and_random_units_are_typed_errors() {
    let cases = [
        (json!({"base_ms": -1}), "$.policy.base_ms"),
        (json!({"base_ms": 1000, "cap_ms": 10}), "$.policy.cap_ms"),
        (json!({"factor": 0.5}), "$.policy.factor"),
        (json!({"max_retries": -1}), "$.policy.max_retries"),
        (json!({"max_retries": 1.5}), "$.policy.max_retries"),
        (json!({"jitter": "wild"}), "$.policy.jitter"),
        (json!({"preset": "tenacity"}), "$.policy.preset"),
        (json!({"unknown": 1}), "$.policy.unknown"),
        (
            json!({"previous_delay_ms": -3}),
            "$.policy.previous_delay_ms",
        ),
    ];
    for (value, path) in cases {
        let e = RetryPolicy::from_value(&value).unwrap_err();
        assert_eq!(
            (e.kind(), e.path()),
            (ErrorKind::InvalidConfig, path),
            "{value}: {e}"
        );
    }
    let p = RetryPolicy::celery_default();
    let f = Failure::new(FailureKind::Timeout);
    for u in [1.0, -0.1, f64::NAN, f64::INFINITY] {
        let e = decide_retry(&p, 0, &f, u).unwrap_err();
        assert_eq!(
            (e.kind(), e.path()),
            (ErrorKind::InvalidInput, "$.random_unit")
        );
    }
    assert!(RetryPolicy::new(Jitter::Full, f64::NAN, 2.0, 10.0, 1).is_err());
}

#[test]
fn failure_json_must_agree_on_retryability() {
    let ok: Failure =
        serde_json::from_value(json!({"kind": "timeout", "retryable": true})).unwrap();
    assert!(ok.retryable());
    assert!(
        serde_json::from_value::<Failure>(json!({"kind": "enforcement", "retryable": true}))
            .is_err()
    );
}
