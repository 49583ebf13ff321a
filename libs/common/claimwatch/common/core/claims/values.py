"""Values a claim states about its event, and when two tellings of one event disagree on them.

A quantity is a count written right before the item ("14 Leopard 2 tanks", "two S-400
batteries", "all 4 squadrons", "three squadrons of S-400", "one Oreshnik"); "one of the
systems", money ("$2.5 billion S-400 deal") and years are not counts.

Two claims of the same affirmed, asserted act (same supplier, recipient and item) disagree only
when they clearly tell one event:

- dates: both name a complete day, more than a day apart (a time zone or a late report is not a
  disagreement), and both sentences name the same single event of a delivery: its first part
  (`the first delivery`, `the initial batch`) or its end (`completed the delivery`, `the
  deliveries were completed`, `the final shipment`), and no other part (`second`, `next`,
  `remaining`, `another`: "the second battery ... completed" is not the whole delivery);
- quantities: both sentences state a total (`all 4 squadrons`, `a total of 5`, `in total`, `the
  entire order`) and the totals differ.

Anything else (two flights on two dates, a batch of two and a batch of three) is two events.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..model import Claim, Mention
from .times import complete_day

_WORDS = {
    "a single": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100,
}  # fmt: skip
_LAST_WORDS = frozenset(w.split()[-1] for w in _WORDS)  # "dozen" for "a dozen"
_NUM = r"(?P<n>\d{1,4}(?:,\d{3})?|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_UNIT = r"(?:squadrons?|batter(?:y|ies)|regiments?|units?|systems?|sets?|divisions?|launchers?)"
_NOT_BETWEEN = (  # words that end the count's phrase: "two battalions with Leopards" counts battalions
    r"(?!(?:of|and|or|to|in|on|at|with|for|from|by|as|into|than|per|percent|billion|million|thousand"
    r"|years?|months?|weeks?|days?)\b)"
)
# the count, then at most two words, then the item's name (or a unit noun and "of" before it)
_BEFORE_NAME = re.compile(
    r"(?<![\w$.,-])" + _NUM + r"\s+(?:" + _NOT_BETWEEN + r"[\w-]+\s+){0,2}"
    r"(?:" + _UNIT + r"\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
# a generic mention carries its count ("all 4 squadrons", "the final two systems")
_IN_PHRASE = re.compile(
    r"^(?:all\s+|the\s+|these\s+|those\s+|its\s+|\w+['’]s\s+)?(?:\w+\s+)?" + _NUM + r"\b", re.I
)
_MONEY = re.compile(r"\$|€|£|\b(?:billion|million|usd|dollars?|euros?|rubles?)\b", re.IGNORECASE)
_TOTAL = re.compile(
    r"\ball\s+(?:the\s+|of\s+the\s+)?(?:\d+|[a-z]+)\s|\ba\s+total\s+of\b|\bin\s+total\b|\bentire\b|\bwhole\b"
    r"|\bfull\s+(?:order|contract|batch|complement)\b",
    re.IGNORECASE,
)
_PART = r"(?:deliver|batch|shipment|consignment|parts\b|components|units\b|elements|equipment)"
_FIRST = re.compile(r"\b(?:first|initial)\s+(?:[\w-]+\s+){0,2}?" + _PART, re.IGNORECASE)
_LAST = re.compile(
    r"\b(?:final|last)\s+(?:[\w-]+\s+){0,2}?"
    + _PART
    + r"|\bcomplet(?:ed|ion|ing)\s+(?:of\s+)?(?:the\s+)?"
    + _PART
    + r"|"
    + _PART
    + r"\w*\s+(?:was|were|has\s+been|have\s+been|is|are)\s+complet",
    re.IGNORECASE,
)
# a sentence naming another part of the deal tells of that part ("the second battery")
_OTHER = re.compile(
    r"\b(?:second|third|fourth|fifth|next|another|latest|new|additional|further|remaining)\b", re.IGNORECASE
)
_YEAR = re.compile(r"(?:19|20)\d\d")

Quantity = Callable[[Claim], "int | None"]  # a claim -> its count, worked out again when not kept


def quantity_of(sentence: str, items: Sequence[Mention]) -> int | None:
    """The count written before the first of `items` (the claim's item, positions in `sentence`)."""
    for m in items[:1]:
        if m.form == "generic":
            found = _IN_PHRASE.match(m.surface)
            if found:
                return _number(found.group("n"), m.surface[found.end() :])
        before = sentence[max(0, m.start - 60) : m.start]
        if not any(w[:1].isdigit() or w in _LAST_WORDS for w in before.lower().split()[-5:]):
            continue  # no count among the last words (one of "a dozen" is enough): the common case
        found = _BEFORE_NAME.search(before)
        if found and not _MONEY.search(before[max(0, found.start() - 2) :]):
            return _number(found.group("n"), sentence[m.start :])
    return None


def _number(word: str, after: str) -> int | None:
    word = word.lower()
    if word in _WORDS:
        return _WORDS[word]
    if _YEAR.fullmatch(word) or after.lstrip().startswith("%"):
        return None  # "the 2019 S-400 deal"
    return int(word.replace(",", ""))


def event(sentence: str) -> str:
    """Which single event of a delivery the sentence names: "first", "completion" or ""."""
    first, last = bool(_FIRST.search(sentence)), bool(_LAST.search(sentence))
    if first == last or _OTHER.search(sentence):
        return ""  # none, both ("the first batch ... completed"), or another part of the deal
    return "first" if first else "completion"


def states_total(sentence: str) -> bool:
    return bool(_TOTAL.search(sentence))


def conflict(new: Claim, old: Claim, quantity: Quantity) -> str:
    """Why two tellings of one act cannot both be right ("dates differ: ..."), else ""."""
    if new.polarity != "affirmed" or old.polarity != "affirmed" or new.object != old.object:
        return ""
    if {new.modality, old.modality} - {"asserted", "reported"}:
        return ""
    what = f"{new.object} to {new.recipient}" if new.recipient else new.object
    day_new, day_old = complete_day(new.when), complete_day(old.when)
    if day_new and day_old and abs((day_new - day_old).days) > 1:
        kind = event(new.sentence)
        if kind and kind == event(old.sentence):
            name = "the first delivery" if kind == "first" else "the completed delivery"
            return f"dates differ: {new.when} vs {old.when} for {name} of {what}"
    if states_total(new.sentence) and states_total(old.sentence):
        q_new, q_old = quantity(new), quantity(old)
        if q_new is not None and q_old is not None and q_new != q_old:
            return f"totals differ: {q_new} vs {q_old} for the delivery of {what}"
    return ""
