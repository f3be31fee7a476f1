"""Conversation metadata: typed face of ``verity._verity.update_conversation``."""

from __future__ import annotations

import dataclasses
from typing import Any, Mapping, Optional, Sequence, Union

from verity import _verity
from verity._results import Result, build, raw_field
from verity._verity import Catalog

StateInput = Union["ConversationState", dict[str, Any], bytes]
CatalogInput = Union[Catalog, dict[str, Any], bytes]


@dataclasses.dataclass(frozen=True, slots=True)
class ConversationState(Result):
    """The stored state of a conversation (store ``to_dict()``/``to_json()``);
    ``last_turn`` is the report of the turn that produced it."""

    format_version: int
    turn_count: int
    last_turn_index: Optional[int]
    topic: Optional[Mapping[str, Any]]
    focus: Optional[str]
    entities: tuple[Mapping[str, Any], ...]
    last_list: Optional[Mapping[str, Any]]
    last_turn: Optional[Mapping[str, Any]]
    _raw: dict[str, Any] = raw_field()


def _as_json(state: Optional[StateInput]) -> Any:
    return state._raw if isinstance(state, ConversationState) else state


def update_conversation(
    state: Optional[StateInput],
    turn: Union[Mapping[str, Any], bytes],
    catalog: Optional[CatalogInput] = None,
) -> ConversationState:
    """Applies one turn ``{"role", "text", "turn_index"?}`` to ``state``
    (``None``: a new conversation). Pass a ``verity.Catalog`` built once."""
    return build(ConversationState, _verity.update_conversation(_as_json(state), turn, catalog))


def render_context(state: StateInput, budget: Optional[int] = 850) -> str:
    """The compact context block for the prompt, at most ``budget`` characters."""
    return _verity.render_context(_as_json(state), budget)


def replay_conversation(
    turns: Sequence[Mapping[str, Any]], catalog: Optional[CatalogInput] = None
) -> dict[str, Any]:
    """Folds ``update_conversation`` over ``turns``:
    ``{"resolutions", "topic_switches", "state"}``."""
    return _verity.replay_conversation(turns, catalog)
