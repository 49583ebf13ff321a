"""One sentence to propositions: triggers, their roles, items, polarity and modality.

Each trigger owns the text up to the next trigger. An actor right before a
trigger (only auxiliaries between) is its agent; an actor after a preposition
takes the role that preposition gives (to -> recipient, from -> supplier, by ->
agent of a passive). Items after the trigger are its objects; with none there,
the items before it (passives: "the Buk-M2E had been transported to ...").
Missing roles are filled from the previous trigger of the same sentence, from
an item's demonym ("the Russian Pantsir-S1") or from the speaker's country.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..knowledge import TOP_ITEMS
from ..model import Mention, Modality, Polarity
from ..watchlist import Watchlist
from .lexicon import (
    DENIAL,
    NEGATION,
    NEGATIVE_ANSWER,
    NO_OBSTACLE,
    PLANNED,
    POSSIBLE,
    QUESTION,
    REPORTED,
    UNSURE,
    Trigger,
)

_AUX_GAP = re.compile(r"^[\s,]*(?:[\w’'-]+\s+){0,4}$")
_BOUNDARY = re.compile(
    r"[,;:—–(]|\b(?:that|but|while|although|though|and|as|after|before|because)\b", re.IGNORECASE
)
_PREP = re.compile(
    r"(?<!linked )(?<!ties )(?<!tied )(?<!close )(?<!next )(?<!due )(?<!according )(?<!compared )"
    r"\b(to|into|from|by|for|against|on|in|at)\s+(?:the\s+)?$|\b(by)\s+(?:the\s+)?(?:[\w-]+\s+){1,2}$",
    re.IGNORECASE,
)
_INSTRUMENT = re.compile(
    r"\b(?:via|aboard|on board|using|by|on)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE
)
_COORDINATED = re.compile(r"\b(?:or|and)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_DASH = re.compile(r"\s[—–-]\s")
_MAX_WORDS = 12  # a prepositional role further than this from its trigger belongs elsewhere
_NEEDS_RECIPIENT = {"transfer", "request", "deploy", "train", "use", "sanction"}
_NEEDS_ITEM = {"transfer", "request", "deploy", "use", "produce", "train", "possess"}


@dataclass(frozen=True)
class Proposition:
    subject: str
    predicate: str
    object: str
    recipient: str
    polarity: Polarity
    modality: Modality


@dataclass
class _Frame:
    trigger: Trigger
    agent: str = ""
    supplier: str = ""
    recipient: str = ""
    object_actor: str = ""


def _role_of_prep(prep: str, trigger: Trigger) -> str:
    p, noun = trigger.predicate, trigger.voice == "noun"
    if prep in ("to", "into") or (prep == "for" and p in ("transfer", "deploy", "train")):
        return "recipient"
    if prep == "from":
        return "agent" if (p == "request" and noun) else ("recipient" if p == "request" else "supplier")
    if prep == "by":
        return "agent" if trigger.passive or noun else ""
    if prep in ("against", "on") and p == "use":
        return "recipient"
    if prep in ("in", "at") and p in ("deploy", "produce", "use"):
        return "recipient"
    return ""


def extract_propositions(
    sentence: str,
    mentions: Sequence[Mention],
    triggers: Sequence[Trigger],
    watchlist: Watchlist,
    speaker_country: str,
    context: tuple[str, str] = ("", ""),
) -> tuple[list[Proposition], tuple[str, str]]:
    """Propositions of one sentence (mention spans relative to it), and the (subject, recipient)
    context the next sentence of the paragraph may lean on."""
    if not triggers:
        return [], context
    actors = [m for m in mentions if m.kind == "actor" and m.entity not in watchlist.people]
    items = [m for m in mentions if m.kind in ("system", "category")]
    frames = [_Frame(t) for t in triggers]
    origin = _origins(sentence, actors, items)
    spare: list[str] = []
    for a in actors:
        if a.form == "demonym" and not _PREP.search(sentence[: a.start]):
            continue
        possessive = sentence[a.end : a.end + 2] in ("'s", "’s")
        if not possessive and _assign(sentence, a, frames):
            continue
        spare.append(a.entity)
    out: list[Proposition] = []
    prev = ("", "")  # (subject, recipient) last seen: "delivered X to V and may send Y"
    for i, f in enumerate(frames):
        t = f.trigger
        lo = frames[i - 1].trigger.end if i else 0
        hi = frames[i + 1].trigger.start if i + 1 < len(frames) else len(sentence)
        if t.voice == "noun" and _COORDINATED.search(sentence[lo : t.start]):
            continue  # "weapons or troop deployments": part of the previous object
        if t.predicate == "sanction":
            out += _sanction(sentence, t, actors, lo)
            continue
        objs = _objects(sentence, t, items, lo, hi, watchlist)
        explicit = any((f.agent, f.supplier, f.recipient, f.object_actor))
        if t.voice == "noun" and not explicit and not _object_follows(sentence, t, items):
            continue  # a bare "deliveries" names no proposition of its own
        subject, recipient = _fill(f, objs, origin, prev, spare, speaker_country)
        if not recipient and subject == context[0] and t.predicate == "transfer":
            recipient = context[1]  # "... to Venezuela. He said nothing prohibits Russia from exporting X"
        if subject:
            prev = (subject, recipient or prev[1])
            if recipient:
                context = (subject, recipient)
        sense = _sense(sentence, t, lo)
        if sense is None or not subject or subject == recipient:
            continue
        if t.predicate in _NEEDS_RECIPIENT and not recipient:
            continue
        for obj in objs:
            if t.predicate == "possess" and obj in TOP_ITEMS:
                continue
            out.append(Proposition(subject, t.predicate, obj, recipient, *sense))
    return out, context


def _fill(
    f: _Frame,
    objs: Sequence[str],
    origin: dict[str, str],
    prev: tuple[str, str],
    spare: Sequence[str],
    speaker_country: str,
) -> tuple[str, str]:
    """Roles the sentence leaves open, from what surrounds it."""
    p = f.trigger.predicate
    subject, recipient = _roles(f)
    if not subject:
        subject = next((origin[o] for o in objs if o in origin), "") or prev[0]
    if not subject and speaker_country and speaker_country != recipient:
        subject = speaker_country
    if not recipient and prev[0] == subject:
        recipient = prev[1]
    if not recipient and p == "request" and speaker_country != subject:
        recipient = speaker_country
    if not recipient and p in _NEEDS_RECIPIENT:
        others = {s for s in spare if s != subject}
        recipient = others.pop() if len(others) == 1 else ""
    if p == "produce" and not recipient:
        recipient = subject
    if p == "possess":
        recipient = ""
    return subject, recipient


def _objects(
    sentence: str, t: Trigger, items: Sequence[Mention], lo: int, hi: int, w: Watchlist
) -> list[str]:
    """Items after the trigger, segment by segment across dashes, up to an instrument ('via Il-76');
    with none, the items before it."""
    found: list[Mention] = []
    for m in (m for m in items if t.end <= m.start < hi):
        if _INSTRUMENT.search(sentence[: m.start]):
            break
        if _DASH.search(sentence[t.end : m.start]) and any(x.entity not in TOP_ITEMS for x in found):
            break
        found.append(m)
    objs = _items(found, w)
    if not objs:
        before = [m for m in items if lo <= m.start < t.start and not _INSTRUMENT.search(sentence[: m.start])]
        objs = _items(before, w)
    return objs


def _object_follows(sentence: str, t: Trigger, items: Sequence[Mention]) -> bool:
    nxt = next((m for m in items if m.start >= t.end), None)
    return nxt is not None and len(sentence[t.end : nxt.start].split()) <= 4


def _assign(sentence: str, a: Mention, frames: list[_Frame]) -> bool:
    """Give actor `a` a role in some frame; False when it has none."""
    before = [f for f in frames if f.trigger.end <= a.start]
    after = [f for f in frames if f.trigger.start >= a.end]
    prep = _PREP.search(sentence[: a.start])
    near = before and len(sentence[before[-1].trigger.end : a.start].split()) <= _MAX_WORDS
    if prep and before and near:
        role = _role_of_prep((prep.group(1) or prep.group(2)).lower(), before[-1].trigger)
        if role:
            setattr(before[-1], role, getattr(before[-1], role) or a.entity)
            return True
    gap = sentence[a.end : after[0].trigger.start] if after else ","
    if _AUX_GAP.match(gap) and "," not in gap and not after[0].agent:
        after[0].agent = a.entity
        return True
    if before and re.match(r"^\s*(?:\w+\s+){0,1}$", sentence[before[-1].trigger.end : a.start]):
        before[-1].object_actor = before[-1].object_actor or a.entity
        return True
    return False


def _sanction(sentence: str, t: Trigger, actors: Sequence[Mention], lo: int) -> list[Proposition]:
    """'X, sanctioned by the U.S.' / 'the U.S. sanctioned X': sanctioner -> sanctioned."""
    sense = _sense(sentence, t, lo)
    named = [a for a in actors if a.form != "demonym"]
    after = [a for a in named if a.start >= t.end and len(sentence[t.end : a.start].split()) <= 4]
    before = [a for a in named if a.end <= t.start]
    if t.passive or t.voice == "noun" or re.match(r"\s+by\b", sentence[t.end :]):
        agent, patient = after[:1], before[-1:]
    else:
        agent, patient = before[-1:], after[:1]
    if sense is None or not agent or not patient or agent[0].entity == patient[0].entity:
        return []
    return [Proposition(agent[0].entity, "sanction", "sanctions", patient[0].entity, *sense)]


def _roles(f: _Frame) -> tuple[str, str]:
    """(supplier-side subject, recipient) in the labelling direction."""
    t = f.trigger
    if t.voice == "get" and not t.passive:
        return f.supplier, f.recipient or f.agent
    subject = f.supplier if t.passive and f.supplier else f.agent or f.supplier
    return subject, f.recipient or f.object_actor


def _origins(sentence: str, actors: Sequence[Mention], items: Sequence[Mention]) -> dict[str, str]:
    """'the Russian Pantsir-S1', 'Russian-made Buk': item -> the actor it comes from."""
    out: dict[str, str] = {}
    for a in actors:
        if a.form != "demonym":
            continue
        nxt = next((m for m in items if m.start >= a.end), None)
        if nxt and re.match(r"^(?:-made|-built)?\s+(?:[\w-]+\s+){0,2}$", sentence[a.end : nxt.start]):
            out[nxt.entity] = a.entity
    return out


def _items(found: Sequence[Mention], w: Watchlist) -> list[str]:
    """Distinct items, dropping a category a named system already stands under."""
    names = list(dict.fromkeys(m.entity for m in found))
    systems = [n for n in names if any(m.entity == n and m.kind == "system" for m in found)]
    above = {x for s in systems for x in w.chain(s)[1:]}
    keep = [n for n in names if n not in above]
    if any(n not in TOP_ITEMS for n in keep):
        keep = [n for n in keep if n not in TOP_ITEMS]
    return keep


def _sense(sentence: str, t: Trigger, lo: int) -> tuple[Polarity, Modality] | None:
    """Polarity and modality of a trigger, or None for an unanswered question."""
    left = sentence[lo : t.start]
    cuts = list(_BOUNDARY.finditer(left))
    clause = left[cuts[-1].end() :] if cuts else left
    clause = " ".join(clause.split()[-8:]) + " "
    head = sentence[: t.start]
    if QUESTION.search(" ".join(left.split()[-4:]) + " ") or re.search(
        r"\b(?:whether|if)\s+(?:\w+\s+){0,3}$", left
    ):
        return ("negated", "asserted") if NEGATIVE_ANSWER.search(head) else None
    if NO_OBSTACLE.search(head):
        return "affirmed", "possible"
    negated = bool(NEGATION.search(clause)) or bool(DENIAL.search(head))
    polarity: Polarity = "negated" if negated else "affirmed"
    if UNSURE.search(head):
        return "affirmed", "unsure"
    modality: Modality = "asserted"
    if POSSIBLE.search(clause):
        modality = "possible"
    elif PLANNED.search(clause):
        modality = "planned"
    elif REPORTED.search(clause):
        modality = "reported"
    return polarity, modality
