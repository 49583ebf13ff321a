"""Sentences that name an earlier act without its item: "the deal", "such a step", "do so".

"it has no plan to do so", "Beijing denounced US accusations that it could take such
a step", "According to sources, the shipments began in early January": a sentence that
yields no claim of its own but refers to an act by a definite noun, a pro-verb or a
denied label inherits the most recent claim of its article (same actors, same item),
with its own polarity, modality and speaker. A label ("the accusations", "these
reports", "refuted it") is only a claim when it is denied: repeating an accusation
adds no witness, rejecting it does.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from ..folded import Folded
from ..model import Mention, Polarity
from ..watchlist import Watchlist
from .lexicon import DENIAL, NOT_DENIED, Trigger
from .polarity import sense_of
from .roles import Proposition

# What a cheap first look needs: one of these stems, or no anaphor can be there.
_ACT_STEMS = (
    " so",
    "do it",
    "step",
    "move",
    "line",
    "deal",
    "transfer",
    "deliver",
    "shipment",
    "supplies",
    "sale",
    "contract",
    "agreement",
    "order",
    "purchase",
    "delay",
    "postpone",
    "pushed",
    "reschedul",
    "on hold",
    "plan",
    "anything",
    "nothing",
    " any",
    "them",
)
_LABEL_STEMS = (
    "report",
    "claim",
    "accusation",
    "allegation",
    "rumo",
    "news",
    "stories",
    "information",
    "refut",
    "den",
    "reject",
    "dismiss",
    "involvement",
)
_DENY_STEMS = ("den", "reject", "refut", "disput")
# The stems as one literal alternation: the regex engine skips ahead to their first letters.
_ACT_STEM = re.compile("|".join(map(re.escape, _ACT_STEMS)))
_LABEL_STEM = re.compile("|".join(map(re.escape, _LABEL_STEMS)))
# An act named again: "(not) do so", "take such a step", "the deal", "such deliveries".
_ACT = Folded(
    r"\b(?:(?:do|does|did|doing|done)\s+(?:so|it)\b|(?:such|that|this)\s+(?:an?\s+)?(?:step|move|line)"
    r"|(?:the|such|these|those|this)\s+(?:(?:[\w-]+)\s+){0,2}?"
    r"(?:deal|dealings|transfers?|deliver(?:y|ies)|shipments?|supplies|sales?|contract|agreement|order"
    r"|purchase|plan)"
    r"|arms\s+dealings?"
    # "We have not sent anything", "confirmed receiving them": the act's item left unnamed
    r"|(?:sen[dt]|sending|suppl(?:y|ies|ied|ying)|deliver(?:s|ed|ing)?|provid(?:e|es|ed|ing)|sold|sell(?:s|ing)?"
    r"|ship(?:s|ped|ping)?|transferr?(?:s|ed|ing)?|receiv(?:e|es|ed|ing)|bought|buy(?:s|ing)?)"
    r"\s+(?:anything|nothing|any(?:\s+of\s+(?:them|these|those))?|them)(?=\s*[,.;”\"]|\s+(?:to|from)\b))\b",
    re.IGNORECASE,
)
# A plan put off: "it has been postponed until May", "the delay": the latest plan, not kept.
_DELAY = Folded(
    r"\b(?:it|this|they|these)\s+(?:\w+\s+){0,2}?(?:was|were|has been|have been|had been|is|are|will be)\s+"
    r"(?:\w+\s+)?(?:delayed|postponed|pushed\s+(?:back|to|into)|rescheduled|put on hold)\b"
    r"|\b(?:the|further|repeated|new)\s+(?:delays?|postponement)\b",
    re.IGNORECASE,
)  # the thing put off is a pronoun or goes unnamed: "Their construction was postponed" is not it
_NEW_DATE = Folded(
    r"\b(?:until|till|to|into)\s+(?:the\s+|late\s+|early\s+|mid-?)?(?:[\w-]+\s+){0,3}?"
    r"(?:\d{4}|january|february|march|april|may|june|july|august|september|october|november|december"
    r"|quarter|half|spring|summer|autumn|fall|winter|next year|next month)\b",
    re.IGNORECASE,
)
# A claim named as a claim: counts only when the sentence denies it.
_LABEL = Folded(
    r"\b(?:(?:the|such|these|those|this|its|their|any)\s+(?:[\w.-]+\s+){0,2}?"
    r"(?:reports?|claims?|accusations?|allegations?|rumou?rs?|news|stor(?:y|ies)|information|involvement)"
    r"|(?:refut\w*|den(?:y|ies|ied)|reject\w*|dismiss\w*)\s+(?:it|them|this|that))\b",
    re.IGNORECASE,
)
_DENOUNCE = Folded(
    r"\b(?:denounc\w*|condemn\w*|a rumou?r|a lie|lies|fakes?|slander\w*|propaganda)\b", re.IGNORECASE
)
# "the Sukhoi deal had been canceled": the act named again is undone after it.
_UNDONE = Folded(
    r"\s+(?:had|has|have|was|were|is|are)\s+(?:(?:been|now|later|since|\w+ly)\s+){0,2}"
    r"(?:cancel+ed|scrapped|suspended|halted|frozen|called off|put on hold|dropped|abandoned|shelved"
    r"|delayed|postponed|pushed back)\b",
    re.IGNORECASE,
)
# "Iran says it has not.": the earlier act denied by ellipsis.
_ELLIPSIS = Folded(
    r"\b(?:it|they|we)\s+(?:has|have|had|did|does|do)(?:\s+not|n['’]t)\s*(?:[.,;”\"]|$)", re.IGNORECASE
)
# "Iran refused.", "India turned down the request.": the one asked answers an earlier request.
_ANSWER = Folded(
    r"\b(?:(refused|rejected|declined|turned\s+down|denied)|(agreed|accepted|approved|granted))"
    r"(?:\s+(?:the|this|that|its|their|these|those)\s+(?:[\w-]+\s+)?(?:requests?|appeals?|pleas?|demands?))?"
    r"(?:\s+(?:on|last|this|in)\s+\w+)?\s*[.;]?\s*$",
    re.IGNORECASE,
)
_ANSWER_STEM = re.compile(r"refused|rejected|declined|turned|denied|agreed|accepted|approved|granted")
_TOPIC_OF = Folded(r"\b(?:in|about|regarding|concerning|over|on|of)\s+$", re.IGNORECASE)
_AGREED = re.compile(r"deal|contract|agreement|order|purchase", re.IGNORECASE)
_TRANSFER_NOUN = re.compile(
    r"deal|transfer|deliver|shipment|suppl|sale|contract|agreement|order|purchase", re.IGNORECASE
)


def names_an_act(sentence: str) -> bool:
    """A cheap first look: could this sentence name an earlier act again?"""
    low = sentence.lower()
    if ("not" in low or "n't" in low or "n’t" in low) and _ELLIPSIS.search(sentence):
        return True
    if _ANSWER_STEM.search(low, len(low) - 40) and _ANSWER.search(sentence):
        return True
    if _ACT_STEM.search(low) and (_ACT.search(sentence) is not None or _DELAY.search(sentence) is not None):
        return True
    return _LABEL_STEM.search(low) is not None and _LABEL.search(sentence) is not None


def refer_back(
    sentence: str,
    mentions: Sequence[Mention],
    earlier: Sequence[Proposition],
    w: Watchlist,
    speaker_country: str = "",
) -> list[Proposition]:
    """The earlier claim this sentence names again, with the sentence's own sense; [] if none."""
    if not earlier:
        return []
    answered = _answer(sentence, mentions, earlier, w, speaker_country)
    if answered is not None:
        return answered
    act = _ACT.search(sentence)
    label = None if act else _LABEL.search(sentence)
    hit = act or label
    if hit is None:
        return _delayed(sentence, mentions, earlier, w, speaker_country)
    denier = _denier(mentions, hit.start(), speaker_country, w.people) if label else ""
    agreed = bool(act and _AGREED.search(hit.group(0)))  # an agreement is for an act someone affirmed
    frame = _frame(earlier, bool(act and _TRANSFER_NOUN.search(hit.group(0))), denier, agreed)
    if frame is None or not _fits(frame, mentions, w, speaker_country, strict=act is not None):
        return []
    if act is not None and _TOPIC_OF.search(sentence, 0, hit.start()):
        return []  # "no problem in the deliveries": talk about the act, not a claim of it
    word = hit.group(0).split()[-1]  # the noun itself: "the deal" is an agreement, so a plan
    noun = "give" if word.lower() in ("so", "it") else "noun"
    begin = hit.start() if label else hit.end() - len(word)  # "asked about the reports": a question
    trigger = Trigger(frame.predicate, noun, begin, hit.end())
    sense = sense_of(sentence, trigger, 0)
    if sense is None:
        return []
    polarity, modality = sense
    if act is not None and _UNDONE.match(sentence, hit.end()):
        # "the deal was cancelled", "the delivery has been delayed": a plan not kept
        polarity, modality = ("negated" if polarity == "affirmed" else "affirmed"), "planned"
    if act is not None and word.lower() == "nothing":
        polarity = "negated" if polarity == "affirmed" else "affirmed"  # "sent nothing"
    if label is not None and modality == "unsure":
        item = _item(frame, mentions, w)  # "did not confirm the report": the claim in doubt
        return [replace(frame, object=item, polarity="affirmed", modality="unsure")] if item else []
    if label is not None:
        if polarity == "affirmed" and not (DENIAL.search(sentence) or _DENOUNCE.search(sentence)):
            return []  # "the U.S. claims" repeated, not denied
        if NOT_DENIED.search(sentence):
            return []  # "would not deny the reports": no denial, and no claim of its own
        polarity = "negated"
        if frame.modality == "planned":
            modality = "planned"  # denying the report of a plan denies the plan
    item = _item(frame, mentions, w)
    return [replace(frame, object=item, polarity=polarity, modality=modality)] if item else []


def _answer(
    sentence: str, mentions: Sequence[Mention], earlier: Sequence[Proposition], w: Watchlist, country: str
) -> list[Proposition] | None:
    """'Iran says it has not': the denier's latest act, denied; 'India refused': the latest request
    of the one who answers, as a transfer it will not (or will) make. None: no such sentence."""
    answer = _ANSWER.search(sentence)
    denied = None if answer else _ELLIPSIS.search(sentence)
    if answer is None and denied is None:
        return None
    cut = (answer or denied).start()  # type: ignore[union-attr]
    who = _denier(mentions, cut, country, w.people)
    others = {m.entity for m in mentions if m.kind == "actor" and m.entity not in w.people} - {who, country}
    if not who or others:
        return []  # another party named: another act
    if denied is not None:
        frame = _frame([p for p in earlier if p.subject == who], False, "", True)
        return [replace(frame, polarity="negated")] if frame is not None else []
    asked = [
        p for p in earlier if p.predicate == "request" and p.recipient == who and p.polarity == "affirmed"
    ]
    if not asked:
        return []
    p = asked[-1]
    polarity: Polarity = "negated" if answer.group(1) else "affirmed"  # type: ignore[union-attr]
    return [Proposition(who, "transfer", p.object, p.subject, polarity, "planned")]


def _delayed(
    sentence: str, mentions: Sequence[Mention], earlier: Sequence[Proposition], w: Watchlist, country: str
) -> list[Proposition]:
    """'However, it has been postponed until May': the latest transfer, as a plan not kept."""
    if _DELAY.search(sentence) is None:
        return []
    frame = _frame(earlier, True, "", True)
    if frame is None or not _fits(frame, mentions, w, country, strict=True):
        return []
    put_off = replace(frame, polarity="negated", modality="planned")
    if _NEW_DATE.search(sentence) is None:
        return [put_off]
    return [put_off, replace(frame, polarity="affirmed", modality="planned")]  # "... until May": a new plan


def _frame(
    earlier: Sequence[Proposition], transfer_only: bool, denier: str, affirmed_only: bool
) -> Proposition | None:
    """The most recent earlier claim of the right kind, one naming both its parties before one
    the article has yet to complete; a denial concerns the denier's own act."""
    fitting = [
        p
        for p in earlier
        if not (transfer_only and p.predicate != "transfer")
        and not (affirmed_only and p.polarity != "affirmed")
        and not (denier and denier not in (p.subject, p.recipient))
    ]
    complete = [p for p in fitting if p.subject and p.recipient]
    pool = complete or fitting
    return pool[-1] if pool else None


def label_denier(sentence: str, mentions: Sequence[Mention], country: str, people: Collection[str]) -> str:
    """Who denies a claim by naming it ('Tehran dismissed the reports'), or ''."""
    label = _LABEL.search(sentence)
    return _denier(mentions, label.start(), country, people) if label else ""


def _denier(mentions: Sequence[Mention], before: int, country: str, people: Collection[str]) -> str:
    """'Beijing condemns the US accusations': the first actor of the sentence, else the speaker's
    country (a person denies for theirs); an actor right before the label is its author ('US
    accusations'), not the denier."""
    actors = [
        m
        for m in mentions
        if m.kind == "actor" and m.form != "demonym" and m.end < before and m.entity not in people
    ]
    return actors[0].entity if actors else country


def _fits(p: Proposition, mentions: Sequence[Mention], w: Watchlist, country: str, strict: bool) -> bool:
    """An act named again keeps its actors: a sentence naming another party is about another act."""
    if not strict:
        return True
    own = {p.subject, p.recipient, country}
    return all(m.entity in own for m in mentions if m.kind == "actor" and m.entity not in w.people)


def _item(p: Proposition, mentions: Sequence[Mention], w: Watchlist) -> str:
    """The earlier item, or the sentence's own when it lies on the same line ('the missile deal')."""
    items = [m.entity for m in mentions if m.kind in ("system", "category")]
    if not items:
        return p.object
    line = [x for x in items if x in w.chain(p.object) or p.object in w.chain(x)]
    return line[0] if line else ""


# "..., an allegation Iran denies", "... in the Ukraine conflict, which Tehran denies".
_DENIED_AFTER = Folded(
    r"(?:\ban?\s+(?:allegations?|accusations?|claims?|charges?)|,\s*(?:which|something|a charge)|\bwhich)"
    r"\s+(?:that\s+)?(?:[\w.’'-]+\s+){1,3}?(?:has\s+|have\s+)?(?:(?:repeatedly|strongly|consistently)\s+)?"
    r"(?:denies|denied|deny|rejects|rejected|refutes|disputes)\b",
    re.IGNORECASE,
)


def denied_after(
    sentence: str, mentions: Sequence[Mention], found: Sequence[Proposition]
) -> tuple[str, list[Proposition]]:
    """A claim the same sentence says its doer denies: (the denier, the denied claims)."""
    low = sentence.lower()
    cue = _DENIED_AFTER.search(sentence) if found and any(x in low for x in _DENY_STEMS) else None
    if cue is None:
        return "", []
    inside = [m for m in mentions if m.kind == "actor" and cue.start() <= m.start < cue.end()]
    denier = inside[0].entity if inside else ""
    denied = [
        replace(p, polarity="negated")
        for p in found
        if p.polarity == "affirmed" and denier in (p.subject, p.recipient)
    ]
    return denier, list(dict.fromkeys(denied))
