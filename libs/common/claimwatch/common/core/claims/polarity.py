"""Polarity and modality of one trigger, from the cue words around it."""

from __future__ import annotations

import re

from ..model import Modality, Polarity
from .lexicon import (
    AGREEMENT,
    DENIAL,
    FUTURE_AFTER,
    NEGATION,
    NEGATIVE_ANSWER,
    NEGATOR,
    NO_OBSTACLE,
    PLAN_NEGATOR,
    PLANNED,
    POSSIBLE,
    QUESTION,
    RELUCTANT,
    REPORT_OF,
    REPORTED,
    REVERSAL,
    RIGHT_NEGATOR,
    ROLE,
    UNDER_AGREEMENT,
    UNSURE,
    WISH,
    Trigger,
)

_WHETHER = re.compile(r"\b(?:whether|if)\s+(?:\w+\s+){0,3}$")
# "Once they arrive in force, the tanks would ...": a condition, not an event.
_CONDITION = re.compile(r"(?:^|[,;]\s*)(?:once|unless|until)\s+(?:[\w’']+\s+){0,3}$", re.IGNORECASE)
_BOUNDARY = re.compile(
    r"[,;:—–(]|\b(?:that|but|while|although|though|and|as|after|before|because)\b", re.IGNORECASE
)


def sense_of(sentence: str, t: Trigger, lo: int) -> tuple[Polarity, Modality] | None:
    """Polarity and modality of a trigger, or None for an unanswered question."""
    left = sentence[lo : t.start]
    recent = left[-160:]  # the clause is at most its last 12 words
    cuts = list(_BOUNDARY.finditer(recent))
    clause = recent[cuts[-1].end() :] if cuts else recent
    clause = " ".join(clause.split()[-12:]) + " "
    head = sentence[: t.start]
    near = left[-80:]  # what an end-anchored cue is looked for in: the words right before
    if QUESTION.search(" ".join(near.split()[-4:]) + " ") or _WHETHER.search(near):
        if not NEGATIVE_ANSWER.search(head):
            return None
        return "negated", "planned" if PLAN_NEGATOR.search(head) else "asserted"
    if _CONDITION.search(near):
        return None
    if WISH.search(" ".join(left.split()[-8:]) + " ") and not t.receiving:
        return None  # "asked his allies to supply F-16s": a request, not a supply
    if ROLE.search(near):
        return None  # "the agency responsible for exporting weapons"
    if NO_OBSTACLE.search(head):
        return "affirmed", "possible"
    flips = len(NEGATION.findall(clause)) + len(NEGATOR.findall(clause)) + len(REVERSAL.findall(clause))
    if not flips and DENIAL.search(head):
        flips = 1
    if not flips and REPORT_OF.search(clause) and DENIAL.search(sentence, t.end):
        flips = 1  # "called the reports about the supplies of drones to Russia a fake"
    if sentence[t.start : t.end].lower().endswith(" no"):
        flips += 1  # "There are no Russian troops in Libya"
    verdict = RIGHT_NEGATOR.match(sentence, t.end)
    if verdict and not flips:
        flips = 1  # "Giving our S-400 to anyone is out of the question"
    polarity: Polarity = "negated" if flips % 2 else "affirmed"
    if UNSURE.search(head):
        return "affirmed", "unsure"
    return polarity, _modality(sentence, t, clause, bool(verdict))


def _modality(sentence: str, t: Trigger, clause: str, verdict: bool) -> Modality:
    if verdict or PLAN_NEGATOR.search(clause):
        return "planned"  # "ruled out sending", "will not take any steps back from purchasing"
    if RELUCTANT.search(clause):
        return "possible"
    if POSSIBLE.search(clause):
        return "possible"
    under = UNDER_AGREEMENT.search(sentence, max(0, t.start - 80), t.start)
    agreed = AGREEMENT.fullmatch(sentence, t.start, t.end) or under
    if PLANNED.search(clause) or agreed:
        return "planned"
    if t.noun and FUTURE_AFTER.match(sentence, t.end):
        return "planned"  # "the delivery of the S-400 will take place in 2026"
    if REPORTED.search(clause):
        return "reported"
    return "asserted"
