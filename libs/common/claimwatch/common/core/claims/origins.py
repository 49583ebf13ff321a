"""Where an item comes from, as a sentence says it: maker, owner or the group its people belong to.

"the Russian Pantsir-S1", "Russian-made Buk", "Russia's S-400" name where a
system comes from; "mercenaries from the Wagner group", "fighters working for
Wagner" name the organisation that personnel belong to, which is who sends them,
whatever their nationality.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..folded import Folded
from ..model import Mention
from ..watchlist import Watchlist

_MAKING = r"-(?:made|built|supplied|designed|produced|manufactured)"  # "Iranian-designed drones"
_MADE = re.compile(rf"^\.?(?:{_MAKING})?\s+(?:[\w-]+\s+){{0,2}}$")
_MADE_ONLY = re.compile(rf"^\.?{_MAKING}\s+(?:[\w-]+\s+){{0,2}}$")
_POSSESSED = re.compile(rf"^(?:['’]s?|{_MAKING})\s+(?:[\w-]+\s+){{0,2}}$")
_MEMBER_OF = Folded(
    r"^\s+(?:(?:[\w-]+\s+){0,2}(?:from|of|working for|belonging to|hired by|linked to|employed by)"
    r"|from|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)


def organisations(w: Watchlist) -> frozenset[str]:
    return w.organisations


def affiliates(
    sentence: str, mentions: Sequence[Mention], orgs: frozenset[str]
) -> dict[int, tuple[int, str]]:
    """Item mention end -> (start, name) of the organisation its people belong to."""
    out: dict[int, tuple[int, str]] = {}
    if not orgs:
        return out
    for i, m in enumerate(mentions):
        if m.kind not in ("system", "category"):
            continue
        org = next((a for a in mentions[i + 1 :] if a.kind == "actor" and a.form != "demonym"), None)
        if org and org.entity in orgs and _MEMBER_OF.match(sentence[m.end : org.start]):
            out[m.end] = (org.start, org.entity)
    return out


def item_origins(
    sentence: str, mentions: Sequence[Mention], possessive: bool = True, orgs: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Item -> where it comes from. Possessives ('Turkey's S-400' may be Turkey's own) count only
    within their sentence; an organisation the item's people belong to beats their nationality."""
    out: dict[str, str] = {}
    items = [m for m in mentions if m.kind in ("system", "category")]
    for a in mentions:
        if a.kind != "actor":
            continue
        gap_rx = _MADE if a.form == "demonym" else _POSSESSED if possessive else _MADE_ONLY
        nxt = next((m for m in items if m.start >= a.end), None)
        if nxt and gap_rx.match(sentence[a.end : nxt.start]):
            out.setdefault(nxt.entity, a.entity)
    by_end = {m.end: m.entity for m in items}
    for end, (_, org) in affiliates(sentence, mentions, orgs).items():
        out[by_end[end]] = org
    return out
