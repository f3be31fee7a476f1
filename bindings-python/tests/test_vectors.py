"""Generic runner over every conformance vector in tests/vectors/**/*.json.

Follows tests/vectors/README.md exactly:
- ``op`` is the Python name: ``verity.<op>`` is called with ``args`` as keyword
  arguments. An op this package does not bind FAILS (never skips).
- ``{"$fixture": p}`` becomes the parsed tests/fixtures/p, ``{"$fixture_text": p}``
  the raw text of that file.
- ``expected`` is compared with the output's JSON form (``.to_dict()``; bytes
  as UTF-8 text), exactly or as a subset (``"match": "subset"``), with JSON
  scalar types kept apart (``true`` is not ``1``, ``12`` is not ``12.0``); ``error``
  gives ``kind``, ``path`` and optional ``message_contains``.
- Document arguments (accepting dict/list, str or bytes) are exercised in all
  three forms: as given, as JSON text (str) and as UTF-8 bytes. An argument
  that came from ``$fixture_text`` is exact text: only str and bytes forms.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any, Callable, Iterator

import pytest

import verity

from conftest import FIXTURES_DIR, VECTORS_DIR

# Arguments that are JSON documents (accept dict/list, str or bytes), per op.
DOCUMENT_ARGS: dict[str, tuple[str, ...]] = {
    "classify": ("response",),
    "classify_many": ("responses",),
    "check_run_invariants": ("record",),
    "extract_metadata": ("response",),
    "provider_version_key": ("response",),
    "otel_attributes": ("response",),
    "detect_api": ("response",),
    "canonical_json": ("value",),
    "template_config_hash": ("config",),
    "pair": ("analysis", "config", "decisions"),
    "verify_contract": ("analysis", "pairing"),
    "execution_result_from_dict": ("value",),
    "envelope_from_result": ("result",),
    "classify_failure": ("signal",),
    "decide_retry": ("failure",),
    "append_log_entry": ("previous", "event"),
}


class _Text(str):
    """Marks an argument that came from ``$fixture_text`` (exact bytes)."""


def resolve(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$fixture"}:
            path = FIXTURES_DIR / value["$fixture"]
            return json.loads(path.read_text(encoding="utf-8"))
        if set(value) == {"$fixture_text"}:
            path = FIXTURES_DIR / value["$fixture_text"]
            return _Text(path.read_text(encoding="utf-8"))
        return {k: resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v) for v in value]
    return value


def load_cases() -> Iterator[Any]:
    for path in sorted(VECTORS_DIR.rglob("*.json")):
        rel = path.relative_to(VECTORS_DIR).as_posix()
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            op = case["op"]
            doc_args = [
                a
                for a in DOCUMENT_ARGS.get(op, ())
                if a in case.get("args", {}) and case["args"][a] is not None
            ]
            forms = ["given"]
            if doc_args:
                # A document given as a string is JSON text already: its
                # forms are that str and its UTF-8 bytes.
                text_only = all(isinstance(case["args"][a], str) or "$fixture_text" in case["args"][a] for a in doc_args)
                forms = ["str", "bytes"] if text_only else ["given", "str", "bytes"]
            for form in forms:
                yield pytest.param(case, doc_args, form, id=f"{rel}::{case['name']}::{form}")


def with_form(value: Any, form: str) -> Any:
    if form == "given":
        return str(value) if isinstance(value, _Text) else value
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if form == "str" else text.encode("utf-8")


def json_form(result: Any) -> Any:
    if hasattr(result, "to_dict"):
        return result.to_dict()
    if isinstance(result, bytes):
        return result.decode("utf-8")
    if isinstance(result, list):
        return [json_form(r) for r in result]
    return result


def same_scalar(expected: Any, actual: Any) -> bool:
    """JSON scalar equality as serde_json sees it: `true` is not `1`, and an
    integer is not a float (`12` vs `12.0`)."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return type(expected) is type(actual) and expected == actual
    return bool(expected == actual)


def exact_match(expected: Any, actual: Any, path: str = "$") -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected an object, got {actual!r}"
        assert sorted(actual) == sorted(expected), f"{path}: keys {sorted(actual)} != {sorted(expected)}"
        for key, value in expected.items():
            exact_match(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{path}: expected an array, got {actual!r}"
        assert len(actual) == len(expected), f"{path}: length {len(actual)} != {len(expected)}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            exact_match(e, a, f"{path}[{i}]")
    else:
        assert same_scalar(expected, actual), f"{path}: {actual!r} != {expected!r}"


def subset_match(expected: Any, actual: Any, path: str = "$") -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected an object, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{path}.{key}: missing in output {sorted(actual)}"
            subset_match(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{path}: expected an array, got {actual!r}"
        assert len(actual) == len(expected), f"{path}: length {len(actual)} != {len(expected)}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            subset_match(e, a, f"{path}[{i}]")
    else:
        assert same_scalar(expected, actual), f"{path}: {actual!r} != {expected!r}"


def operation(op: str) -> Callable[..., Any]:
    fn = getattr(verity, op, None)
    if fn is None:
        pytest.fail(f"vector op {op!r} is not bound by the verity package")
    return fn  # type: ignore[no-any-return]


CASES = list(load_cases())


def test_vectors_are_present() -> None:
    # The runner must not silently pass on an empty or missing vector tree.
    assert (VECTORS_DIR / "README.md").exists()


@pytest.mark.parametrize(("case", "doc_args", "form"), CASES)
def test_vector(case: dict[str, Any], doc_args: list[str], form: str) -> None:
    fn = operation(case["op"])
    args = resolve(case.get("args", {}))
    call_args = {
        k: (with_form(v, form) if k in doc_args else (str(v) if isinstance(v, _Text) else v))
        for k, v in args.items()
    }
    if "error" in case:
        err = case["error"]
        with pytest.raises(verity.VerityError) as info:
            fn(**call_args)
        assert info.value.kind == err["kind"], str(info.value)
        if "path" in err:
            assert info.value.path == err["path"], str(info.value)
        if "message_contains" in err:
            assert err["message_contains"] in str(info.value)
        return
    actual = json_form(fn(**call_args))
    expected = case["expected"]
    if case.get("match") == "subset":
        subset_match(expected, actual)
    else:
        exact_match(expected, actual)
