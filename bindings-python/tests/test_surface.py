"""The public surface: every entry point of the spec exists, and every entry
point taking a JSON document refuses the same bad documents the same way."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import verity

SPEC_ENTRY_POINTS = [
    "classify", "check_run_invariants", "detect_provider", "extract_metadata", "canonical_json",
    "template_config_hash", "rendered_prompt_sha256", "probe_idempotency_key", "run_idempotency_key",
    "DedupIndex", "pair", "verify_contract", "ExecutionResult", "decide_retry", "append_log_entry",
    "verify_log", "update_conversation", "render_context", "PairingConfig",
]


def test_spec_entry_points_exist() -> None:
    missing = [name for name in SPEC_ENTRY_POINTS if not hasattr(verity, name)]
    assert missing == []
    for name in ("success", "failure", "partial"):
        assert callable(getattr(verity.ExecutionResult, name))
    for name in ("create", "check_duplicate", "delete"):
        assert callable(getattr(verity.DedupIndex(), name))
    assert callable(verity.PairingConfig.from_env)


def test_all_is_complete() -> None:
    public = {n for n in dir(verity) if not n.startswith("_") and n not in {"annotations"}}
    assert set(verity.__all__) - {"__version__"} <= public
    native = {n for n in verity._verity.__all__ if not n.startswith("_") and n != "__version__"}
    assert native <= set(verity.__all__), native - set(verity.__all__)


# Every entry point whose argument is a JSON document (dict/list, str or bytes).
DOCUMENT_CALLS: dict[str, Callable[[Any], Any]] = {
    "classify": lambda d: verity.classify(d, "REQUIRED"),
    "classify_many": lambda d: verity.classify_many([d], "REQUIRED"),
    "check_run_invariants": verity.check_run_invariants,
    "extract_metadata": verity.extract_metadata,
    "provider_version_key": verity.provider_version_key,
    "otel_attributes": verity.otel_attributes,
    "detect_api": verity.detect_api,
    "canonical_json": verity.canonical_json,
    "template_config_hash": verity.template_config_hash,
    "template_config_hash_many": lambda d: verity.template_config_hash_many([d]),
    "DedupIndex.create": lambda d: verity.DedupIndex().create("o", "w", "t", d),
    "DedupIndex.check_duplicate": lambda d: verity.DedupIndex().check_duplicate("o", "w", d),
    "pair": verity.pair,
    "verify_contract": lambda d: verity.verify_contract(d, {"pairs": []}),
    "verify_golden": lambda d: verity.verify_golden(d, {}, {}),
    "PairingConfig.from_dict": verity.PairingConfig.from_dict,
    "ExecutionResult.from_dict": verity.ExecutionResult.from_dict,
    "parse_envelope": verity.parse_envelope,
    "classify_failure": verity.classify_failure,
    "decide_retry": lambda d: verity.decide_retry("celery_default", 0, d, 0.5),
    "append_log_entry": lambda d: verity.append_log_entry(None, d),
    "explain_failure": verity.explain_failure,
    "aggregate_outcomes": lambda d: verity.aggregate_outcomes([d]),
    "aggregate_results": lambda d: verity.aggregate_results([d]),
    "compare_metrics": lambda d: verity.compare_metrics(d, {}),
    "parse_json": verity.parse_json,
}

DEEP_TEXT = "[" * 500 + "]" * 500
HUGE_TEXT = '{"x": "' + "a" * (9 * 1024 * 1024) + '"}'


def deep_value() -> Any:
    value: Any = {}
    for _ in range(500):
        value = {"a": value}
    return value


BAD_DOCUMENTS: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    ("malformed_text", lambda: '{"a": ', verity.InvalidJsonError, "invalid_json"),
    ("malformed_bytes", lambda: b'{"a": ', verity.InvalidJsonError, "invalid_json"),
    ("invalid_utf8", lambda: b'{"a": "\xff"}', verity.InvalidJsonError, "invalid_json"),
    ("deep_text", lambda: DEEP_TEXT, verity.LimitExceededError, "too_deep"),
    ("deep_bytes", lambda: DEEP_TEXT.encode(), verity.LimitExceededError, "too_deep"),
    ("deep_dict", deep_value, verity.LimitExceededError, "too_deep"),
    ("huge_text", lambda: HUGE_TEXT, verity.LimitExceededError, "too_large"),
    ("huge_bytes", lambda: HUGE_TEXT.encode(), verity.LimitExceededError, "too_large"),
    ("huge_dict", lambda: {"x": "a" * (9 * 1024 * 1024)}, verity.LimitExceededError, "too_large"),
    ("wrong_type", lambda: object(), verity.InvalidInputError, "invalid_input"),
    ("nan", lambda: {"x": float("nan")}, verity.InvalidJsonError, "invalid_number"),
]


@pytest.mark.parametrize("entry", sorted(DOCUMENT_CALLS))
@pytest.mark.parametrize(("case", "make", "exc", "kind"), BAD_DOCUMENTS, ids=[b[0] for b in BAD_DOCUMENTS])
def test_bad_documents(entry: str, case: str, make: Callable[[], Any], exc: type[Exception], kind: str) -> None:
    with pytest.raises(exc) as info:
        DOCUMENT_CALLS[entry](make())
    assert info.value.kind == kind, str(info.value)  # type: ignore[attr-defined]
    assert info.value.path.startswith("$"), str(info.value)  # type: ignore[attr-defined]
    assert str(info.value).startswith(f"{kind} at $")


SCALAR_CALLS: dict[str, Callable[[Any], Any]] = {
    "detect_provider": verity.detect_provider,
    "rendered_prompt_sha256": verity.rendered_prompt_sha256,
    "probe_idempotency_key": lambda x: verity.probe_idempotency_key(x, "w", "t", "p", "m", 0),
    "run_idempotency_key": lambda x: verity.run_idempotency_key("o", "w", "t", "v", x, 0),
    "parse_idempotency_key": verity.parse_idempotency_key,
    "DedupIndex.delete": lambda x: verity.DedupIndex().delete("o", x, "t"),
    "classify.mode": lambda x: verity.classify({"output": []}, x),
    "render_context.budget": lambda x: verity.render_context(
        verity.update_conversation(None, {"role": "user", "text": "hi"}), x
    ),
    "ExecutionResult.failure": lambda x: verity.ExecutionResult.failure(x, "m"),
    "decide_retry.attempt": lambda x: verity.decide_retry("celery_default", x, {"kind": "timeout"}, 0.5),
    "verify_log.now": lambda x: verity.verify_log([], x),
    "is_failure_event": verity.is_failure_event,
    "inline_urls": verity.inline_urls,
}


@pytest.mark.parametrize("entry", sorted(SCALAR_CALLS))
@pytest.mark.parametrize("bad", [None, 1.5, b"x", ["x"], object()], ids=["none", "float", "bytes", "list", "object"])
def test_wrong_scalar_types(entry: str, bad: Any) -> None:
    if bad is None and entry in {"render_context.budget", "verify_log.now"}:
        assert SCALAR_CALLS[entry](bad) is not None  # optional: None means the default
        return
    with pytest.raises(verity.InvalidInputError) as info:
        SCALAR_CALLS[entry](bad)
    assert info.value.kind == "invalid_input"
    assert info.value.path.startswith("$.")
