"""verity: deterministic, I/O-free decisions for LLM-application backends.

The native layer (``verity._verity``, Rust) makes every decision; this package
only re-exports it and wraps outputs in frozen, typed result classes.
Inputs that are JSON documents accept a ``dict``/``list``, a ``str`` or
``bytes`` (the raw HTTP body: parsed in Rust, no ``json.loads`` needed).
"""

from __future__ import annotations

from verity import _verity
from verity._verity import (
    ConfigError,
    InternalError,
    InvalidInputError,
    InvalidJsonError,
    InvariantViolationError,
    LimitExceededError,
    MissingFieldError,
    UnknownShapeError,
    UnsupportedVersionError,
    VerityError,
    canonical_json,
    detect_api,
    detect_provider,
)

__version__: str = _verity.__version__

__all__ = [
    "ConfigError",
    "InternalError",
    "InvalidInputError",
    "InvalidJsonError",
    "InvariantViolationError",
    "LimitExceededError",
    "MissingFieldError",
    "UnknownShapeError",
    "UnsupportedVersionError",
    "VerityError",
    "__version__",
    "canonical_json",
    "detect_api",
    "detect_provider",
]
