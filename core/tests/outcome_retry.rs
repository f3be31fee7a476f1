//! Failure classification and retry decisions (examples; the properties
//! are in `outcome_retry_props.rs`).

use serde_json::{json, Value};
use verity::auditlog::Timestamp;
use verity::outcome::*;
use verity::ErrorKind;

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
