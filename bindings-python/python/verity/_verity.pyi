"""Stubs for the native layer ``verity._verity`` (checked with mypy.stubtest)."""

from typing import Any, Final, Optional, Union

_JsonInput = Union[dict[str, Any], list[Any], str, bytes]

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
    "_load_document",
    "detect_provider",
    "detect_api",
    "canonical_json",
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
def _load_document(obj: Any) -> Any: ...

# metadata
def detect_provider(model_id: str) -> str: ...
def detect_api(response: _JsonInput) -> Optional[str]: ...

# dedup
def canonical_json(value: Any) -> bytes: ...
