"""pairing bindings: the golden set, env-style config, contract, GIL release."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from typing import Any

import pytest

import verity

from concurrency import assert_runs_in_parallel
from conftest import GOLDEN_DIR

ANALYSIS = GOLDEN_DIR / "analysis.json"


def load(name: str) -> Any:
    return json.loads((GOLDEN_DIR / name).read_text(encoding="utf-8"))


def test_golden_pairing_equals_expected_in_every_form() -> None:
    expected = load("pairing-expected.json")
    raw = ANALYSIS.read_bytes()
    for form in (json.loads(raw), raw.decode(), raw):
        result = verity.pair(form)
        assert result.to_dict() == expected
    assert result.metrics == verity.pair(raw).metrics
    assert result.to_dict()["metrics"] == load("metrics-expected.json")
    assert verity.verify_golden(raw, expected, load("metrics-expected.json")) == []
    assert verity.verify_contract(raw, result) == []
    assert verity.verify_contract(raw, result.to_json()) == []
    assert result.engine_version == verity.pairing_engine_version()


def test_result_is_immutable() -> None:
    result = verity.pair(ANALYSIS.read_bytes())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.pairs = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.pairs[0]["front"] = "x"  # type: ignore[index]


def test_golden_diff_is_readable() -> None:
    expected = load("pairing-expected.json")
    expected["pairs"][0]["score"] = 0.0
    diffs = verity.verify_golden(ANALYSIS.read_bytes(), expected, load("metrics-expected.json"))
    assert diffs and diffs[0]["document"] == "pairing"


def test_config_from_env_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("PAIR_AUTO_SCORE", "2.2")
    monkeypatch.setenv("PAIR_AUTO_HAIR_SCORE", "2.0")
    monkeypatch.setenv("PAIR_DISABLE_TIEBREAK", "1")
    config = verity.PairingConfig.from_env(os.environ)
    assert config.auto_pair_score == 2.2 and config.disable_tiebreak is True
    assert config.to_dict()["category_auto_pair_score"] == {"hair": 2.0}
    safe = verity.pair(ANALYSIS.read_bytes(), config)
    assert safe.tiebreaks == ()
    assert safe.config == config.to_dict()
    assert verity.pair(ANALYSIS.read_bytes(), config.to_dict()).to_dict() == safe.to_dict()
    with pytest.raises(AttributeError):
        config.auto_pair_score = 1.0  # type: ignore[misc]
    assert verity.PairingConfig().with_dict({"min_margin": 0.7}).min_margin == 0.7


@pytest.mark.parametrize(
    ("call", "exc", "path"),
    [
        (lambda: verity.PairingConfig.from_env({"PAIR_BOGUS": "1"}), verity.ConfigError, "$.PAIR_BOGUS"),
        (lambda: verity.PairingConfig.from_env({"PAIR_AUTO_SCORE": "high"}), verity.ConfigError, "$.PAIR_AUTO_SCORE"),
        (lambda: verity.PairingConfig.from_env({"PAIR_AUTO_SCORE": 2}), verity.InvalidInputError, "$.PAIR_AUTO_SCORE"),
        (lambda: verity.PairingConfig.from_env(["PAIR_AUTO_SCORE"]), verity.InvalidInputError, "$.env"),
        (lambda: verity.PairingConfig.from_dict({"auto_pair_score": -1}), verity.ConfigError, "$.auto_pair_score"),
        (lambda: verity.pair({"images": [{"id": "a", "view": "top"}]}), verity.VerityError, "$.images[0].view"),
        (lambda: verity.pair({"images": [{"id": "a"}]}), verity.VerityError, None),
        (lambda: verity.pair(b"{"), verity.InvalidJsonError, "$"),
        (lambda: verity.pair([], {"nope": 1}), verity.ConfigError, "$.nope"),
        (lambda: verity.pair([], None, {"decisions": "x"}), verity.VerityError, None),
        (lambda: verity.verify_contract([], 5), verity.VerityError, None),
    ],
)
def test_bad_input(call: Any, exc: type[Exception], path: str) -> None:
    with pytest.raises(exc) as info:
        call()
    if path is not None:
        assert info.value.path == path  # type: ignore[attr-defined]


def test_pair_async() -> None:
    result = asyncio.run(verity.pair_async(ANALYSIS.read_bytes()))
    assert result.to_dict() == load("pairing-expected.json")


def test_compare_metrics() -> None:
    before = load("metrics-expected.json")
    after = json.loads(json.dumps(before))
    after["totals"]["pairs"] = after["totals"].get("pairs", 0) + 1
    changes = verity.compare_metrics(before, after)
    assert any(c["path"] == "$.totals.pairs" for c in changes)
    assert verity.compare_metrics(before, before) == []


def test_pairing_releases_the_gil() -> None:
    images = load("analysis.json")
    images = images["images"] if isinstance(images, dict) else images

    def make(scale: int) -> Any:
        many = []
        for k in range(scale):
            for img in images:
                many.append(dict(img, id=f"{k}-{img['id']}", brand=f"{img.get('brand', '')}{k}"))
        body = json.dumps({"images": many}).encode()
        return lambda: verity.pair(body)

    assert_runs_in_parallel(make)
