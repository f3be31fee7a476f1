"""Stubs for the native layer ``verity._verity`` (checked with mypy.stubtest)."""

import datetime
from typing import Any, Final, Optional, Sequence, Union, final

_JsonInput = Union[dict[str, Any], list[Any], str, bytes]
_Time = Union[int, str, datetime.datetime]

__all__ = [
    "__version__",
    "VerityError",
    "InvalidJsonError",
    "InvalidInputError",
    "MissingFieldError",
    "UnknownShapeError",
    "LimitExceededError",
    "InvariantViolationError",
    "UnsupportedVersionError",
    "ConfigError",
    "InternalError",
    "_dumps",
    "parse_json",
    "detect_provider",
    "detect_api",
    "extract_metadata",
    "provider_version_key",
    "otel_attributes",
    "canonical_json",
    "TemplateConfigHash",
    "template_config_hash",
    "template_config_hash_many",
    "rendered_prompt_sha256",
    "rendered_prompt_sha256_many",
    "probe_idempotency_key",
    "run_idempotency_key",
    "parse_idempotency_key",
    "DedupIndex",
    "classify",
    "classify_many",
    "check_run_invariants",
    "explain_failure",
    "aggregate_outcomes",
    "decide",
    "inline_urls",
]

__version__: Final[str]

class VerityError(ValueError):
    kind: str
    path: str
    message: str

class InvalidJsonError(VerityError): ...
class InvalidInputError(VerityError): ...
class MissingFieldError(InvalidInputError): ...
class UnknownShapeError(VerityError): ...
class LimitExceededError(VerityError): ...
class InvariantViolationError(VerityError): ...
class UnsupportedVersionError(VerityError): ...
class ConfigError(VerityError): ...
class InternalError(VerityError): ...

def _dumps(obj: Any) -> str: ...
def parse_json(data: Any) -> Any: ...

# metadata
def detect_provider(model_id: str) -> str: ...
def detect_api(response: _JsonInput) -> Optional[str]: ...
def extract_metadata(response: _JsonInput, *, api: Optional[str] = None) -> dict[str, Any]: ...
def provider_version_key(response: _JsonInput, model: Optional[str] = None) -> str: ...
def otel_attributes(
    response: _JsonInput,
    *,
    model: Optional[str] = None,
    include_deprecated: Optional[bool] = None,
    platform: Optional[str] = None,
) -> dict[str, Union[str, int, list[str]]]: ...

# dedup
def canonical_json(value: Any) -> bytes: ...

@final
class TemplateConfigHash:
    @property
    def config_hash(self) -> str: ...
    @property
    def canonical(self) -> str: ...
    @property
    def normalization_version(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def template_config_hash(config: _JsonInput) -> TemplateConfigHash: ...
def template_config_hash_many(configs: Union[list[_JsonInput], tuple[_JsonInput, ...]]) -> list[TemplateConfigHash]: ...
def rendered_prompt_sha256(text: str) -> str: ...
def rendered_prompt_sha256_many(texts: list[str]) -> list[str]: ...
def probe_idempotency_key(
    org_id: str, workspace_id: str, template_id: str, provider: str, model: str, at: _Time
) -> str: ...
def run_idempotency_key(
    org_id: str, workspace_id: str, template_id: str, version: str, country: str, at: _Time
) -> str: ...
def parse_idempotency_key(key: str) -> dict[str, str]: ...
@final
class DedupIndex:
    def __new__(cls) -> DedupIndex: ...
    def create(self, org_id: str, workspace_id: str, template_id: str, config: _JsonInput) -> dict[str, str]: ...
    def check_duplicate(self, org_id: str, workspace_id: str, config: _JsonInput) -> dict[str, Any]: ...
    def delete(self, org_id: str, workspace_id: str, template_id: str) -> bool: ...

# enforcement
def classify(
    response: _JsonInput,
    mode: str,
    *,
    enforcement_mode: Optional[str] = None,
    model: Optional[str] = None,
    max_output_tokens: Optional[int] = None,
    search_tool_names: Optional[Sequence[str]] = None,
    api: Optional[str] = None,
    enforcement_mode_table: Optional[_JsonInput] = None,
) -> dict[str, Any]: ...
def classify_many(
    responses: Sequence[_JsonInput],
    mode: str,
    *,
    enforcement_mode: Optional[str] = None,
    model: Optional[str] = None,
    max_output_tokens: Optional[int] = None,
    search_tool_names: Optional[Sequence[str]] = None,
    api: Optional[str] = None,
    enforcement_mode_table: Optional[_JsonInput] = None,
) -> list[dict[str, Any]]: ...
def check_run_invariants(record: _JsonInput) -> list[dict[str, str]]: ...
def explain_failure(outcome: _JsonInput) -> Optional[dict[str, Any]]: ...
def aggregate_outcomes(outcomes: Sequence[_JsonInput]) -> dict[str, Any]: ...
def decide(mode: str, tool_call_count: int, attempted_tool_call_count: int, enforcement_mode: str) -> dict[str, Any]: ...
def inline_urls(text: str) -> list[str]: ...
