"""dedup bindings: canonical JSON, config hashes, keys, the DedupIndex."""

from __future__ import annotations

import dataclasses
import datetime
import json
import threading
from typing import Any

import pytest

import verity

from concurrency import assert_runs_in_parallel

CONFIG: dict[str, Any] = {
    "name": "Weekly probe",
    "org_id": "org_1",
    "workspace_id": "ws_1",
    "system_instructions": "Be brief.",
    "user_prompt_template": "Best {product} in {country}?",
    "country_set": ["ch", "DE", "de"],
    "model_id": "gpt-4o",
    "inference_params": {"temperature": 0.7, "max_tokens": 300, "seed": None},
}


def test_canonical_json_is_rfc8785() -> None:
    assert verity.canonical_json({"b": 1, "a": [1.0, 1e21, "é"]}) == '{"a":[1,1e+21,"é"],"b":1}'.encode()
    # Keys sort by UTF-16 code units: U+FB33 sorts after U+1D11E's surrogates.
    assert verity.canonical_json({"\ufb33": 1, "\U0001d11e": 2}) == '{"\U0001d11e":2,"\ufb33":1}'.encode()


def test_canonical_json_text_is_parsed_strictly() -> None:
    for form in ('{"a":1,"a":2}', b'{"a":1,"a":2}'):
        with pytest.raises(verity.InvalidJsonError) as info:
            verity.canonical_json(form)
        assert info.value.kind == "duplicate_key"


def test_config_hash_same_in_every_form_and_ignores_identity() -> None:
    text = json.dumps(CONFIG)
    by_dict = verity.template_config_hash(CONFIG)
    assert by_dict == verity.template_config_hash(text) == verity.template_config_hash(text.encode())
    renamed = dict(CONFIG, name="Other", org_id="org_2")
    assert verity.template_config_hash(renamed).config_hash == by_dict.config_hash
    assert len(by_dict.config_hash) == 64
    assert '"country_set":["CH","DE"]' in by_dict.canonical
    assert by_dict.to_dict() == json.loads(by_dict.to_json())
    assert by_dict.to_dict()["normalization_version"] == by_dict.normalization_version == 1
    assert hash(by_dict) == hash(verity.template_config_hash(text))


def test_config_hash_is_immutable() -> None:
    h = verity.template_config_hash(CONFIG)
    with pytest.raises(AttributeError):
        h.config_hash = "0" * 64  # type: ignore[misc]


def test_config_hash_errors_name_the_path() -> None:
    with pytest.raises(verity.InvalidInputError) as info:
        verity.template_config_hash(dict(CONFIG, inference_params={"temperature": "hot"}))
    assert info.value.path == "$.inference_params.temperature"
    with pytest.raises(verity.VerityError) as err:
        verity.template_config_hash(["not", "an", "object"])
    assert err.value.path == "$"
    with pytest.raises(verity.InvalidJsonError):
        verity.template_config_hash(b"{")


def test_config_hash_many_matches_single_and_names_the_failing_item() -> None:
    many = verity.template_config_hash_many([CONFIG, json.dumps(CONFIG).encode()])
    assert many == [verity.template_config_hash(CONFIG)] * 2
    with pytest.raises(verity.InvalidInputError) as info:
        verity.template_config_hash_many([CONFIG, dict(CONFIG, model_id=5)])
    assert info.value.path == "$[1].model_id"
    with pytest.raises(verity.InvalidInputError) as info:
        verity.template_config_hash_many(CONFIG)  # type: ignore[arg-type]
    assert info.value.path == "$.configs"


def test_prompt_hash() -> None:
    assert verity.rendered_prompt_sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert verity.rendered_prompt_sha256_many(["abc", ""])[1] == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    with pytest.raises(verity.InvalidInputError) as info:
        verity.rendered_prompt_sha256(b"abc")  # type: ignore[arg-type]
    assert info.value.path == "$.text"


def test_idempotency_keys() -> None:
    at = datetime.datetime(2026, 11, 21, 23, 5, tzinfo=datetime.timezone.utc)
    probe = verity.probe_idempotency_key("org", "ws", "tpl", "openai", "ft:gpt-4o:x", at)
    assert probe == "probe:org:ws:tpl:openai:ft%3Agpt-4o%3Ax:2026112123"
    assert verity.probe_idempotency_key("org", "ws", "tpl", "openai", "ft:gpt-4o:x", "2026-11-22T00:05:00+01:00") == probe
    assert verity.probe_idempotency_key("org", "ws", "tpl", "openai", "ft:gpt-4o:x", int(at.timestamp())) == probe
    run = verity.run_idempotency_key("org", "ws", "tpl", "v3", "CH", at)
    assert verity.parse_idempotency_key(run) == {
        "kind": "run", "org_id": "org", "workspace_id": "ws", "template_id": "tpl",
        "version": "v3", "country": "CH", "hour": "2026112123",
    }
    with pytest.raises(verity.InvalidInputError) as info:
        verity.run_idempotency_key("org", "ws", "tpl", "v3", "CH", datetime.datetime(2026, 1, 1))
    assert info.value.path == "$.at"
    with pytest.raises(verity.InvalidInputError) as info:
        verity.run_idempotency_key("org", "", "tpl", "v3", "CH", at)
    assert info.value.path == "$.workspace_id"
    with pytest.raises(verity.InvalidInputError):
        verity.run_idempotency_key("org", "ws", "tpl", "v3", "CH", "yesterday")
    with pytest.raises(verity.InvalidInputError) as info:
        verity.parse_idempotency_key("nope")
    assert info.value.kind == "invalid_input"


def test_dedup_index_scopes_and_soft_delete() -> None:
    index = verity.DedupIndex()
    assert index.create("o", "w", "t1", CONFIG)["status"] == "created"
    conflict = index.create("o", "w", "t2", json.dumps(CONFIG))
    assert conflict["status"] == "conflict" and conflict["existing_template_id"] == "t1"
    assert index.create("o", "other", "t3", CONFIG)["status"] == "created"
    assert index.check_duplicate("o", "w", CONFIG) == {"exact_match": True, "template_id": "t1"}
    assert index.delete("o", "w", "t1") is True
    assert index.delete("o", "w", "t1") is False
    assert index.check_duplicate("o", "w", CONFIG) == {"exact_match": False, "template_id": None}
    assert index.create("o", "w", "t4", CONFIG)["status"] == "created"
    with pytest.raises(verity.InvalidInputError) as info:
        index.create("o", "w", "t4", dict(CONFIG, model_id="other"))
    assert info.value.path == "$.template_id"


def test_dedup_index_concurrent_identical_creates_give_one_created() -> None:
    index = verity.DedupIndex()
    barrier = threading.Barrier(16)
    results: list[str] = []
    lock = threading.Lock()

    def create(i: int) -> None:
        barrier.wait()
        outcome = index.create("o", "w", f"t{i}", CONFIG)
        with lock:
            results.append(outcome["status"])

    threads = [threading.Thread(target=create, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict"] * 15 + ["created"]


def test_batch_hashing_releases_the_gil() -> None:
    configs = [dict(CONFIG, user_prompt_template=f"Prompt {i} " * 20) for i in range(200)]
    texts = [json.dumps(c).encode() for c in configs]

    def make(scale: int) -> Any:
        batch = texts * scale
        return lambda: verity.template_config_hash_many(batch)

    assert_runs_in_parallel(make)


def test_dataclasses_module_is_not_needed_for_native_results() -> None:
    assert not dataclasses.is_dataclass(verity.template_config_hash(CONFIG))


def test_normalisation_helpers() -> None:
    normalized = verity.normalize_template_config(CONFIG)
    assert normalized["country_set"] == ["CH", "DE"]
    assert "name" not in normalized and normalized["normalization_version"] == 1
    assert verity.canonical_json(normalized).decode() == verity.template_config_hash(CONFIG).canonical
    assert verity.normalize_text("  a  \r\nb\t\n\n") == "a\nb"
    assert verity.canonical_number(1e21) == "1e+21" and verity.canonical_number(-0.0) == "0"
    with pytest.raises(verity.InvalidJsonError) as info:
        verity.canonical_number(float("nan"))
    assert info.value.kind == "invalid_number"
    with pytest.raises(verity.InvalidInputError) as bad:
        verity.canonical_number("1")  # type: ignore[arg-type]
    assert bad.value.path == "$.x"
