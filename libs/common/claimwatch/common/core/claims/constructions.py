"""Constructions that change who does what in a sentence, beyond a verb and its arguments.

Refused requests ("Israel refused Ukraine's request for the Iron Dome"), asking someone to act
("Kyiv asked Berlin to send tanks"), wanting to buy, subjects listed together ("the United States,
Germany and the Netherlands delivered"), demonyms that act ("Chinese companies have provided"),
the accused ("accused Iran of supplying"), helping others act, and classes of countries that name
no recipient ("not providing weapons to countries in conflict").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..folded import Folded
from ..model import Mention
from .lexicon import ASKING, Trigger
from .roles import Proposition

AND = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+nor\s+|,?\s+as well as\s+)"
    r"(?:in\s+|to\s+)?(?:the\s+)?$"
)
# "Egyptian plans to purchase", "the Turkish decision to buy": a demonym owning an act acts.
_DEMONYM_ACT = re.compile(
    r"\s+(?:(?:renewed|repeated|latest|new)\s+)?(?:(?:military|lethal|security|defen[cs]e|aid)\s+)?"
    r"(?:decision|plans?|bid|attempt|intention|refusal|requests?|appeals?|calls?|pleas?"
    r"|aid|assistance|support|packages?)\s+(?:to|for)\b"
)
# "Chinese companies have provided", "Iranian officials said Tehran": the country through its agents.
_DEMONYM_AGENT = re.compile(
    r"\s+(?:(?:state|private|defen[cs]e|arms)\s+)?(?:compan(?:y|ies)|firms?|manufacturers?|makers?|exporters?"
    r"|authorities|government|military|forces|army|pilots|soldiers|servicemen|crews|personnel)\b"
)
_ASK_VERB = Folded(rf"\b(?:{ASKING})\b", re.IGNORECASE)
# A refusal right before a request noun: "refused Ukraine's request", "declined the requests".
_REFUSED = Folded(
    r"\b(?:refus\w*|reject\w*|declin\w*|turn\w*\s+down|vetoed|den(?:y|ies|ied))\s+"
    r"(?:(?:the|its|their|his|her|an?)\s+|[\w-]+['’]s\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_ACCUSED = Folded(r"\b(?:accus\w*|suspect\w*|blam\w*)\s+(?:the\s+)?$", re.IGNORECASE)
WANTS = Folded(
    r"\b(?:wants?|wanted|wanting|desires?|wish(?:es|ed)?|seek(?:s|ing)?|sought|keen|eager|approached"
    r"|trying|tried|attempt(?:s|ed|ing)?)\b(?:\s+[\w’'-]+){0,3}\s+to\s+$",
    re.IGNORECASE,
)
# "helping Western countries deliver arms" (not "helping the war by providing").
HELPING = Folded(r"\bhelp(?:s|ed|ing)?\s+((?:(?!by\b)[\w’'-]+\s+){1,3})(?:to\s+)?$", re.IGNORECASE)
_CLASS_RECIPIENT = Folded(
    r"\b(?:to|for)\s+(?:an?\s+(?:[\w-]+\s+)?(?:region|country|party|side|nation)"
    r"|(?:[\w-]+\s+)?(?:regions|countries|war zones|conflict zones|parties|sides|nations|belligerents)"
    r"|the\s+(?:battlefield|front\s*lines?|front))\b",
    re.IGNORECASE,
)

CLASS_WORDS = ("region", "countr", "zone", "part", "side", "nation", "belligerent", "battlefield", "front")


def asker(sentence: str, actors: Sequence[Mention], lo: int, hi: int, recipient: str) -> str:
    """Who asks: the actor right before the last asking verb between lo and hi, else the one the
    act would be for; nobody when the verb warns against the act."""
    verb = None
    for found in _ASK_VERB.finditer(sentence, lo, hi):
        verb = found
    if verb is None:
        return ""
    before = [a for a in actors if a.end <= verb.start() and verb.start() - a.end <= 40]
    if before and before[-1].form != "demonym":
        return before[-1].entity
    return recipient


def co_listed(sentence: str, actors: Sequence[Mention], subject: str, before: int) -> list[str]:
    """'the United States, Germany, and the Netherlands had kept their word in delivering': the
    actors listed with a verb's subject do what it does (not for deals, whose parties differ)."""
    k = next((j for j, a in enumerate(actors) if a.entity == subject and a.end <= before), None)
    out = []
    while k:
        if actors[k - 1].form == "demonym" or not AND.match(sentence, actors[k - 1].end, actors[k].start):
            break
        k -= 1
        out.append(actors[k].entity)
    return out


def demonym_acts(sentence: str, a: Mention) -> bool:
    """'Russian plans to', 'Chinese companies have', 'the Russians have': the country acts."""
    if _DEMONYM_ACT.match(sentence, a.end) or _DEMONYM_AGENT.match(sentence, a.end):
        return True
    return sentence[a.end - 1 : a.end] == "s" and sentence[max(0, a.start - 4) : a.start].lower() == "the "


def accused(back: str) -> bool:
    low = back.lower()
    return ("accus" in low or "suspect" in low or "blam" in low) and _ACCUSED.search(back) is not None


def to_a_class(sentence: str, lo: int, hi: int, actors: Sequence[Mention]) -> bool:
    """'to countries in conflict', 'to any other country' with no country named after it
    ('to any other country, including Ukraine' names one)."""
    found = _CLASS_RECIPIENT.search(sentence, lo, hi)
    return found is not None and not any(0 <= a.start - found.end() < 40 for a in actors)


def refused(sentence: str, t: Trigger, lo: int, p: Proposition) -> list[Proposition]:
    """'Israel refused Ukraine's request for the Iron Dome': the request was made, and the one
    asked does not give what was asked for."""
    if p.predicate != "request" or p.polarity != "negated" or not p.recipient or not t.noun:
        return [p]  # "denied asking Iran for drones" denies the asking itself
    if not _REFUSED.search(sentence, max(lo, t.start - 80), t.start):
        return [p]
    return [
        Proposition(p.subject, "request", p.object, p.recipient, "affirmed", "asserted"),
        Proposition(p.recipient, "transfer", p.object, p.subject, "negated", "asserted"),
    ]
