"""Who does what to whom: the roles a frame's actors take, and what fills the roles left open.

A frame is one trigger with the actors the sentence gives it; its supplier-side
subject and recipient come out in the labelling direction whatever the voice.
Roles the sentence leaves open come from its topic (the first actor before the
trigger), the item's origin, the previous trigger or the speaker's country.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..folded import Folded
from ..model import Mention, Modality, Polarity
from .lexicon import Trigger
from .objects import tail
from .polarity import sense_of

# The word boundary comes first: at most positions the search fails there, before the look-behinds.
# "the war in Ukraine" names a war, not where something goes; "to either Ukraine or Russia" both.
PREP = Folded(
    r"\b(?<!linked )(?<!ties )(?<!tied )(?<!close )(?<!next )(?<!due )(?<!according )(?<!compared )"
    r"(?<!war )(?<!conflict )"
    r"(to|into|from|by|for|against|on|in|at)\s+(?:the\s+)?(?:either\s+|both\s+)?$"
    # "by the Iraqi army": not "by Iran to ", where the last preposition gives the role
    r"|\b(by)\s+(?:the\s+)?(?:(?!(?:to|into|from|for|against|on|in|at)\s)[\w-]+\s+){1,2}$",
    re.IGNORECASE,
)

NEEDS_RECIPIENT = {"transfer", "request", "deploy", "train", "use", "sanction"}
# Acts whose doer may also be their place: "the UK produces Storm Shadow" is made in the UK.
AT_HOME = frozenset({"produce"})


@dataclass(frozen=True)
class Proposition:
    subject: str
    predicate: str
    object: str
    recipient: str
    polarity: Polarity
    modality: Modality


@dataclass
class Frame:
    trigger: Trigger
    doer: str = ""
    supplier: str = ""
    recipient: str = ""
    object_actor: str = ""
    more: list[str] = field(default_factory=list)  # coordinated recipients: "in Mali and Libya"
    partners: list[str] = field(default_factory=list)  # coordinated doers: "Russia and India signed"
    owner: str = ""  # "Turkey's alleged delivery of": whose act the noun is, supplier or buyer


def ruled_out(found: Sequence[Proposition], actors: Sequence[str]) -> list[Proposition]:
    """'the United States, not China, is sending weapons': China is not; to whom, the article says."""
    return [
        Proposition(a, p.predicate, p.object, "", "negated", p.modality)
        for p in found
        if p.predicate == "transfer" and p.polarity == "affirmed"
        for a in actors
        if a != p.subject
    ]


def fill(
    f: Frame,
    objs: Sequence[str],
    origin: dict[str, str],
    prev: tuple[str, str],
    spare: Sequence[str],
    speaker_country: str,
    topic: str,
) -> tuple[str, str]:
    """Roles the sentence leaves open, from what surrounds it."""
    p = f.trigger.predicate
    subject, recipient = roles(f)
    if f.owner:
        subject, recipient = _owned(f, objs, origin, subject, recipient)
    if not recipient and f.trigger.receiving and topic != subject:
        recipient = topic  # "Turkey will not step back from purchasing ...": the buyer is the topic
    # Who uses an item is who has it, not who made it: the article says (fill_from_article).
    made = (origin[o] for o in objs if o in origin and origin[o] != recipient)
    source = "" if p == "use" else next(made, "")
    if not subject and f.trigger.voice == "arrive":
        subject = source  # "the presence of North Korean troops": whose troops they are
    active_verb = not (f.trigger.receiving or f.trigger.passive or f.trigger.noun)
    if not subject and active_verb and topic and topic != recipient:
        subject = topic  # "Guler ruled out transferring the S-400": the topic gives, whoever made it
    if p == "use" and not subject and not active_verb:
        return "", recipient  # "the use of Storm Shadow": whoever holds it, as the article says
    if p == "use" and not subject and prev[1] and prev[1] != recipient:
        subject = prev[1]  # "supplying Moscow with drones used in attacks": who received them uses them
    if not subject:
        subject = source or prev[0]
    if not subject and speaker_country and speaker_country != recipient:
        subject = speaker_country
    if not recipient and prev[0] == subject:
        recipient = prev[1]
    if not recipient and p in NEEDS_RECIPIENT:
        others = {s for s in spare if s != subject}
        recipient = others.pop() if len(others) == 1 else ""
    if not recipient and p == "request" and speaker_country != subject:
        recipient = speaker_country  # "we asked for": the speaker's country is asked
    if p == "produce" and not recipient:
        recipient = subject
    if p == "possess":
        recipient = ""
    return subject, recipient


def _owned(
    f: Frame, objs: Sequence[str], origin: Mapping[str, str], subject: str, recipient: str
) -> tuple[str, str]:
    """The possessor of an act noun buys what it purchases; of a delivery it is the supplier, unless
    the sentence names another or the item comes from elsewhere ("Ukraine's F-16 deliveries")."""
    if f.trigger.predicate == "request":  # "Kyiv's desire for tanks from the US": Kyiv asks
        asked = subject if subject and subject != f.owner else recipient
        return f.owner, "" if asked == f.owner else asked
    source = next((origin[o] for o in objs if origin.get(o) and origin[o] != f.owner), "")
    if f.trigger.receiving or (subject and not recipient) or (source and not subject and not recipient):
        return subject or source, recipient or f.owner
    return subject or f.owner, recipient


def topic(
    sentence: str, mentions: Sequence[Mention], triggers: Sequence[Trigger], countries: Mapping[str, str]
) -> str:
    """The first actor (or a person's country) before the first trigger: the sentence's subject."""
    named = [a for a in mentions if a.kind == "actor" and a.form != "demonym" and a.end <= triggers[0].start]
    if not named:
        return ""
    # "After talks with US officials, Egypt suspended ...": an opening phrase's actor is not the subject
    first = next((a for a in named if "," not in sentence[a.end : triggers[0].start]), named[0])
    if first.entity in countries:
        return countries[first.entity]
    if sentence[first.end : first.end + 2] in ("'s", "’s") or PREP.search(tail(sentence, first.start)):
        return ""
    return first.entity


def parties(
    parties: list[str], objs: Sequence[str], origin: Mapping[str, str], subject: str, recipient: str
) -> tuple[str, str]:
    """Two parties to a deal: the item's source supplies, the other receives."""
    source = next((origin[o] for o in objs if origin.get(o) in parties), "")
    others = [p for p in parties if p != source]
    if source and len(others) == 1:
        return source, others[0]
    return subject, recipient


def sanction(sentence: str, t: Trigger, actors: Sequence[Mention], lo: int) -> list[Proposition]:
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


def roles(f: Frame) -> tuple[str, str]:
    """(supplier-side subject, recipient) in the labelling direction."""
    t = f.trigger
    if t.receiving and not t.passive:
        return f.supplier, f.recipient or f.doer
    subject = f.supplier if t.passive and f.supplier else f.doer or f.supplier
    return subject, f.recipient or f.object_actor
