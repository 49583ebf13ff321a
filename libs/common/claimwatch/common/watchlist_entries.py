"""The watchlist as store rows and as the YAML document, both ways.

The store keeps one row per system, actor or category so the API can edit them
one by one; the YAML document is what users write, import and export. An
actor's `country` is kept in the row's `parent` (the broader entity it belongs to).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from claimwatch.common.core.watchlist import Watchlist, dump_watchlist, load_watchlist


class EntryLike(Protocol):
    """A watchlist row (store table, API Create model, ...), read-only."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def actor_kind(self) -> str | None: ...
    @property
    def aliases(self) -> list[str]: ...
    @property
    def variant_of(self) -> str | None: ...
    @property
    def category(self) -> str | None: ...
    @property
    def parent(self) -> str | None: ...


def document_to_entries(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Validated row dicts (fields of WatchlistEntryCreate) for a YAML document."""
    data = dump_watchlist(load_watchlist(document))
    rows: list[dict[str, Any]] = []
    for s in data.get("systems", []):
        rows.append(
            {
                "name": s["name"],
                "kind": "system",
                "aliases": s.get("aliases", []),
                "variant_of": s.get("variant_of"),
                "category": s.get("category"),
            }
        )
    for a in data.get("actors", []):
        rows.append(
            {
                "name": a["name"],
                "kind": "actor",
                "actor_kind": a.get("kind"),
                "aliases": a.get("aliases", []),
                "parent": a.get("country"),
            }
        )
    rows.extend({"name": c, "kind": "category"} for c in data.get("categories", []))
    return rows


def entries_to_document(entries: Iterable[EntryLike]) -> dict[str, Any]:
    systems: list[dict[str, Any]] = []
    actors: list[dict[str, Any]] = []
    categories: list[str] = []
    for e in entries:
        if e.kind == "system":
            s: dict[str, Any] = {"name": e.name, "aliases": list(e.aliases)}
            if e.variant_of:
                s["variant_of"] = e.variant_of
            if e.category:
                s["category"] = e.category
            systems.append(s)
        elif e.kind == "actor":
            a: dict[str, Any] = {
                "name": e.name,
                "kind": e.actor_kind or "country",
                "aliases": list(e.aliases),
            }
            if e.parent:
                a["country"] = e.parent
            actors.append(a)
        else:
            categories.append(e.name)
    document: dict[str, Any] = {"systems": systems, "actors": actors}
    if categories:
        document["categories"] = categories
    return document


def watchlist_from_entries(entries: Iterable[EntryLike]) -> Watchlist:
    return load_watchlist(entries_to_document(entries))
