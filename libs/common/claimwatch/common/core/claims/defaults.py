"""Roles a sentence leaves open, filled from its article and from what is known of the items.

Labelled news resolves "Three squadrons have already been delivered" from the story: the
supplier is where the item comes from (as the article says, else its known producer), the
recipient is whom the article's complete claims about that item name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..knowledge import PRODUCERS
from ..text import normalise_key
from ..watchlist import Watchlist
from .roles import AT_HOME, NEEDS_RECIPIENT, Proposition


def known_producers(w: Watchlist) -> dict[str, str]:
    """Watched system -> watched country that makes it, from the built-in producer list."""
    watched = {a.name for a in w.actors}
    keys = [(f" {normalise_key(n)} ", country) for country, names in PRODUCERS.items() for n in names]
    out: dict[str, str] = {}
    for s in w.systems:
        names = [f" {normalise_key(x)} " for x in (s.name, *s.aliases)]
        country = next((c for k, c in keys for n in names if k in n), "")
        if country in watched:
            out[s.name] = country
    for s in w.systems:  # a variant is made where its system is
        for up in w.chain(s.name)[1:]:
            if s.name not in out and up in out:
                out[s.name] = out[up]
    return out


def fill_from_article(
    found: Sequence[Proposition], origins: Mapping[str, str], producers: Mapping[str, str]
) -> list[Proposition | None]:
    """Each proposition completed from the article, or None when a role stays unknown."""
    complete = [p for p in found if p.subject and (p.recipient or p.predicate not in NEEDS_RECIPIENT)]
    to_of: dict[tuple[str, str], Counter[str]] = {}
    for p in complete:
        to_of.setdefault((p.subject, p.object), Counter())[p.recipient] += 1
        to_of.setdefault((p.subject, ""), Counter())[p.recipient] += 1
        # Another supplier's recipient of the same act: a story has one main recipient.
        to_of.setdefault(("*" + p.predicate, p.object), Counter())[p.recipient] += 1
    from_of: dict[tuple[str, str], Counter[str]] = {}  # who does the act to a recipient
    for p in complete:
        from_of.setdefault((p.predicate, p.recipient), Counter())[p.subject] += 1
    holders: dict[str, Counter[str]] = {}  # who received each item: who then uses it
    for p in complete:
        if p.predicate == "transfer" and p.polarity == "affirmed":
            holders.setdefault(p.object, Counter())[p.recipient] += 1
    out: list[Proposition | None] = []
    for p in found:
        held = holders.get(p.object) if p.predicate == "use" and not p.subject else None
        subject = p.subject or (held.most_common(1)[0][0] if held else "")
        if p.predicate != "use":
            subject = subject or origins.get(p.object) or producers.get(p.object, "")
        if not subject and p.recipient:
            # "plans to supply Russia with shells": the story's supplier of Russia, if it has one
            votes = from_of.get((p.predicate, p.recipient)) or Counter()
            top = votes.most_common(2)
            subject = top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else ""
        recipient = p.recipient
        if not recipient and p.predicate in NEEDS_RECIPIENT:
            votes = to_of.get((subject, p.object)) or to_of.get((subject, "")) or Counter()
            if not votes:
                votes = Counter(
                    {k: n for k, n in to_of.get(("*" + p.predicate, p.object), {}).items() if k != subject}
                )
            recipient = votes.most_common(1)[0][0] if votes else ""
        to_self = subject == recipient and p.predicate not in AT_HOME
        if not subject or to_self or (p.predicate in NEEDS_RECIPIENT and not recipient):
            out.append(None)
        elif subject == p.subject and recipient == p.recipient:
            out.append(p)  # complete already
        else:
            out.append(replace(p, subject=subject, recipient=recipient))
    return out
