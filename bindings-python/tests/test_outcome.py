"""outcome bindings: immutable ExecutionResult, envelopes, retry decisions."""

from __future__ import annotations

import json

import pytest

import verity


def test_constructors_enforce_invariants_and_are_frozen() -> None:
    ok = verity.ExecutionResult.success({"rows": 3}, metrics={"latency_ms": 12.5}, correlation_id="c-1")
    assert (ok.ok, ok.status, ok.data, ok.correlation_id) == (True, "success", {"rows": 3}, "c-1")
    with pytest.raises(AttributeError):
        ok.status = "failure"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ok.ok = False  # type: ignore[misc]
    failed = verity.ExecutionResult.failure("rate_limited", "429", retryable=True)
    assert failed.error == {"code": "rate_limited", "message": "429", "retryable": True}
    assert not failed.ok
    partial = verity.ExecutionResult.partial([1], error={"code": "timeout", "message": "t", "retryable": True})
    assert partial.status == "partial"
    assert verity.ExecutionResult.from_dict(ok.to_json()) == ok
    assert verity.ExecutionResult.from_dict(ok.to_dict()) == ok
    assert ok.to_canonical_json() == verity.canonical_json(ok.to_dict())
    assert ok.with_error_resolved(True).error_resolved is True
    assert ok.error_resolved is False


@pytest.mark.parametrize(
    ("call", "exc", "path"),
    [
        (lambda: verity.ExecutionResult.from_dict({"ok": True, "status": "failure"}), verity.VerityError, None),
        (lambda: verity.ExecutionResult.failure("", "m"), verity.InvalidInputError, "$.error.code"),
        (lambda: verity.ExecutionResult.success(metrics={"x": float("nan")}), verity.InvalidJsonError, "$.metrics.x"),
        (lambda: verity.ExecutionResult.success(metrics={"x": "fast"}), verity.InvalidInputError, "$.metrics.x"),
        (lambda: verity.ExecutionResult.failure("c", "m").with_error_resolved(True), verity.InvariantViolationError, "$.error_resolved"),
        (lambda: verity.ExecutionResult.success(correlation_id=1), verity.InvalidInputError, "$.correlation_id"),
        (lambda: verity.ExecutionResult.from_dict(b"{"), verity.InvalidJsonError, "$"),
    ],
)
def test_bad_results(call: object, exc: type[Exception], path: str) -> None:
    with pytest.raises(exc) as info:
        call()  # type: ignore[operator]
    if path is not None:
        assert info.value.path == path  # type: ignore[attr-defined]


def test_a_forged_ok_failure_cannot_be_loaded() -> None:
    forged = verity.ExecutionResult.failure("boom", "x").to_dict()
    forged["ok"] = True
    with pytest.raises(verity.VerityError) as info:
        verity.ExecutionResult.from_dict(forged)
    assert info.value.path.startswith("$.")


def test_envelopes() -> None:
    env = verity.data_envelope({"id": 1}, version="2026-11-01", correlation_id="c")
    assert env == {"data": {"id": 1}, "meta": {"correlation_id": "c", "version": "2026-11-01"}}
    err = verity.error_envelope("not_found", "nope", version="v1", extra={"path": "$.id"})
    assert err["error"] == {"code": "not_found", "message": "nope", "retryable": False}
    assert err["meta"]["path"] == "$.id"
    assert verity.parse_envelope(json.dumps(err)) == err
    with pytest.raises(verity.InvalidInputError) as info:
        verity.data_envelope(1, version="v1", extra={"version": "x"})
    assert info.value.path == "$.meta.version"
    result_env = verity.ExecutionResult.failure("x", "y").envelope(version="v1")
    assert "error" in result_env and result_env["meta"]["status"] == "failure"


def test_failure_classification_and_retry() -> None:
    failure = verity.classify_failure({"http_status": 503})
    assert failure["retryable"] is True
    first = verity.decide_retry("celery_default", 0, failure, 0.0)
    assert first["action"] == "retry"
    assert verity.decide_retry("celery_default", 0, failure, 0.5) == verity.decide_retry("celery_default", 0, failure, 0.5)
    assert verity.decide_retry({"max_retries": 1}, 1, failure, 0.5)["reason"] == "retries_exhausted"
    enforcement = verity.classify_failure({"error_code": "no_tool_call_in_required"})
    assert verity.decide_retry("celery_default", 0, enforcement, 0.5) == {
        "action": "give_up",
        "reason": "enforcement_final",
        "failure_kind": enforcement["kind"],
    }
    dated = verity.classify_failure(
        {"http_status": 429, "retry_after": "Sat, 21 Nov 2026 23:00:30 GMT"}, "2026-11-21T23:00:00Z"
    )
    assert dated["retry_after_ms"] == 30_000


@pytest.mark.parametrize(
    ("call", "exc", "path"),
    [
        (lambda: verity.decide_retry("celery_default", 0, {"kind": "timeout"}, 1.0), verity.InvalidInputError, "$.random_unit"),
        (lambda: verity.decide_retry("nope", 0, {"kind": "timeout"}, 0.1), verity.VerityError, None),
        (lambda: verity.decide_retry({"factor": 0.5}, 0, {"kind": "timeout"}, 0.1), verity.ConfigError, "$.policy.factor"),
        (lambda: verity.decide_retry("celery_default", -1, {"kind": "timeout"}, 0.1), verity.InvalidInputError, "$.attempt"),
        (lambda: verity.decide_retry("celery_default", 0, {"kind": "weird"}, 0.1), verity.VerityError, None),
        (lambda: verity.classify_failure({"http_status": 999}), verity.InvalidInputError, None),
        (lambda: verity.classify_failure({"bogus": 1}), verity.VerityError, None),
        (lambda: verity.classify_failure({}, now=5), verity.InvalidInputError, "$.now"),
    ],
)
def test_bad_retry_input(call: object, exc: type[Exception], path: str) -> None:
    with pytest.raises(exc) as info:
        call()  # type: ignore[operator]
    if path is not None:
        assert info.value.path == path  # type: ignore[attr-defined]


def test_aggregate_results() -> None:
    results = [verity.ExecutionResult.success(), verity.ExecutionResult.failure("x", "y")]
    summary = verity.aggregate_results(results + [results[1].to_dict()])
    assert summary["total"] == 3 and summary["ok_count"] == 1
    with pytest.raises(verity.VerityError) as info:
        verity.aggregate_results([results[0], {"ok": True}])
    assert info.value.path.startswith("$[1]")
