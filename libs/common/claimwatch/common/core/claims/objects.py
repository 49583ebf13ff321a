"""The items a claim is about: which watched systems a trigger's sentence names as its object.

Items after the trigger are its objects, up to an instrument ("via Il-76") or an
alternative ("rather than the S-400"); with none there, the items before it
(passives: "the Buk-M2E had been transported to ..."). A category a named system
already stands under is not a second item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ..folded import Folded
from ..knowledge import TOP_ITEMS
from ..model import Mention
from ..watchlist import Watchlist
from .lexicon import Trigger

# Quotes may sit in the gap: 'China is "now considering providing'.
AUX_GAP = re.compile(r"^[\s,\"“”]*(?:[\w’'\"“”-]+\s+){0,4}$")
_INSTRUMENT = Folded(
    r"\b(?:via|aboard|on board|using|by|on)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE
)
# "more than 20 Su-35", "over 100 tanks" count the item: not an alternative to it; nor is "handed over".
_ALTERNATIVE = Folded(
    r"\b(?:(?<!hand )(?<!hands )(?<!handed )(?<!handing )over|rather than|instead of|than)"
    r"(?!\s+(?:\d|a dozen|dozens|a hundred|hundreds))\s+"
    r"(?:the\s+|a\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# "a deal with Russia in 2018 for five squadrons of": the noun's object behind its other roles.
# "Iskander systems capable of carrying nuclear weapons": what an item can carry describes it.
_CAPABLE = Folded(
    r"\b(?:capable of|able to|can|designed to|armed with)\s+"
    r"(?:carry|carrying|deliver|delivering|launch|launching|fire|firing|mount|mounting)?\s*(?:the\s+|an?\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# An infinitive after the object: a new purpose clause, whose items are not the verb's objects.
_PURPOSE = re.compile(
    r"\bto\s+(?!the\b|an?\b|its\b|their\b|his\b|her\b|our\b|this\b|these\b|those\b|both\b)[a-z]+\s"
)
_CAPABLE_WORDS = ("capable", "able", "can", "designed", "armed")  # _CAPABLE needs one of them
_ABOUT = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:information|details|data|clarification|explanations?|questions?|comments?)\b",
    re.IGNORECASE,
)
_LINKED = re.compile(r"^[^,;.]{0,80}\b(?:for|of|on)\s+(?:[\w$.-]+\s+){0,3}$", re.IGNORECASE)
_LISTED = re.compile(r"\s*(?:,|and|or|,\s*and|,\s*or)\s*")  # "arms and ammunition"
_DASH = re.compile(r"\s[—–-]\s")
_RELATIVE = re.compile(r"\s+(?:that|which)\s")


def objects(sentence: str, t: Trigger, items: Sequence[Mention], lo: int, hi: int, w: Watchlist) -> list[str]:
    """Items after the trigger, segment by segment across dashes, up to an instrument ('via Il-76');
    with none, the items before it. What arrives is the subject: 'the first Abrams arrived in Ukraine'."""
    # Only this frame's own text counts: "using" may be the previous trigger, not an instrument.
    before = [
        m
        for m in items
        if lo <= m.start < t.start and not _INSTRUMENT.search(sentence[max(lo, m.start - 60) : m.start])
    ]
    if t.voice == "arrive" and t.predicate != "deploy" and (objs := distinct_items(before, w, sentence)):
        return objs
    found: list[Mention] = []
    for m in (m for m in items if t.end <= m.start < hi):
        # after the trigger only: "by providing drones" is the act, not an instrument
        instrument = _INSTRUMENT.search(sentence[max(t.end, m.start - 60) : m.start])
        if instrument and t.predicate == "train" and instrument.group(0).lower().startswith("on "):
            instrument = None  # "training pilots on the F-16": what they learn
        if instrument or _ALTERNATIVE.search(tail(sentence, m.start)):
            break
        back = tail(sentence, m.start)
        capable = _CAPABLE.search(back) if any(w in back for w in _CAPABLE_WORDS) else None
        # "Iran is able to supply drones": the trigger itself is what the subject can do
        if capable and max(0, m.start - 60) + capable.start() > t.start:
            if found:
                break
            continue  # "stationed aircraft capable of carrying nuclear weapons": what they carry
        if not found and t.voice == "get" and _PURPOSE.search(sentence, t.end, m.start):
            break  # "struggled to acquire spare parts to keep its warplanes flying"
        if not found and _ABOUT.match(sentence, t.end, m.start):
            break  # "requested information from the ministry about Taurus": the item is a topic
        if _DASH.search(sentence[t.end : m.start]) and any(x.entity not in TOP_ITEMS for x in found):
            break
        found.append(m)
    objs = distinct_items(found, w, sentence)
    if t.voice == "give" and t.predicate == "transfer" and not t.passive:
        # "the tanks would give Ukraine new capabilities": an item right before an active verb does it
        before = [
            m
            for m in before
            if not (AUX_GAP.match(sentence[m.end : t.start]) and "," not in sentence[m.end : t.start])
            or _RELATIVE.match(sentence, m.end)  # "the drones that Iran sent": what was sent
        ]
    return objs or distinct_items(before, w, sentence)


def object_follows(sentence: str, t: Trigger, items: Sequence[Mention]) -> bool:
    """'delivery of the S-400', 'the S-400 deal': the noun names its item."""
    nxt = next((m for m in items if m.start >= t.end), None)
    gap = sentence[t.end : nxt.start] if nxt is not None else ""
    if nxt is not None and (len(gap.split()) <= 4 or _LINKED.match(gap)):
        return True
    last = next((m for m in reversed(items) if m.end <= t.start), None)
    return last is not None and len(sentence[last.end : t.start].split()) <= 2


def tail(sentence: str, end: int) -> str:
    """The few words before `end`: what a preposition or an instrument marker is looked for in."""
    return sentence[max(0, end - 60) : end]


def distinct_items(found: Sequence[Mention], w: Watchlist, sentence: str = "") -> list[str]:
    """Distinct items, dropping a category a named system already stands under."""
    if len(found) < 2:
        return [m.entity for m in found]  # one item has nothing to stand under
    names = list(dict.fromkeys(m.entity for m in found))
    # "weapons or ammunition" names both; "weapons such as the S-400" only the system
    listed = {
        x.entity for a, b in pairwise(found) for x in (a, b) if _LISTED.fullmatch(sentence, a.end, b.start)
    }
    systems = [n for n in names if any(m.entity == n and m.kind == "system" for m in found)]
    above = {x for s in systems for x in w.chain(s)[1:]} - listed
    keep = [n for n in names if n not in above]
    if any(n not in TOP_ITEMS for n in keep):
        keep = [n for n in keep if n not in TOP_ITEMS or n in listed]
    return keep
