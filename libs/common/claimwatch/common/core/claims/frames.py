"""One sentence to propositions: triggers, their roles, items, polarity and modality.

Each trigger owns the text up to the next trigger. An actor right before a
trigger (only auxiliaries between) is its doer; an actor after a preposition
takes the role that preposition gives (to -> recipient, from -> supplier, by ->
doer of a passive). Items after the trigger are its objects; with none there,
the items before it (passives: "the Buk-M2E had been transported to ...").
Missing roles are filled from the previous trigger of the same sentence, from
an item's demonym ("the Russian Pantsir-S1") or from the speaker's country.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..folded import Folded
from ..knowledge import PERSONNEL, TOP_ITEMS
from ..model import Mention, Modality, Polarity
from ..watchlist import Watchlist
from .lexicon import Trigger
from .objects import AUX_GAP, object_follows, objects, tail
from .origins import affiliates, item_origins, organisations
from .polarity import sense_of

_PREP = Folded(
    r"(?<!linked )(?<!ties )(?<!tied )(?<!close )(?<!next )(?<!due )(?<!according )(?<!compared )"
    r"\b(to|into|from|by|for|against|on|in|at)\s+(?:the\s+)?$|\b(by)\s+(?:the\s+)?(?:[\w-]+\s+){1,2}$",
    re.IGNORECASE,
)
_COORDINATED = Folded(r"\b(?:or|and)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_OWN_ACT = re.compile(
    r"['’]s\s+(?:(?:renewed|repeated|latest|new)\s+)?(?:decision|plans?|move|bid|attempt|intention|refusal"
    r"|requests?|appeals?|calls?|pleas?)\b"
)  # "Ankara's decision to buy"
_AND = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|,?\s+as well as\s+)(?:in\s+|to\s+)?(?:the\s+)?$"
)
_LIGHT = Folded(
    r"^\s+(?:has\s+|have\s+|had\s+)?(?:made|makes|make|submitted|filed|issued|lodged|renewed)\s+"
    r"(?:an?\s+|its\s+|their\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# "to Ukraine, and the Netherlands followed suit": a new clause's subject, not a second recipient.
_NEW_CLAUSE = re.compile(r"\s+(?:has|have|had|will|would|is|are|was|were|[a-z]+ed)\b")
# "had never sent and will never send any weapons": the first verb shares the second's object.
_SHARED_OBJECT = re.compile(r"\s+(?:and|or|nor)\s+(?:[\w’']+\s+){0,5}$", re.IGNORECASE)
# "It is the United States, not China, that is sending weapons": the actor the sentence rules out.
_CONTRAST = re.compile(r"(?:,|\bbut)\s+not\s+(?:the\s+)?$", re.IGNORECASE)
_MAX_WORDS = 12  # a prepositional role further than this from its trigger belongs elsewhere
NEEDS_RECIPIENT = {"transfer", "request", "deploy", "train", "use", "sanction"}
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
    doer: str = ""
    supplier: str = ""
    recipient: str = ""
    object_actor: str = ""
    more: list[str] = field(default_factory=list)  # coordinated recipients: "in Mali and Libya"
    partners: list[str] = field(default_factory=list)  # coordinated doers: "Russia and India signed"


def _role_of_prep(prep: str, trigger: Trigger) -> str:
    p, noun = trigger.predicate, trigger.noun
    if prep in ("to", "into") or (prep == "for" and p in ("transfer", "deploy", "train")):
        return "recipient"
    if prep == "from":
        return "doer" if (p == "request" and noun) else ("recipient" if p == "request" else "supplier")
    if prep == "by":
        return "doer" if trigger.passive or noun else ""
    if prep in ("against", "on") and p in ("use", "deploy"):  # "deployed on Malian territory"
        return "recipient"
    if prep in ("in", "at") and (p in ("deploy", "produce", "use", "transfer") or trigger.voice == "arrive"):
        return "recipient"
    return ""


def extract_propositions(
    sentence: str,
    mentions: Sequence[Mention],
    triggers: Sequence[Trigger],
    watchlist: Watchlist,
    speaker_country: str,
    context: tuple[str, str] = ("", ""),
    known_origins: Mapping[str, str] | None = None,
    countries: Mapping[str, str] | None = None,
) -> tuple[list[Proposition], tuple[str, str]]:
    """Propositions of one sentence (mention spans relative to it), and the (subject, recipient)
    context the next sentence of the paragraph may lean on."""
    items = [m for m in mentions if m.kind in ("system", "category")]
    # A trigger word inside an item's name is part of the name: "crucial defense supplies".
    triggers = [t for t in triggers if not any(m.start <= t.start < m.end for m in items)]
    if not triggers:
        return [], context
    actors = [m for m in mentions if m.kind == "actor" and m.entity not in watchlist.people]
    frames = [_Frame(t) for t in triggers]
    orgs = organisations(watchlist)
    # The caller's origins already hold this sentence's own ("Turkey's S-400" here, not elsewhere).
    origin = dict(known_origins) if known_origins is not None else item_origins(sentence, mentions, orgs=orgs)
    members = affiliates(sentence, mentions, orgs)
    topic = _topic(sentence, mentions, triggers, countries or {})
    spare: list[str] = []
    last: tuple[Mention, _Frame, str] | None = None
    ruled_out = [a.entity for a in actors if _CONTRAST.search(tail(sentence, a.start))]
    for a in actors:
        if a.entity in ruled_out:
            continue  # not a party to the act the sentence asserts, but one it denies
        if a.form == "demonym" and not _PREP.search(tail(sentence, a.start)):
            continue
        if a.start in {start for start, _ in members.values()}:
            continue  # "mercenaries from the Wagner group": whose they are, not who sent them
        joined = bool(last and _AND.match(sentence, last[0].end, a.start))
        joined = joined and not _NEW_CLAUSE.match(sentence, a.end)
        if last and last[2] in ("recipient", "doer") and joined:
            # "present in Mali and Libya"; "Moscow and Ankara signed an agreement": the other party
            (last[1].more if last[2] == "recipient" else last[1].partners).append(a.entity)
            last = (a, last[1], last[2])
            continue
        possessive = sentence[a.end : a.end + 2] in ("'s", "’s") and not _OWN_ACT.match(sentence, a.end)
        if possessive and _PREP.search(tail(sentence, a.start)):
            possessive = False  # "to India's military", "to Haftar's army": the possessor receives
        role = _assign(sentence, a, frames, actors) if not possessive else None
        last = (a, *role) if role else None
        if not role:
            spare.append(a.entity)
    roled = {getattr(f, r) for f in frames for r in ("doer", "supplier", "recipient")}
    spare = [s for s in spare if s not in roled]  # "Germany announced that it would send ...": taken
    out: list[Proposition] = []
    prev_objs: list[str] = []
    prev = ("", "")  # (subject, recipient) last seen: "delivered X to V and may send Y"
    for i, f in enumerate(frames):
        t = f.trigger
        lo = frames[i - 1].trigger.end if i else 0
        hi = frames[i + 1].trigger.start if i + 1 < len(frames) else len(sentence)
        if t.noun and _COORDINATED.search(sentence[lo : t.start]):
            continue  # "weapons or troop deployments": part of the previous object
        if t.predicate == "sanction":
            out += _sanction(sentence, t, actors, lo)
            continue
        objs = objects(sentence, t, items, lo, hi, watchlist)
        shared = i + 1 < len(frames) and _SHARED_OBJECT.match(sentence, t.end, hi)
        if shared and not any(lo <= m.start < hi for m in items):
            nxt = frames[i + 1]
            after = frames[i + 2].trigger.start if i + 2 < len(frames) else len(sentence)
            objs = objects(sentence, nxt.trigger, items, nxt.trigger.end, after, watchlist)
            f.recipient = f.recipient or nxt.recipient
        if not objs:
            continue
        explicit = any((f.doer, f.supplier, f.recipient, f.object_actor))
        if t.noun and not explicit and not object_follows(sentence, t, items):
            continue  # a bare "deliveries" names no proposition of its own
        subject, recipient = _fill(f, objs, origin, prev, spare, speaker_country, topic)
        if f.partners and t.predicate == "transfer":
            subject, recipient = _parties([subject, *f.partners], objs, origin, subject, recipient)
        undone = t.noun or t.passive or t.voice == "arrive" or not subject
        if undone and not f.doer and not f.supplier and t.predicate in ("transfer", "deploy"):
            subject = next((org for end, (_, org) in members.items() if end in _spans(items, objs)), subject)
        if not recipient and set(objs) & set(prev_objs):
            recipient = prev[1]  # "... deploy in Mali, accusing Moscow of backing the fighters"
        prev_objs = objs
        if not recipient and subject == context[0] and t.predicate == "transfer":
            recipient = context[1]  # "... to Venezuela. He said nothing prohibits Russia from exporting X"
        if subject:
            prev = (subject, recipient or prev[1])
            if recipient:
                context = (subject, recipient)
        sense = sense_of(sentence, t, lo)
        if sense is None or (subject and subject == recipient):
            continue  # open roles are left for the article to fill
        for obj in objs:
            if t.predicate == "possess" and obj in TOP_ITEMS:
                continue
            predicate = (
                "deploy" if t.predicate == "transfer" and PERSONNEL in watchlist.chain(obj) else t.predicate
            )
            for to in dict.fromkeys((recipient, *f.more)):
                out.append(Proposition(subject, predicate, obj, to, *sense))
    return out + _ruled_out(out, ruled_out), context


def _ruled_out(found: Sequence[Proposition], actors: Sequence[str]) -> list[Proposition]:
    """'the United States, not China, is sending weapons': China is not; to whom, the article says."""
    return [
        Proposition(a, p.predicate, p.object, "", "negated", p.modality)
        for p in found
        if p.predicate == "transfer" and p.polarity == "affirmed"
        for a in actors
        if a != p.subject
    ]


def _fill(
    f: _Frame,
    objs: Sequence[str],
    origin: dict[str, str],
    prev: tuple[str, str],
    spare: Sequence[str],
    speaker_country: str,
    topic: str,
) -> tuple[str, str]:
    """Roles the sentence leaves open, from what surrounds it."""
    p = f.trigger.predicate
    subject, recipient = _roles(f)
    if not recipient and f.trigger.receiving and topic != subject:
        recipient = topic  # "Turkey will not step back from purchasing ...": the buyer is the topic
    active_verb = not (f.trigger.receiving or f.trigger.passive or f.trigger.noun)
    if not subject and active_verb and topic and topic != recipient:
        subject = topic  # "Guler ruled out transferring the S-400": the topic gives, whoever made it
    if not subject:
        subject = next((origin[o] for o in objs if o in origin and origin[o] != recipient), "") or prev[0]
    if not subject and speaker_country and speaker_country != recipient:
        subject = speaker_country
    if not recipient and prev[0] == subject:
        recipient = prev[1]
    if not recipient and p == "request" and speaker_country != subject:
        recipient = speaker_country
    if not recipient and p in NEEDS_RECIPIENT:
        others = {s for s in spare if s != subject}
        recipient = others.pop() if len(others) == 1 else ""
    if p == "produce" and not recipient:
        recipient = subject
    if p == "possess":
        recipient = ""
    return subject, recipient


def _topic(
    sentence: str, mentions: Sequence[Mention], triggers: Sequence[Trigger], countries: Mapping[str, str]
) -> str:
    """The first actor (or a person's country) before the first trigger: the sentence's subject."""
    first = next((a for a in mentions if a.kind == "actor" and a.form != "demonym"), None)
    if first is None or first.start > triggers[0].start:
        return ""
    if first.entity in countries:
        return countries[first.entity]
    if sentence[first.end : first.end + 2] in ("'s", "’s") or _PREP.search(tail(sentence, first.start)):
        return ""
    return first.entity


def _parties(
    parties: list[str], objs: Sequence[str], origin: Mapping[str, str], subject: str, recipient: str
) -> tuple[str, str]:
    """Two parties to a deal: the item's source supplies, the other receives."""
    source = next((origin[o] for o in objs if origin.get(o) in parties), "")
    others = [p for p in parties if p != source]
    if source and len(others) == 1:
        return source, others[0]
    return subject, recipient


def _spans(items: Sequence[Mention], objs: Sequence[str]) -> set[int]:
    """Where the proposition's items end, keyed like `affiliates`."""
    return {m.end for m in items if m.entity in objs}


def _assign(
    sentence: str, a: Mention, frames: list[_Frame], actors: Sequence[Mention]
) -> tuple[_Frame, str] | None:
    """Give actor `a` a role in some frame: (frame, role), or None when it has none."""
    before = [f for f in frames if f.trigger.end <= a.start]
    after = [f for f in frames if f.trigger.start >= a.end]
    prep = _PREP.search(tail(sentence, a.start))
    near = before and len(sentence[before[-1].trigger.end : a.start].split()) <= _MAX_WORDS
    if prep and before and near:
        role = _role_of_prep((prep.group(1) or prep.group(2)).lower(), before[-1].trigger)
        if role:
            setattr(before[-1], role, getattr(before[-1], role) or a.entity)
            return before[-1], role
    gap = sentence[a.end : after[0].trigger.start] if after else ","
    between = after and any(a.end <= b.start < after[0].trigger.start for b in actors)
    light = after and after[0].trigger.noun and _LIGHT.match(gap)  # "Kyiv made a renewed request"
    verb = after and (not after[0].trigger.noun or light)
    if verb and AUX_GAP.match(gap) and "," not in gap and not after[0].doer and not between:
        after[0].doer = a.entity
        return after[0], "doer"
    if (
        before
        and before[-1].trigger.noun
        and re.match(r"^\s+with\s+$", sentence[before[-1].trigger.end : a.start])
    ):
        before[-1].partners.append(a.entity)  # "a deal with Russia": the other party
        return before[-1], "partner"
    if before and re.match(r"^\s*(?:\w+\s+){0,1}$", sentence[before[-1].trigger.end : a.start]):
        before[-1].object_actor = before[-1].object_actor or a.entity
        return before[-1], "object"
    return None


def _sanction(sentence: str, t: Trigger, actors: Sequence[Mention], lo: int) -> list[Proposition]:
    """'X, sanctioned by the U.S.' / 'the U.S. sanctioned X': sanctioner -> sanctioned."""
    sense = sense_of(sentence, t, lo)
    named = [a for a in actors if a.form != "demonym"]
    after = [a for a in named if a.start >= t.end and len(sentence[t.end : a.start].split()) <= 4]
    before = [a for a in named if a.end <= t.start]
    if t.passive or t.noun or re.match(r"\s+by\b", sentence[t.end :]):
        doer, patient = after[:1], before[-1:]
    else:
        doer, patient = before[-1:], after[:1]
    if sense is None or not doer or not patient or doer[0].entity == patient[0].entity:
        return []
    return [Proposition(doer[0].entity, "sanction", "sanctions", patient[0].entity, *sense)]


def _roles(f: _Frame) -> tuple[str, str]:
    """(supplier-side subject, recipient) in the labelling direction."""
    t = f.trigger
    if t.receiving and not t.passive:
        return f.supplier, f.recipient or f.doer
    subject = f.supplier if t.passive and f.supplier else f.doer or f.supplier
    return subject, f.recipient or f.object_actor
