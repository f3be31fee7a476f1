//! outcome: cost of one retry decision, one failure classification and one
//! result construction / validation, in nanoseconds.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde_json::json;
use verity::outcome::{
    classify_failure, decide_retry, ErrorInfo, ExecutionResult, Failure, FailureKind,
    FailureSignal, Jitter, RetryPolicy,
};

fn benches(c: &mut Criterion) {
    let policy = RetryPolicy::celery_default();
    let decorrelated = RetryPolicy::new(Jitter::Decorrelated, 100.0, 2.0, 60_000.0, 5)
        .unwrap()
        .with_previous_delay_ms(400.0)
        .unwrap();
    let failure = Failure::new(FailureKind::RateLimited).with_retry_after_ms(1_500);
    c.bench_function("outcome/decide_retry_full_jitter", |b| {
        b.iter(|| {
            decide_retry(
                black_box(&policy),
                black_box(2),
                black_box(&failure),
                black_box(0.37),
            )
        })
    });
    c.bench_function("outcome/decide_retry_decorrelated", |b| {
        b.iter(|| {
            decide_retry(
                black_box(&decorrelated),
                black_box(2),
                black_box(&failure),
                black_box(0.37),
            )
        })
    });
    let signal = FailureSignal {
        http_status: Some(529),
        error_code: Some("overloaded_error".into()),
        retry_after: Some("12".into()),
        ..Default::default()
    };
    c.bench_function("outcome/classify_failure", |b| {
        b.iter(|| classify_failure(black_box(&signal), None))
    });
    c.bench_function("outcome/result_failure_construct", |b| {
        b.iter(|| {
            let error =
                ErrorInfo::new(black_box("rate_limit_exceeded"), "slow down", true).unwrap();
            ExecutionResult::failure(error)
                .with_metric("latency_ms", black_box(12.0))
                .unwrap()
                .with_correlation_id("req-abc123")
        })
    });
    let value = json!({"ok": true, "status": "success", "error_resolved": true,
        "metrics": {"latency_ms": 12, "tokens": 340}, "data": {"id": 7}, "correlation_id": "req-abc123"});
    c.bench_function("outcome/result_from_value", |b| {
        b.iter(|| ExecutionResult::from_value(black_box(&value)).unwrap())
    });
}

criterion_group!(outcome, benches);
criterion_main!(outcome);
