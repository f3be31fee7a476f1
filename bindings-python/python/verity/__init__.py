"""verity: deterministic, I/O-free decisions for LLM-application backends.

The native layer (``verity._verity``, Rust) makes every decision; this package
only re-exports it and wraps large outputs in frozen, typed result classes
(``verity._results``). JSON document arguments accept a ``dict``/``list``, a
``str`` or ``bytes`` (the raw HTTP body: parsed in Rust, no ``json.loads``).
Every error is a ``verity.VerityError`` (a ``ValueError``) with ``.kind``,
``.path`` and ``.message``.
"""

from __future__ import annotations

from verity import _verity
from verity._auditlog import VerifyReport, verify_log
from verity._enforcement import (
    Outcome,
    aggregate_outcomes,
    check_run_invariants,
    classify,
    classify_many,
    explain_failure,
)
from verity._metadata import ResponseMetadata, extract_metadata
from verity._results import Result
from verity._verity import (
    ConfigError,
    DedupIndex,
    ExecutionResult,
    InternalError,
    InvalidInputError,
    InvalidJsonError,
    InvariantViolationError,
    LimitExceededError,
    MissingFieldError,
    TemplateConfigHash,
    UnknownShapeError,
    UnsupportedVersionError,
    VerityError,
    aggregate_results,
    append_log_entries,
    append_log_entry,
    canonical_json,
    classify_failure,
    data_envelope,
    decide,
    decide_retry,
    detect_api,
    detect_provider,
    parse_idempotency_key,
    error_envelope,
    inline_urls,
    is_failure_event,
    otel_attributes,
    parse_envelope,
    parse_json,
    probe_idempotency_key,
    provider_version_key,
    rendered_prompt_sha256,
    rendered_prompt_sha256_many,
    run_idempotency_key,
    template_config_hash,
    template_config_hash_many,
)

__version__: str = _verity.__version__

__all__ = [
    "ConfigError",
    "DedupIndex",
    "ExecutionResult",
    "InternalError",
    "InvalidInputError",
    "InvalidJsonError",
    "InvariantViolationError",
    "LimitExceededError",
    "MissingFieldError",
    "Outcome",
    "ResponseMetadata",
    "Result",
    "TemplateConfigHash",
    "UnknownShapeError",
    "UnsupportedVersionError",
    "VerifyReport",
    "VerityError",
    "aggregate_outcomes",
    "aggregate_results",
    "append_log_entries",
    "append_log_entry",
    "canonical_json",
    "check_run_invariants",
    "classify",
    "classify_failure",
    "classify_many",
    "data_envelope",
    "decide",
    "decide_retry",
    "detect_api",
    "detect_provider",
    "error_envelope",
    "explain_failure",
    "extract_metadata",
    "inline_urls",
    "is_failure_event",
    "otel_attributes",
    "parse_envelope",
    "parse_idempotency_key",
    "parse_json",
    "probe_idempotency_key",
    "provider_version_key",
    "rendered_prompt_sha256",
    "rendered_prompt_sha256_many",
    "run_idempotency_key",
    "template_config_hash",
    "template_config_hash_many",
    "verify_log",
    "__version__",
]
