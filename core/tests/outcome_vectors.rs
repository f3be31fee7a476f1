//! Generic runner for `tests/vectors/outcome/*.json` and
//! `tests/vectors/auditlog/*.json` (format: `tests/vectors/README.md`).

mod support;

use serde_json::Value;
use support::vectors;
use verity::{auditlog::json_ops as log_ops, outcome::json_ops as ops};

fn call(op: &str, args: &Value) -> verity::Result<Value> {
    match op {
        "execution_result_from_dict" => ops::execution_result_from_dict(args),
        "execution_result_success" => ops::execution_result_success(args),
        "execution_result_failure" => ops::execution_result_failure(args),
        "execution_result_partial" => ops::execution_result_partial(args),
        "aggregate_results" => ops::aggregate_results_json(args),
        "envelope_from_result" => ops::envelope_from_result(args),
        "classify_failure" => ops::classify_failure_json(args),
        "decide_retry" => ops::decide_retry_json(args),
        "append_log_entry" => log_ops::append_log_entry_json(args),
        "verify_log" => log_ops::verify_log_json(args),
        other => panic!("unknown op {other:?}"),
    }
}

#[test]
fn outcome_vectors() {
    assert!(vectors::run_module("outcome", &call) > 0);
}

#[test]
fn auditlog_vectors() {
    assert!(vectors::run_module("auditlog", &call) > 0);
}
