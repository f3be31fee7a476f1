"""Frozen, typed result classes built from the native layer's JSON-shaped output.

The native layer decides and returns a dict with the spec's JSON field names;
this module only gives that dict a typed, immutable face: each declared field
is read by its JSON name, lists become tuples and objects read-only mappings
(``types.MappingProxyType``), so nothing reachable from a result can be
reassigned. The native dict is kept so ``to_dict()`` / ``to_json()`` are
exactly the core's JSON (Rust ``serde_json``), not a re-derivation.
"""

from __future__ import annotations

import copy
import dataclasses
import types
from typing import Any, TypeVar

from verity import _verity

_R = TypeVar("_R", bound="Result")


class Result:
    """Base of every result class: immutable, with ``to_dict``/``to_json``."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The output's JSON form (a fresh copy: mutating it changes nothing here)."""
        raw: dict[str, Any] = getattr(self, "_raw")
        return copy.deepcopy(raw)

    def to_json(self) -> str:
        """Compact JSON text, serialised by the Rust core (serde_json)."""
        return _verity._dumps(getattr(self, "_raw"))


def freeze(value: Any) -> Any:
    """A read-only view of a JSON value: lists → tuples, dicts → mapping proxies."""
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    if isinstance(value, dict):
        return types.MappingProxyType({k: freeze(v) for k, v in value.items()})
    return value


def build(cls: type[_R], raw: dict[str, Any]) -> _R:
    """An instance of ``cls`` from the native dict (absent field → ``None``)."""
    values = {
        f.name: freeze(raw.get(f.name))
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name != "_raw"
    }
    return cls(**values, _raw=raw)  # type: ignore[call-arg]


def raw_field() -> Any:
    """The hidden field holding the native dict (not compared, not shown)."""
    return dataclasses.field(repr=False, compare=False, hash=False)
