"""Looking names up in the registries with an error a learner can act on."""

from __future__ import annotations

from typing import Mapping, TypeVar

V = TypeVar("V")


def lookup(registry: Mapping[str, V], name: str, what: str) -> V:
    """registry[name], or a ValueError that lists the valid names."""
    if isinstance(name, str) and name in registry:
        return registry[name]
    raise ValueError(f"Unknown {what} {name!r}; choose one of: {', '.join(registry)}.")
