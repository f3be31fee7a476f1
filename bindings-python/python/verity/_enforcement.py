"""Grounding enforcement: typed face of ``verity._verity.classify`` & co."""

from __future__ import annotations

import dataclasses
from typing import Any, Optional, Sequence, Union

from verity import _verity
from verity._results import Result, build, raw_field

JsonInput = Union[dict[str, Any], list[Any], str, bytes]


@dataclasses.dataclass(frozen=True, slots=True)
class Outcome(Result):
    """The classification of one grounded run. Immutable: a REQUIRED run with
    zero successful searches is ``failed`` and can never be made ``ok``."""

    requested_mode: str
    enforcement_mode: str
    provider: str
    model: Optional[str]
    tool_call_count: int
    attempted_tool_call_count: int
    grounded_effective: bool
    status: str
    enforcement_passed: bool
    error_code: Optional[str]
    budget_starved: bool
    usage_reasoning_tokens: Optional[int]
    search_queries: tuple[str, ...]
    citation_urls: tuple[str, ...]
    citations_count: int
    search_confidence: Optional[float]
    answer_text: str
    retryable: bool
    _raw: dict[str, Any] = raw_field()


def _outcome(raw: dict[str, Any]) -> Outcome:
    return build(Outcome, raw)


def _as_json(value: Any) -> Any:
    """An ``Outcome`` passed back in goes as its JSON form (the core re-validates it)."""
    return value._raw if isinstance(value, Outcome) else value


def classify(
    response: JsonInput,
    mode: str,
    *,
    enforcement_mode: Optional[str] = None,
    model: Optional[str] = None,
    max_output_tokens: Optional[int] = None,
    search_tool_names: Optional[Sequence[str]] = None,
    api: Optional[str] = None,
    enforcement_mode_table: Optional[JsonInput] = None,
) -> Outcome:
    """Classifies a raw provider response against ``mode``
    (``UNGROUNDED`` | ``PREFERRED`` | ``REQUIRED``)."""
    return _outcome(
        _verity.classify(
            response,
            mode,
            enforcement_mode=enforcement_mode,
            model=model,
            max_output_tokens=max_output_tokens,
            search_tool_names=search_tool_names,
            api=api,
            enforcement_mode_table=enforcement_mode_table,
        )
    )


def classify_many(
    responses: Sequence[JsonInput],
    mode: str,
    *,
    enforcement_mode: Optional[str] = None,
    model: Optional[str] = None,
    max_output_tokens: Optional[int] = None,
    search_tool_names: Optional[Sequence[str]] = None,
    api: Optional[str] = None,
    enforcement_mode_table: Optional[JsonInput] = None,
) -> list[Outcome]:
    """``classify`` over many responses with the GIL released (one call)."""
    raws = _verity.classify_many(
        responses,
        mode,
        enforcement_mode=enforcement_mode,
        model=model,
        max_output_tokens=max_output_tokens,
        search_tool_names=search_tool_names,
        api=api,
        enforcement_mode_table=enforcement_mode_table,
    )
    return [_outcome(r) for r in raws]


def check_run_invariants(record: Union[JsonInput, Outcome]) -> list[dict[str, str]]:
    """Every invariant violation of a persisted run record, each
    ``{"code", "path", "message"}``; ``[]`` means the record may be written."""
    return _verity.check_run_invariants(_as_json(record))


def explain_failure(outcome: Union[Outcome, JsonInput]) -> Optional[dict[str, Any]]:
    """A readable explanation of a failed run (``None`` when it passed)."""
    return _verity.explain_failure(_as_json(outcome))


def aggregate_outcomes(outcomes: Sequence[Union[Outcome, JsonInput]]) -> dict[str, Any]:
    """Aggregate measures: soft-required fail rate, grounded rate by provider and mode."""
    return _verity.aggregate_outcomes([_as_json(o) for o in outcomes])
