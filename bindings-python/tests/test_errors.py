"""The exception hierarchy and the conversion layer's handling of bad input."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import verity


def nested(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


def test_hierarchy_and_public_module_path() -> None:
    for cls in (
        verity.InvalidJsonError,
        verity.InvalidInputError,
        verity.MissingFieldError,
        verity.UnknownShapeError,
        verity.LimitExceededError,
        verity.InvariantViolationError,
        verity.UnsupportedVersionError,
        verity.ConfigError,
        verity.InternalError,
    ):
        assert issubclass(cls, verity.VerityError)
        assert cls.__module__ == "verity"
    assert issubclass(verity.VerityError, ValueError)
    assert issubclass(verity.MissingFieldError, verity.InvalidInputError)


def test_error_carries_kind_path_and_message() -> None:
    with pytest.raises(verity.InvalidJsonError) as info:
        verity.parse_json({"a": [{"b": float("nan")}]})
    assert info.value.kind == "invalid_number"
    assert info.value.path == "$.a[0].b"
    assert "NaN" in info.value.message
    assert str(info.value).startswith("invalid_number at $.a[0].b")


def test_errors_pickle_by_public_name() -> None:
    err = verity.InvalidInputError("x")
    assert isinstance(pickle.loads(pickle.dumps(err)), verity.InvalidInputError)


@pytest.mark.parametrize("text", ['{"a": ', "[1,,2]", "nope", "{'a': 1}", ""])
def test_malformed_json_text_and_bytes(text: str) -> None:
    for form in (text, text.encode()):
        with pytest.raises(verity.InvalidJsonError) as info:
            verity.parse_json(form)
        assert info.value.kind == "invalid_json"
        assert info.value.path == "$"


def test_invalid_utf8_bytes() -> None:
    with pytest.raises(verity.InvalidJsonError) as info:
        verity.parse_json(b'{"a": "\xff"}')
    assert info.value.kind == "invalid_json"


def test_too_deep_in_every_form() -> None:
    deep_text = "[" * 200 + "]" * 200
    for form in (deep_text, deep_text.encode(), nested(200)):
        with pytest.raises(verity.LimitExceededError) as info:
            verity.parse_json(form)
        assert info.value.kind == "too_deep"


def test_extremely_deep_dict_is_an_exception_not_a_crash() -> None:
    value: dict[str, Any] = {}
    cursor = value
    for _ in range(200_000):
        cursor["a"] = {}
        cursor = cursor["a"]
    with pytest.raises(verity.LimitExceededError) as info:
        verity.parse_json(value)
    assert info.value.kind == "too_deep"
    assert info.value.path.startswith("$.a.a.a")


def test_depth_limit_is_128() -> None:
    assert verity.parse_json(nested(128)) == nested(128)
    with pytest.raises(verity.LimitExceededError):
        verity.parse_json(nested(129))


def test_too_large_in_every_form() -> None:
    big = '["' + "x" * (9 * 1024 * 1024) + '"]'
    for form in (big, big.encode(), ["x" * (9 * 1024 * 1024)]):
        with pytest.raises(verity.LimitExceededError) as info:
            verity.parse_json(form)
        assert info.value.kind == "too_large"


@pytest.mark.parametrize(
    ("value", "kind", "path"),
    [
        ({"a": {1, 2}}, "invalid_input", "$.a"),
        ({1: "x"}, "invalid_input", "$"),
        ({"a": [0, object()]}, "invalid_input", "$.a[1]"),
        ({"a": 2**70}, "invalid_number", "$.a"),
        ({"a": float("inf")}, "invalid_number", "$.a"),
        ({"a b": {"c": "\ud800"}}, "invalid_string", '$["a b"].c'),
    ],
)
def test_unsupported_python_values(value: Any, kind: str, path: str) -> None:
    with pytest.raises(verity.VerityError) as info:
        verity.parse_json(value)
    assert info.value.kind == kind
    assert info.value.path == path


def test_wrong_scalar_argument_type() -> None:
    with pytest.raises(verity.InvalidInputError) as info:
        verity.detect_provider(5)  # type: ignore[arg-type]
    assert info.value.kind == "invalid_input"
    assert info.value.path == "$.model_id"
    with pytest.raises(verity.InvalidInputError) as info:
        verity.detect_api(object())  # type: ignore[arg-type]
    assert info.value.path == "$"


def test_tuples_and_big_unsigned_ints_convert() -> None:
    assert verity.parse_json({"t": (1, 2), "u": 2**64 - 1}) == {"t": [1, 2], "u": 2**64 - 1}


def test_a_rust_panic_is_an_internal_error_not_a_crash() -> None:
    for detached in (False, True):
        with pytest.raises(verity.InternalError) as info:
            verity._verity._panic_for_tests(detached)
        assert info.value.kind == "internal"
        assert "deliberate panic" in info.value.message
        assert isinstance(info.value, ValueError)
    assert verity.detect_provider("gpt-4o") == "openai"  # the module still works
