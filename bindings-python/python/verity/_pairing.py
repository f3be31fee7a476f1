"""Pairing: typed face of ``verity._verity.pair`` & co."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any, Mapping, Optional, Union

from verity import _verity
from verity._results import Result, build, raw_field
from verity._verity import PairingConfig

JsonInput = Union[dict[str, Any], list[Any], str, bytes]
ConfigInput = Union[PairingConfig, dict[str, Any], str, bytes]


@dataclasses.dataclass(frozen=True, slots=True)
class PairingResult(Result):
    """``pairing.json``: pairs (by front id), tie-break questions for the
    host's LLM, singletons with a reason, metrics, the thresholds in effect."""

    engine_version: str
    config: Mapping[str, Any]
    pairs: tuple[Mapping[str, Any], ...]
    tiebreaks: tuple[Mapping[str, Any], ...]
    singletons: tuple[Mapping[str, Any], ...]
    metrics: Mapping[str, Any]
    _raw: dict[str, Any] = raw_field()


def pair(
    analysis: JsonInput,
    config: Optional[ConfigInput] = None,
    decisions: Optional[JsonInput] = None,
) -> PairingResult:
    """Pairs the images of an analysis document (GIL released while pairing).
    ``decisions``: the host's tie-break answers,
    ``{"decisions": [{"front": id, "back": id or None}]}``."""
    return build(PairingResult, _verity.pair(analysis, config, decisions))


async def pair_async(
    analysis: JsonInput,
    config: Optional[ConfigInput] = None,
    decisions: Optional[JsonInput] = None,
) -> PairingResult:
    """``pair`` in a worker thread: the event loop keeps serving meanwhile."""
    return await asyncio.to_thread(pair, analysis, config, decisions)


def verify_contract(analysis: JsonInput, pairing: Union[PairingResult, JsonInput]) -> list[dict[str, Any]]:
    """Contract violations of a pairing against its analysis (``[]``: none)."""
    doc = pairing._raw if isinstance(pairing, PairingResult) else pairing
    return _verity.verify_contract(analysis, doc)
