"""Polarity and modality of one trigger, from the cue words around it."""

from __future__ import annotations

import re

from ..folded import Folded
from ..model import Modality, Polarity
from .cues import Cues
from .lexicon import (
    AGREEMENT,
    DENIAL,
    FUTURE_AFTER,
    NEGATION,
    NEGATIVE_ANSWER,
    NEGATOR,
    NO_OBSTACLE,
    NOT_DENIED,
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
# "Although Iran denies it, officials say ...": a denial conceded in a clause of its own.
_CONCEDED = re.compile(
    r"\b(?:although|though|despite|while|even if|notwithstanding|which|who)\b[^,;]*"
    r"\b(?:den|reject|refut|dismiss)\w*[^,;]*,[^,;]*$",
    re.IGNORECASE,
)
_OFFERED_TO = re.compile(r"\boffer(?:s|ed|ing)?\s+to\s+$", re.IGNORECASE)
_DOUBTED_WHETHER = re.compile(
    r"\b(?:unclear|uncertain|not clear|unknown)\s+(?:whether|if)\s+(?:[\w-]+\s+){0,8}$"
)
# What someone leaves unsaid: "did not say which plane Cairo was about to buy" states no purchase.
_UNSAID = re.compile(
    r"\b(?:not|n['’]t)\s+(?:say|specify|disclose|reveal|name|identify|elaborate on|explain)\s+"
    r"(?:which|what|when|where|who|how many|how much)\b[^,;.]*$",
    re.IGNORECASE,
)
# A detail left untold about an act: the act itself is stated.
_UNDISCLOSED = re.compile(
    r"\b(?:not|n['’]t)\s+(?:\w+\s+)?(?:say|specify|disclose|reveal|give|confirm|detail|provide)\s+(?:the\s+)?"
    r"(?:exact\s+|precise\s+|total\s+)?(?:number|amount|quantity|size|types?|value|cost|price|timing|date)s?"
    r"\s+of\s+",
    re.IGNORECASE,
)
# "sent no troops", "received neither the jets nor the money"; not "no later than".
_NONE_AFTER = re.compile(
    r"\s+(?:(?:[\w-]+\s+){1,3}(?=neither\b[^.;]*\bnor\b))?"  # "sent ammunition neither to Russia nor to"
    r"(?:neither|none of|no(?!\s+(?:later|sooner|less|more|fewer)\b))\b",
    re.IGNORECASE,
)
_WARNED_AGAINST = re.compile(r"\bwarn\w*\b[^.;]{0,100}\bagainst\s+$", re.IGNORECASE)
_OF_ANY = re.compile(r"\s+of\s+any\b", re.IGNORECASE)
_NOT_MEAN = re.compile(
    r"\b(?:does|do|did|would|will)\s+not\s+mean\s+(?:that\s+)?(?:[\w’'-]+\s+){0,5}$", re.IGNORECASE
)
_BUT = r",?\s+but\s|;\s"
_NEXT_CLAUSE = re.compile(_BUT)  # "Reports ... have surfaced, but it is rare to deny them"
_NEW_FINITE_CLAUSE = re.compile(_BUT + r"|\s+after\s+(?:a|an|the)\s|\s+while\s|\s+whereas\s")
_NOT_RULED_OUT = re.compile(r"\b(?:not|n['’]t|never)\s+(?:\w+\s+)?rul(?:e|es|ed|ing)\s+out\b", re.IGNORECASE)
# "Biden: US to send rockets", "Germany to deliver tanks": a headline's plan.
_HEADLINE_PLAN = re.compile(r"^(?:[^:]{0,40}:\s*)?(?:[\w.'’-]+\s+){0,2}[\w.'’-]+(?<!ed)\s+to\s+$")
# "Once they arrive in force, the tanks would ...": a condition, not an event.
_CONDITION = re.compile(
    r"(?:(?:^|[,;]\s*)(?:once|unless|until)\s+(?:[\w’']+\s+){0,3}|\bin case\b[^,;.]*"
    r"|\bon (?:the )?condition (?:that )?(?:[\w’']+\s+){0,4})$",
    re.IGNORECASE,
)
# The clause a trigger sits in starts after the last of these (greedy: the rightmost one).
_LAST_BOUNDARY = Folded(
    r".*(?:[,;:—–(]|\b(?:that|but|while|although|though|and|as|after|before|because)\b)",
    re.IGNORECASE | re.DOTALL,
)


def sense_of(
    sentence: str, t: Trigger, lo: int, cues: Cues | None = None
) -> tuple[Polarity, Modality] | None:
    """Polarity and modality of a trigger, or None for an unanswered question; `cues` are the
    sentence's, when the caller has them for several triggers."""
    cues = cues or Cues(sentence.lower())
    left = sentence[lo : t.start]
    recent = left[-160:]  # the clause is at most its last 12 words
    cut = _LAST_BOUNDARY.match(recent)
    clause = recent[cut.end() :] if cut else recent
    clause = " ".join(clause.split()[-12:]) + " "
    head = sentence[: t.start]
    near = left[-80:]  # what an end-anchored cue is looked for in: the words right before
    if "question" in cues and (QUESTION.search(" ".join(near.split()[-4:]) + " ") or _WHETHER.search(near)):
        if not NEGATIVE_ANSWER.search(head):
            # "It is unclear whether Iran has delivered": doubt, not a question left open
            return ("affirmed", "unsure") if _DOUBTED_WHETHER.search(near) else None
        return "negated", "planned" if PLAN_NEGATOR.search(head) else "asserted"
    if ("not " in near or "n't " in near or "n’t " in near) and _UNSAID.search(near):
        return None  # "It did not say which plane Cairo was about to buy": an open question
    if "condition" in cues and _CONDITION.search(near):
        return None
    if "wish" in cues and (wished(sentence, t, lo) or _WARNED_AGAINST.search(left)):
        return None  # "asked his allies to supply F-16s": a request, not a supply
    if t.noun and _OF_ANY.match(sentence, t.end):
        return None  # "the provision of any additional weapons would be bad news": no act in view
    if "role" in cues and ROLE.search(near):
        return None  # "the agency responsible for exporting weapons"
    if "no_obstacle" in cues and NO_OBSTACLE.search(head):
        return "affirmed", "possible"
    undisclosed = _UNDISCLOSED.search(clause) if "negation" in cues else None
    if undisclosed:
        clause = clause[undisclosed.end() :]  # "did not disclose the number of missiles provided": they were
    flips = len(NEGATION.findall(clause)) if "negation" in cues else 0
    flips += len(NEGATOR.findall(clause)) if "negator" in cues else 0
    flips += len(REVERSAL.findall(clause)) if "reversal" in cues else 0
    denial = "denial" in cues
    if not flips and denial and DENIAL.search(head) and not _CONCEDED.search(head):
        flips = 1
    if not flips and "negation" in cues and " mean" in left and _NOT_MEAN.search(left[-120:]):
        flips = 1  # "does not mean that Moscow would transfer": a denial across "that"
    reported_then_denied = not flips and denial and "report" in cues and REPORT_OF.search(left[-200:])
    if reported_then_denied and _denied_in_clause(sentence, t.end):
        flips = 1  # "called the reports about the supplies of drones to Russia a fake"
    if sentence[t.start : t.end].lower().endswith(" no") or _NONE_AFTER.match(sentence, t.end):
        flips += 1  # "There are no Russian troops in Libya", "received neither the jets nor"
    verdict = RIGHT_NEGATOR.match(sentence, t.end) if "verdict" in cues else None
    if verdict and not flips:
        flips = 1  # "Giving our S-400 to anyone is out of the question"
    if denial and "negation" in cues and NOT_DENIED.search(clause):
        return "affirmed", "possible"  # "did not deny supplying": no denial, something like an admission
    polarity: Polarity = "negated" if flips % 2 else "affirmed"
    if "unsure" in cues and UNSURE.search(head, _clause_start(head)):
        return "affirmed", "unsure"
    return polarity, _modality(sentence, cues, t, clause, bool(verdict))


def _denied_in_clause(sentence: str, start: int) -> bool:
    """A denial after `start`, before a 'but' or ';' starts another clause."""
    clause_end = _NEXT_CLAUSE.search(sentence, start)
    return DENIAL.search(sentence, start, clause_end.start() if clause_end else len(sentence)) is not None


def _clause_start(head: str) -> int:
    """Where the trigger's own clause starts, for doubt: "no evidence that Egypt is supplying
    weapons after a leaked document alleged that Cairo was planning to supply" doubts the first."""
    start = 0
    for found in _NEW_FINITE_CLAUSE.finditer(head):
        start = found.end()
    return start


def wished(sentence: str, t: Trigger, lo: int) -> bool:
    """'asked his allies to supply', 'urged Berlin to send': the act is what someone asks for."""
    return not t.receiving and bool(WISH.search(" ".join(sentence[lo : t.start].split()[-8:]) + " "))


def _modality(sentence: str, cues: Cues, t: Trigger, clause: str, verdict: bool) -> Modality:
    if "negation" in cues and _NOT_RULED_OUT.search(clause):
        return "possible"  # "is not ruling out providing weapons": it may
    if verdict or ("plan_negator" in cues and PLAN_NEGATOR.search(clause)):
        return "planned"  # "ruled out sending", "will not take any steps back from purchasing"
    if "reluctant" in cues and RELUCTANT.search(clause):
        return "possible"
    if "possible" in cues and POSSIBLE.search(clause):
        return "possible"
    offered = "possible" in cues and _OFFERED_TO.search(sentence, max(0, t.start - 20), t.start)
    if offered or sentence[t.start : t.start + 5].lower() == "offer":
        return "possible"  # an offer may be taken up or not: "offered Ukraine tanks", "offered to supply"
    expected = sentence[t.end - 8 : t.end].lower() == "expected"  # "are expected in May"
    if expected or sentence[t.start : t.start + 5].lower() in ("promi", "pledg", "order"):
        return "planned"  # a promise, a pledge, an order or an expected arrival is a plan
    agreed = "agreement" in cues and (
        AGREEMENT.fullmatch(sentence, t.start, t.end)
        or UNDER_AGREEMENT.search(sentence, max(0, t.start - 80), t.start)
    )
    headline = not sentence.rstrip().endswith(".") and _HEADLINE_PLAN.match(sentence, 0, t.start)
    if PLANNED.search(clause) or agreed or headline:
        return "planned"
    if t.noun and "future" in cues and FUTURE_AFTER.match(sentence, t.end):
        return "planned"  # "the delivery of the S-400 will take place in 2026"
    if "reported" in cues and REPORTED.search(clause):
        return "reported"
    return "asserted"
