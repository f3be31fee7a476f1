"""enforcement bindings beyond the vectors: typed immutable outcomes, the
three input forms, batch classification with the GIL released, bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest

import verity

from concurrency import assert_runs_in_parallel
from conftest import FIXTURES_DIR

FAILED = FIXTURES_DIR / "responses/openai_responses/web_search_failed.json"
COMPLETED = FIXTURES_DIR / "responses/openai_responses/web_search_completed.json"
LONG = FIXTURES_DIR / "responses/openai_responses/web_search_long.json"


def test_same_outcome_from_dict_str_and_bytes() -> None:
    raw = COMPLETED.read_bytes()
    outcomes = [
        verity.classify(json.loads(raw), "REQUIRED"),
        verity.classify(raw.decode(), "REQUIRED"),
        verity.classify(raw, "REQUIRED"),
    ]
    assert outcomes[0] == outcomes[1] == outcomes[2]
    assert outcomes[0].status == "ok" and outcomes[0].tool_call_count >= 1


def test_required_without_successful_search_is_failed_and_immutable() -> None:
    outcome = verity.classify(FAILED.read_bytes(), "REQUIRED")
    assert (outcome.status, outcome.enforcement_passed) == ("failed", False)
    assert outcome.error_code in ("no_tool_call_in_required", "no_tool_call_in_soft_required")
    with pytest.raises(AttributeError):
        outcome.status = "ok"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        object.__setattr__(outcome, "status", "ok")
    with pytest.raises(AttributeError):
        outcome.nonexistent = 1  # type: ignore[attr-defined]
    assert isinstance(outcome.search_queries, tuple)
    assert verity.Outcome.from_dict(outcome.to_json()) == outcome
    copy = outcome.to_dict()
    copy["status"] = "ok"
    assert outcome.to_dict()["status"] == "failed"
    assert json.loads(outcome.to_json()) == outcome.to_dict()
    # A tampered record goes back in through the core, which re-validates it.
    with pytest.raises(verity.VerityError):
        verity.explain_failure(copy)


def test_persistence_gate_reports_the_ship_blocker() -> None:
    outcome = verity.classify(FAILED.read_bytes(), "REQUIRED")
    assert verity.check_run_invariants(outcome) == []
    forged = dict(outcome.to_dict(), status="ok", enforcement_passed=True, error_code=None)
    violations = verity.check_run_invariants(forged)
    assert {v["path"] for v in violations} >= {"$.status", "$.enforcement_passed"}
    assert all(set(v) == {"code", "path", "message"} for v in violations)


def test_explain_aggregate_decide_inline_urls() -> None:
    failed = verity.classify(FAILED.read_bytes(), "REQUIRED")
    ok = verity.classify(COMPLETED.read_bytes(), "REQUIRED")
    explanation = verity.explain_failure(failed)
    assert explanation is not None and explanation["title"]
    assert verity.explain_failure(ok) is None
    measures = verity.aggregate_outcomes([failed, ok, ok.to_dict()])
    assert isinstance(measures, dict) and measures
    verdict = verity.decide("REQUIRED", 0, 3, "hard")
    assert verdict["status"] == "failed" and verdict["error_code"] == "no_tool_call_in_required"
    assert verity.inline_urls("see https://a.example/x, and http://b.example.") == [
        "https://a.example/x",
        "http://b.example",
    ]


def test_classify_many_matches_classify_and_names_the_item() -> None:
    bodies = [COMPLETED.read_bytes(), FAILED.read_text(), json.loads(LONG.read_bytes())]
    many = verity.classify_many(bodies, "REQUIRED")
    assert many == [verity.classify(b, "REQUIRED") for b in bodies]
    with pytest.raises(verity.InvalidInputError) as info:
        verity.classify_many([bodies[0], {"output": [{"type": "web_search_call", "status": 200}]}], "REQUIRED")
    assert info.value.path == "$[1].output[0].status"
    with pytest.raises(verity.InvalidJsonError) as bad:
        verity.classify_many([bodies[0], b"{"], "REQUIRED")
    assert bad.value.path.startswith("$[1]")


@pytest.mark.parametrize(
    ("kwargs", "kind", "path"),
    [
        ({"mode": 3}, "invalid_input", "$.mode"),
        ({"mode": "SOMETIMES"}, "invalid_input", "$.mode"),
        ({"enforcement_mode": "medium"}, "invalid_input", "$.enforcement_mode"),
        ({"model": 5}, "invalid_input", "$.model"),
        ({"max_output_tokens": -1}, "invalid_input", "$.max_output_tokens"),
        ({"max_output_tokens": "10"}, "invalid_input", "$.max_output_tokens"),
        ({"search_tool_names": "web"}, "invalid_input", "$.search_tool_names"),
        ({"search_tool_names": ["web", 1]}, "invalid_input", "$.search_tool_names[1]"),
        ({"api": "bard"}, "invalid_input", "$.api"),
        ({"enforcement_mode_table": {"rules": "x", "default": "hard"}}, "invalid_input", None),
    ],
)
def test_bad_options(kwargs: dict[str, Any], kind: str, path: str) -> None:
    args: dict[str, Any] = {"response": COMPLETED.read_bytes(), "mode": "REQUIRED"}
    args.update(kwargs)
    with pytest.raises(verity.VerityError) as info:
        verity.classify(**args)
    assert info.value.kind == kind
    if path is not None:
        assert info.value.path == path
    else:
        assert info.value.path.startswith("$.enforcement_mode_table")


def test_batch_classification_releases_the_gil() -> None:
    body = LONG.read_bytes()

    def make(scale: int) -> Any:
        batch = [body] * (200 * scale)
        return lambda: verity.classify_many(batch, "REQUIRED")

    assert_runs_in_parallel(make)
