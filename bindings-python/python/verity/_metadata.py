"""Provider metadata: typed face of ``verity._verity.extract_metadata``."""

from __future__ import annotations

import dataclasses
from typing import Any, Mapping, Optional, Union

from verity import _verity
from verity._results import Result, build, raw_field

JsonInput = Union[dict[str, Any], list[Any], str, bytes]


@dataclasses.dataclass(frozen=True, slots=True)
class ResponseMetadata(Result):
    """Who produced a response and what it cost (spec: metadata)."""

    provider: str
    platform: str
    api: str
    model: Optional[str]
    model_version: Optional[str]
    response_id: Optional[str]
    created: Optional[int]
    system_fingerprint: Optional[str]
    service_tier: Optional[str]
    finish_reasons: tuple[str, ...]
    usage: Optional[Mapping[str, Optional[int]]]
    grounding_metadata: tuple[Mapping[str, Any], ...]
    _raw: dict[str, Any] = raw_field()


def extract_metadata(response: JsonInput, *, api: Optional[str] = None) -> ResponseMetadata:
    """Provider, platform, API, model, ids, timestamps, usage of a raw response."""
    return build(ResponseMetadata, _verity.extract_metadata(response, api=api))
