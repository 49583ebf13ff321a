"""Polarity and modality of one trigger, from the cue words around it."""

from __future__ import annotations

import re

from ..model import Modality, Polarity
from .lexicon import (
    DENIAL,
    NEGATION,
    NEGATIVE_ANSWER,
    NEGATOR,
    NO_OBSTACLE,
    PLANNED,
    POSSIBLE,
    QUESTION,
    REPORTED,
    REVERSAL,
    RIGHT_NEGATOR,
    UNSURE,
    WISH,
    Trigger,
)

_BOUNDARY = re.compile(
    r"[,;:—–(]|\b(?:that|but|while|although|though|and|as|after|before|because)\b", re.IGNORECASE
)


def sense_of(sentence: str, t: Trigger, lo: int) -> tuple[Polarity, Modality] | None:
    """Polarity and modality of a trigger, or None for an unanswered question."""
    left = sentence[lo : t.start]
    cuts = list(_BOUNDARY.finditer(left))
    clause = left[cuts[-1].end() :] if cuts else left
    clause = " ".join(clause.split()[-12:]) + " "
    head = sentence[: t.start]
    if QUESTION.search(" ".join(left.split()[-4:]) + " ") or re.search(
        r"\b(?:whether|if)\s+(?:\w+\s+){0,3}$", left
    ):
        return ("negated", "asserted") if NEGATIVE_ANSWER.search(head) else None
    if WISH.search(" ".join(left.split()[-8:]) + " ") and not t.receiving:
        return None  # "asked his allies to supply F-16s": a request, not a supply
    if NO_OBSTACLE.search(head):
        return "affirmed", "possible"
    flips = len(NEGATION.findall(clause)) + len(NEGATOR.findall(clause)) + len(REVERSAL.findall(clause))
    if not flips and DENIAL.search(head):
        flips = 1
    if sentence[t.start : t.end].lower().endswith(" no"):
        flips += 1  # "There are no Russian troops in Libya"
    if RIGHT_NEGATOR.match(sentence, t.end) and not flips:
        flips = 1  # "Giving our S-400 to anyone is out of the question"
    polarity: Polarity = "negated" if flips % 2 else "affirmed"
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
