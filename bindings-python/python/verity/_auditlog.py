"""Audit log: typed face of ``verity._verity.verify_log``."""

from __future__ import annotations

import dataclasses
from typing import Any, Mapping, Optional, Sequence, Union

from verity import _verity
from verity._results import Result, build, raw_field

JsonInput = Union[dict[str, Any], list[Any], str, bytes]


@dataclasses.dataclass(frozen=True, slots=True)
class VerifyReport(Result):
    """What ``verify_log`` found: ``ok`` is true only when no problem was found.
    ``problems`` are in stream order, then end-of-stream problems."""

    ok: bool
    entries: int
    lines: int
    first_seq: Optional[int]
    last_seq: Optional[int]
    last_hash: Optional[str]
    newest_timestamp: Optional[str]
    problem_counts: Mapping[str, int]
    problems: tuple[Mapping[str, Any], ...]
    problems_omitted: int
    subsystems: Mapping[str, Mapping[str, Any]]
    _raw: dict[str, Any] = raw_field()


def verify_log(
    entries: Union[Sequence[JsonInput], str, bytes],
    now: Optional[str] = None,
    *,
    options: Optional[JsonInput] = None,
    **option_kwargs: Any,
) -> VerifyReport:
    """Verifies a hash-chained log (entry dicts / JSON lines, or JSONL text or
    bytes of a whole log); ``now`` (RFC 3339) enables the staleness and
    silent-subsystem checks. Options (``stale_after_seconds``,
    ``silent_after_seconds``, ``require_genesis``, ``checkpoint``,
    ``max_problems``) as keywords or an ``options`` dict. Runs with the GIL released."""
    return build(VerifyReport, _verity.verify_log(entries, now, options=options, **option_kwargs))
