"""metadata bindings: typed metadata, version keys, OpenTelemetry attributes."""

from __future__ import annotations

import dataclasses
import json

import pytest

import verity

from conftest import FIXTURES_DIR

CHAT = FIXTURES_DIR / "responses/openai_chat/plain.json"


def test_extract_metadata_is_typed_and_frozen() -> None:
    raw = CHAT.read_bytes()
    meta = verity.extract_metadata(raw)
    assert meta == verity.extract_metadata(json.loads(raw)) == verity.extract_metadata(raw.decode())
    assert (meta.provider, meta.api) == ("openai", "openai_chat")
    assert isinstance(meta.finish_reasons, tuple)
    assert meta.to_dict()["provider"] == "openai"
    with pytest.raises(dataclasses.FrozenInstanceError):
        meta.provider = "google"  # type: ignore[misc]
    if meta.usage is not None:
        with pytest.raises(TypeError):
            meta.usage["input_tokens"] = 0  # type: ignore[index]
    assert verity.extract_metadata(raw, api="openai_chat") == meta


def test_version_key_and_otel() -> None:
    raw = CHAT.read_bytes()
    assert verity.provider_version_key(raw, "gpt-4o").startswith("fp_")
    attrs = verity.otel_attributes(raw, model="gpt-4o", include_deprecated=True)
    assert attrs["gen_ai.provider.name"] == "openai"
    assert attrs["gen_ai.request.model"] == "gpt-4o"
    assert "gen_ai.system" in attrs
    assert "gen_ai.system" not in verity.otel_attributes(raw)


def test_detect_provider_and_api() -> None:
    assert verity.detect_provider("anthropic.claude-3-5-sonnet-20240620-v1:0") == "anthropic"
    assert verity.detect_provider("mystery-model") == "unknown"
    assert verity.detect_api(CHAT.read_bytes()) == "openai_chat"
    assert verity.detect_api({"x": 1}) is None


@pytest.mark.parametrize(
    ("call", "kind", "path"),
    [
        (lambda: verity.extract_metadata({"foo": 1}), "unknown_shape", "$"),
        (lambda: verity.extract_metadata(b"{"), "invalid_json", "$"),
        (lambda: verity.extract_metadata(CHAT.read_bytes(), api="bard"), "invalid_input", "$.api"),
        (lambda: verity.provider_version_key(CHAT.read_bytes(), 5), "invalid_input", "$.model"),
        (lambda: verity.otel_attributes(CHAT.read_bytes(), include_deprecated="yes"), "invalid_input", "$.include_deprecated"),
        (lambda: verity.otel_attributes(CHAT.read_bytes(), platform="mars"), "invalid_input", "$.platform"),
        (lambda: verity.detect_provider(None), "invalid_input", "$.model_id"),
    ],
)
def test_bad_input(call: object, kind: str, path: str) -> None:
    with pytest.raises(verity.VerityError) as info:
        call()  # type: ignore[operator]
    assert (info.value.kind, info.value.path) == (kind, path)
