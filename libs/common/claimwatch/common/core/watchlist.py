"""The watchlist: systems (variant -> system -> category) and actors, with aliases.

`load_watchlist` takes the parsed YAML mapping (the same shape the evaluation
files use) and raises `WatchlistError` with one line naming the bad entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .knowledge import CATEGORIES, MILITARY_ASSISTANCE, NON_LETHAL, TOP_ITEMS, WEAPONS

_MAX_CHAINS = 100_000  # stored claims may name items no longer watched: keep the cache bounded
ACTOR_KINDS = ("country", "person", "organisation", "company", "group", "body")


class WatchlistError(ValueError):
    """The watchlist data is invalid; the message names the entry and the problem."""


@dataclass(frozen=True)
class System:
    name: str
    aliases: tuple[str, ...] = ()
    variant_of: str = ""
    category: str = ""


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str = "country"
    aliases: tuple[str, ...] = ()
    country: str = ""  # a person's or body's country, e.g. a minister's


@dataclass(frozen=True)
class Watchlist:
    systems: tuple[System, ...] = ()
    actors: tuple[Actor, ...] = ()
    categories: tuple[str, ...] = ()  # categories watched without naming a system
    _parents: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    # item -> chain, filled as items are asked for: the engine asks for the same few items
    # thousands of times per article
    _chains: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, compare=False, repr=False)

    def parent(self, item: str) -> str:
        """The item one level up: variant -> system -> category -> weapons -> military assistance."""
        return self._parents.get(item, "")

    def chain(self, item: str) -> tuple[str, ...]:
        """The item and everything above it, nearest first."""
        known = self._chains.get(item)
        if known is not None:
            return known
        out = [item]
        while (up := self.parent(out[-1])) and up not in out:
            out.append(up)
        if out[-1] != MILITARY_ASSISTANCE and item != NON_LETHAL:
            out += [t for t in TOP_ITEMS if t not in out]
        if len(self._chains) < _MAX_CHAINS:
            self._chains[item] = tuple(out)
        return tuple(out)

    @cached_property
    def people(self) -> frozenset[str]:
        return frozenset(a.name for a in self.actors if a.kind == "person")

    @cached_property
    def countries(self) -> frozenset[str]:
        return frozenset(a.name for a in self.actors if a.kind == "country")

    @cached_property
    def organisations(self) -> frozenset[str]:
        """Non-state actors whose members are sent: "mercenaries from the Wagner group"."""
        return frozenset(a.name for a in self.actors if a.kind in ("organisation", "group", "company"))

    def actor(self, name: str) -> Actor | None:
        return next((a for a in self.actors if a.name == name), None)

    def watched_categories(self) -> tuple[str, ...]:
        cats = {s.category for s in self.systems if s.category} | set(self.categories)
        return tuple(sorted(cats))


def _strs(value: Any, where: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise WatchlistError(f"{where}: '{what}' must be a list of names")
    out = []
    for v in value:
        if not isinstance(v, str | int | float) or not str(v).strip():
            raise WatchlistError(f"{where}: '{what}' holds an empty or non-text value")
        out.append(str(v).strip())
    return tuple(out)


def _name(entry: Any, where: str) -> str:
    if not isinstance(entry, Mapping):
        raise WatchlistError(f"{where}: expected a mapping with a 'name'")
    name = entry.get("name")
    if not isinstance(name, str | int | float) or not str(name).strip():
        raise WatchlistError(f"{where}: missing 'name'")
    return str(name).strip()


def _opt(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise WatchlistError(f"{where}: '{key}' must be text")
    return value.strip()


def _section(data: Mapping[str, Any], key: str) -> Sequence[Any]:
    value = data.get(key) or []
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise WatchlistError(f"watchlist: '{key}' must be a list")
    return value


def load_watchlist(data: Mapping[str, Any]) -> Watchlist:
    """Validate a parsed watchlist mapping; raise WatchlistError naming the entry at fault."""
    if not isinstance(data, Mapping):
        raise WatchlistError("watchlist: expected a mapping with 'systems' and 'actors'")
    systems: list[System] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(_section(data, "systems")):
        where = f"systems[{i}]"
        name = _name(entry, where)
        where = f"system '{name}'"
        if name in seen:
            raise WatchlistError(f"{where}: listed twice")
        seen[name] = "system"
        systems.append(
            System(
                name,
                _strs(entry.get("aliases"), where, "aliases"),
                _opt(entry, "variant_of", where),
                _opt(entry, "category", where),
            )
        )
    actors: list[Actor] = []
    for i, entry in enumerate(_section(data, "actors")):
        name = _name(entry, f"actors[{i}]")
        where = f"actor '{name}'"
        if seen.get(name) == "actor":
            raise WatchlistError(f"{where}: listed twice")
        seen[name] = "actor"
        kind = _opt(entry, "kind", where) or "country"
        if kind not in ACTOR_KINDS:
            raise WatchlistError(f"{where}: kind '{kind}' is not one of {', '.join(ACTOR_KINDS)}")
        actors.append(
            Actor(name, kind, _strs(entry.get("aliases"), where, "aliases"), _opt(entry, "country", where))
        )
    categories = _strs(data.get("categories"), "watchlist", "categories")
    names = {s.name for s in systems}
    for s in systems:
        if s.variant_of and s.variant_of not in names:
            raise WatchlistError(f"system '{s.name}': variant_of '{s.variant_of}' is not a listed system")
    return Watchlist(tuple(systems), tuple(actors), categories, _parents(systems, categories))


def _parents(systems: Sequence[System], categories: Sequence[str]) -> dict[str, str]:
    up: dict[str, str] = {}
    for s in systems:
        parent = s.variant_of or s.category
        if parent and parent != s.name:
            up[s.name] = parent
        if s.category and s.category not in TOP_ITEMS:
            up.setdefault(s.category, WEAPONS)
    for c in (*categories, *CATEGORIES):
        up.setdefault(c, WEAPONS)
    up.setdefault(WEAPONS, MILITARY_ASSISTANCE)
    up.setdefault(NON_LETHAL, MILITARY_ASSISTANCE)
    return up


def dump_watchlist(w: Watchlist) -> dict[str, Any]:
    """The YAML-ready mapping `load_watchlist` reads back to an equal watchlist."""
    systems: list[dict[str, Any]] = []
    for s in w.systems:
        d: dict[str, Any] = {"name": s.name}
        if s.aliases:
            d["aliases"] = list(s.aliases)
        if s.variant_of:
            d["variant_of"] = s.variant_of
        if s.category:
            d["category"] = s.category
        systems.append(d)
    actors: list[dict[str, Any]] = []
    for a in w.actors:
        e: dict[str, Any] = {"name": a.name, "kind": a.kind}
        if a.aliases:
            e["aliases"] = list(a.aliases)
        if a.country:
            e["country"] = a.country
        actors.append(e)
    out: dict[str, Any] = {"systems": systems, "actors": actors}
    if w.categories:
        out["categories"] = list(w.categories)
    return out
