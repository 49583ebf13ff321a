"""Pronouns that stand for a watched country or organisation in a claim.

"Germany had announced that it would be sending ...", "The US offered Ankara Patriot
missiles - a system they initially refused to sell", "which were given to them by the
United States". A pronoun takes a role only where a claim needs one: right before a
verb that carries a claim (its doer) or right after a preposition that follows one
(its recipient). It stands for the subject of its own sentence when that comes before
it, else for the subject of the sentence before: the most recent compatible entity in
subject position, the way a reader resolves it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..folded import Folded
from ..model import Mention
from .lexicon import Trigger

_PRONOUN = re.compile(r"\b(?:it|they|them)\b", re.IGNORECASE)
# Between a subject pronoun and its verb: auxiliaries and adverbs, no clause break.
_TO_VERB = re.compile(r"\s+(?:[a-z’'-]+\s+){0,4}$")
_AFTER_PREP = Folded(r"\b(?:to|for|by|from)\s+$", re.IGNORECASE)
_BEFORE_PREP = re.compile(
    r"\b(?:to|into|from|by|for|against|on|in|at|of|with|about|over)\s+(?:the\s+)?$", re.I
)
_CLAUSE_START = re.compile(
    r"(?:^|[,;:\"“‘(]|\b(?:and|but|that|while|when|as|after|since))\s*(?:the\s+)?$", re.I
)
_IMPERSONAL = re.compile(r"\s+(?:is|was|would be|will be|has been)\s+(?:\w+\s+)?(?:to|that)\b", re.I)


def subject_actor(
    sentence: str, mentions: Sequence[Mention], people: frozenset[str], before: int, lo: int = 0
) -> str:
    """The country or organisation in subject position nearest before `before`: the last one
    opening a clause, else the first not governed by a preposition ("Germany's announcement
    that it ..." counts: the possessor acts)."""
    first = last = ""
    for m in mentions:
        if m.start >= before:
            break
        if m.kind != "actor" or m.entity in people or m.form == "demonym":
            continue
        left = sentence[max(lo, m.start - 20) : m.start]
        possessor = sentence[m.end : m.end + 2] in ("'s", "’s")  # "of Germany's plan that it ..."
        if _BEFORE_PREP.search(left) and not possessor:
            continue
        first = first or m.entity
        if _CLAUSE_START.search(left):
            last = m.entity
    return last or first


def pronoun_mentions(
    sentence: str,
    mentions: Sequence[Mention],
    triggers: Sequence[Trigger],
    people: frozenset[str],
    previous: Callable[[], str],
) -> list[Mention]:
    """Mentions for the pronouns of one sentence that fill a claim's role; `previous` gives the
    subject of the sentences before."""
    verbs = [t for t in triggers if not t.noun and t.voice != "arrive"]  # what arrives is a thing
    if not verbs or not _PRONOUN.search(sentence):
        return []
    out = []
    for p in _PRONOUN.finditer(sentence):
        word = p.group(0).lower()
        doer = word != "them" and any(
            t.start >= p.end() and _TO_VERB.match(sentence, p.end(), t.start) for t in verbs
        )
        doer = doer and not _IMPERSONAL.match(sentence, p.end())  # "it is too early to send"
        recipient = (
            word != "they"
            and any(t.end <= p.start() and p.start() - t.end < 80 for t in verbs)
            and bool(_AFTER_PREP.search(sentence, 0, p.start()))
        )
        if not (doer or recipient):
            continue
        if any(m.start <= p.start() < m.end for m in mentions):
            continue  # part of a watched name
        entity = subject_actor(sentence, mentions, people, p.start()) or previous()
        if entity:
            out.append(Mention(entity, "actor", p.group(0), p.start(), p.end(), "pronoun"))
    return out


# "They were supplied by Iran", "The first batch arrived in May": a sentence opening on a plural
# pronoun or a batch of something, then a passive or an arrival, speaks of the items just named.
_ITEM_ANAPHOR = re.compile(
    r"^[\s\"“‘]*(?:they|these|those|(?:the|that|this|these|those)\s+(?:(?:first|second|third|last|new|next"
    r"|latest|remaining|initial|entire|whole)\s+)?(?:batch(?:es)?|lots?|consignments?|shipments?|deliver(?:y|ies)"
    r"|units))\b",
    re.IGNORECASE,
)
_SUBJECT_TO_VERB = re.compile(r"\s+(?:[a-z’'-]+\s+){0,3}$")


def may_open_on_items(sentence: str) -> bool:
    """A cheap first look: could this sentence open on the items of the sentence before?"""
    return _ITEM_ANAPHOR.match(sentence) is not None


def item_anaphor(sentence: str, triggers: Sequence[Trigger], item: str, kind: str) -> Mention | None:
    """The opening words standing for `item` when what follows is done to them or has them arrive."""
    found = _ITEM_ANAPHOR.match(sentence)
    if found is None:
        return None
    undergone = [t for t in triggers if (t.passive or t.voice == "arrive") and t.start >= found.end()]
    if not any(_SUBJECT_TO_VERB.match(sentence, found.end(), t.start) for t in undergone):
        return None
    start = found.end() - len(found.group(0).lstrip(' "“‘'))
    return Mention(item, kind, sentence[start : found.end()], start, found.end(), "anaphor")
