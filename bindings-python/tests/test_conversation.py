"""conversation bindings: state round trips, compiled catalogue, rendering."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

import verity

from conftest import FIXTURES_DIR

CATALOG = json.loads((FIXTURES_DIR / "conversation/parts_catalog.json").read_text(encoding="utf-8"))


def test_turns_resolve_it_and_state_round_trips() -> None:
    catalog = verity.Catalog(CATALOG)
    assert len(catalog) > 0
    state = verity.update_conversation(None, {"role": "user", "text": "Do you have hydraulic pumps?"}, catalog)
    state = verity.update_conversation(
        state, {"role": "assistant", "text": "Yes. The HP-200 Hydraulic Pump is in stock at £450."}, catalog
    )
    stored = state.to_json()
    state = verity.update_conversation(
        json.loads(stored), {"role": "user", "text": "How much is it with delivery?"}, CATALOG
    )
    assert state.last_turn is not None
    resolutions = state.last_turn["resolutions"]
    assert resolutions[0]["targets"][0]["name"] == "HP-200 Hydraulic Pump"
    assert state.turn_count == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.turn_count = 0  # type: ignore[misc]
    context = verity.render_context(state)
    assert "HP-200" in context and len(context) <= 850
    assert len(verity.render_context(state, 120)) <= 120
    assert verity.render_context(state.to_dict()) == context
    assert verity.update_conversation(stored.encode(), {"role": "user", "text": "ok"}).turn_count == 3


def test_replay() -> None:
    replay = verity.replay_conversation(
        [
            {"role": "user", "text": "Do you have hydraulic pumps?"},
            {"role": "assistant", "text": "Yes. The HP-200 Hydraulic Pump is in stock at £450."},
            {"role": "user", "text": "How much is it with delivery?"},
        ],
        verity.Catalog(CATALOG),
    )
    assert set(replay) == {"resolutions", "topic_switches", "state"}


@pytest.mark.parametrize(
    ("call", "kind", "path"),
    [
        (lambda: verity.update_conversation(None, {"text": "hello"}), "missing_field", "$.role"),
        (lambda: verity.update_conversation(None, "hello"), "invalid_input", "$"),
        (lambda: verity.update_conversation([1], {"role": "user", "text": "hi"}), "invalid_input", "$"),
        (lambda: verity.update_conversation(None, {"role": "user", "text": "hi"}, ["x"]), "invalid_input", "$"),
        (lambda: verity.Catalog({"products": [{"category": "pumps"}]}), "missing_field", "$.products[0].name"),
        (lambda: verity.render_context({"format_version": 99}), "unsupported_version", "$.format_version"),
        (lambda: verity.render_context(verity.update_conversation(None, {"role": "user", "text": "hi"}), -5), "invalid_input", "$.budget"),
        (lambda: verity.replay_conversation([{"role": "user", "text": "a"}, {"role": "bot", "text": "b"}]), "invalid_input", "$[1].role"),
        (lambda: verity.update_conversation(None, b"{"), "invalid_json", "$"),
    ],
)
def test_bad_input(call: Any, kind: str, path: str) -> None:
    with pytest.raises(verity.VerityError) as info:
        call()
    assert (info.value.kind, info.value.path) == (kind, path)
