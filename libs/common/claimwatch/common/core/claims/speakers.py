"""Who makes a claim: the speaker, and the source an article cites for it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..folded import Folded
from ..model import Mention
from .lexicon import ACCORDING, OUTLET_REPORTED, PRONOUN_SAY, SAY

_TOLD = re.compile(
    r"\b(?:told|informed|interview with|speaking to|speaking with)\s+(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,3}(?:outlet|newspaper|agency|daily|channel|website|broadcaster|publication)\s+)?\*?"
    r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})"
)
_BODY = re.compile(
    r"((?:[A-Z][\w.’'-]*\s+){0,3}(?:officials?|intelligence|ministry|spokes(?:man|woman|person)|agency|sources?"
    r"|media|experts?|analysts?|military|government|command|diplomats?|minister|president|ambassador|envoy))"
    r"\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# The nouns _BODY ends on, as a plain alternation: a cheap test before the anchored pattern.
_BODY_NOUN = Folded(
    r"official|intelligence|ministry|spokes|agency|source|media|expert|analyst|military|government|command"
    r"|diplomat|minister|president|ambassador|envoy",
    re.IGNORECASE,
)
# ... and _BODY's end alone: it starts on a literal, so the engine skips ahead instead of trying
# three capitalised words at every position.
_BODY_END = Folded(
    r"(?:officials?|intelligence|ministry|spokes(?:man|woman|person)|agency|sources?|media|experts?|analysts?"
    r"|military|government|command|diplomats?|minister|president|ambassador|envoy)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_BODY_AFTER = re.compile(
    r"[,”\"]\s*(?:says|said|added|stated)\s+((?:(?:the|a|an)\s+)?(?:[\w.’'-]+\s+){0,3}"
    r"(?:officials?|ministry|spokes(?:man|woman|person)|agency|government|military|command|embassy))\b"
)
_HEADLINE_VOICE = re.compile(r"\s*:\s")  # "Russia: no drones were used"
_PRONOUN = Folded(r"\b(?:he|she|they)\b", re.IGNORECASE)  # what PRONOUN_SAY needs
# "..., as the United States claims": the claim's author is quoted, not speaking.
_AS_CLAIMS = re.compile(r"\bas\s+(?:the\s+)?$", re.IGNORECASE)
# "..., said Germany", "..., says the United States": the speaker after its verb.
_SAID_BEFORE = re.compile(
    r"[,”\"]\s*(?:says|said|claims|claimed|insists|insisted|adds|added|stated|states|told reporters)\s+"
    r"(?:the\s+)?$"
)
# ... and nothing of its own after it: "said Kremlin spokesman Dmitry Peskov" is the spokesman.
_SPEAKER_ENDS = re.compile(
    r"\s*(?:[.,;:!?]|$)|\s+(?:on|in|at|last|this|earlier|today|yesterday)\b"
    r"|['’]s\s+(?:[\w-]+\s+){0,2}(?:ministry|government|embassy|military|army|president|spokes\w+)\b"
)  # "said Azerbaijan's defense ministry": the country's own voice
_SAYS_AFTER = re.compile(rf"\s+(?:has\s+|have\s+|had\s+)?(?:[a-z]+ly\s+)?(?:{SAY.pattern})")
# Cheap first looks over the lowered sentence: most sentences cite nobody.
_ACCORDING_WORDS = re.compile(r"according|citing|cited by|reported by")
_TOLD_WORDS = re.compile(r"told|informed|interview|speaking")
_REPORTED_WORDS = re.compile(r"\s(?:reported|reports|wrote)\b")  # what OUTLET_REPORTED ends on
_NOT_NAMES = {"the", "a", "an", "it", "this", "that", "he", "she", "they", "we", "earlier", "later", "also"}
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_TAIL = re.compile(r"\s+(?:report|reports|said|says)$", re.IGNORECASE)


@dataclass(frozen=True)
class Voice:
    speaker: str  # canonical person or actor, a named body, or "" for the outlet itself
    cited: str = ""


def source_name(phrase: str) -> str:
    """'a Defense Express report' -> 'Defense Express'."""
    phrase = _TAIL.sub("", _ARTICLE.sub("", phrase.strip().strip("*").strip()))
    return phrase.strip(" .,")


@lru_cache(maxsize=4096)  # asked for every pair of speakers a comparison meets
def same_source(a: str, b: str) -> bool:
    """'Gazeta.ru' and 'Gazeta', 'The Defence Blog' and 'Defence Blog' are one source."""

    def key(x: str) -> str:
        x = re.sub(r"\.(?:ru|com|org|net|ua|co\.uk)\b", "", source_name(x).lower())
        return re.sub(r"[^a-z0-9]", "", x.replace("defense", "defence"))

    def initials(x: str) -> str:  # "The Washington Post" -> "wp"
        words = [w for w in re.findall(r"[A-Za-z]+", source_name(x)) if w.lower() not in ("the", "of", "and")]
        return "".join(w[0] for w in words).lower() if len(words) > 1 else ""

    if not (a and b):
        return False
    ka, kb = key(a), key(b)
    return ka == kb or (len(ka) <= 4 and ka == initials(b)) or (len(kb) <= 4 and kb == initials(a))


def sentence_voice(
    sentence: str, mentions: Sequence[Mention], persons: dict[str, str], last_person: str
) -> Voice:
    """The voice of one sentence. `mentions` are relative to the sentence; `persons` maps
    watched people to their country; `last_person` is who "he"/"she" refers back to."""
    spoken = {m.entity for m in mentions if m.entity in persons}
    says = SAY.search(sentence) is not None
    actors_before_say = [
        m.entity
        for m in mentions
        if says
        and m.kind == "actor"
        and m.entity not in persons
        and m.form != "demonym"
        and (
            _SAYS_AFTER.match(sentence, m.end) is not None
            or (
                _SAID_BEFORE.search(sentence, max(0, m.start - 30), m.start) is not None
                and _SPEAKER_ENDS.match(sentence, m.end) is not None
            )
        )
        and not _AS_CLAIMS.search(sentence, max(0, m.start - 8), m.start)
    ]
    cited = ""
    speaker = ""
    low = sentence.lower()
    according = _names(ACCORDING, sentence) if _ACCORDING_WORDS.search(low) else []
    told = _names(_TOLD, sentence) if _TOLD_WORDS.search(low) else []
    reported = _names(OUTLET_REPORTED, sentence) if _REPORTED_WORDS.search(sentence) else []
    reported = [r for r in reported if r.split()[0].lower() not in _NOT_NAMES]
    mention_text = {sentence[m.start : m.end] for m in mentions}
    outlets = [x for x in (*according[:1], *reported, *told) if x and x not in mention_text]
    if outlets:
        cited = outlets[0]
    attributed = says or bool(according and any(p in according[-1] for p in mention_text))
    if actors_before_say and spoken:
        # "North Korea publicly denied that ..., Kirby said": the one who said it first speaks
        speaker = actors_before_say[0]
    elif len(spoken) == 1 and attributed:
        speaker = spoken.pop()
    elif says and last_person and _PRONOUN.search(sentence) and PRONOUN_SAY.search(sentence):
        speaker = last_person
    elif actors_before_say:
        speaker = actors_before_say[0]
    elif len(according) > 1:
        speaker = according[-1]  # "according to a Defense Express report citing Ukrainian intelligence"
    elif says and (body := _body(sentence)):
        speaker = body
    elif according:
        speaker = according[0]
    elif cited and reported:
        speaker = cited
    elif len(spoken) == 1:
        speaker = spoken.pop()  # the one official a sentence is about: "Zhuravlev went further, ..."
    elif mentions and _opens_headline_voice(sentence, mentions[0]):
        speaker = mentions[0].entity  # "Russia: no Iranian drones used", "Kremlin: ..."
    return Voice(speaker, cited if cited != speaker else "")


_TITLE_GAP = re.compile(r"^(?:['’]s)?\s+(?:[\w.-]+\s+){0,4}$")
_TITLES = (
    r"(?:minister|president|spokes(?:man|woman|person)|ambassador|secretary|envoy|chief|leader|commander)"
)
# "Iran's defence minister, Mohammad Reza Ashtiani": a title set off by a comma before the name.
_TITLE_COMMA = re.compile(rf"^['’]s\s+(?:[\w.-]+\s+){{0,3}}{_TITLES},\s+$", re.IGNORECASE)
# "Mohammad Reza Ashtiani, Iran's defence minister": the title after the name.
_TITLE_AFTER = re.compile(rf"['’]s\s+(?:[\w.-]+\s+){{0,3}}{_TITLES}\b", re.IGNORECASE)
_APPOSITION = re.compile(r"^,\s+(?:the\s+)?$")


def person_countries(sentence: str, mentions: Sequence[Mention], people: frozenset[str]) -> dict[str, str]:
    """'Kremlin spokesperson Dmitry Peskov', 'Turkish Foreign Minister Cavusoglu': person -> country."""
    out: dict[str, str] = {}
    for prev, m in pairwise(mentions):
        if m.entity not in people or prev.kind != "actor" or prev.entity in people:
            continue
        gap = sentence[prev.end : m.start]
        if prev.end + 50 >= m.start and (_TITLE_GAP.match(gap) or _TITLE_COMMA.match(gap)):
            out[m.entity] = prev.entity
    for m, nxt in pairwise(mentions):
        if m.entity not in people or nxt.kind != "actor" or nxt.entity in people or m.entity in out:
            continue
        if _APPOSITION.match(sentence[m.end : nxt.start]) and _TITLE_AFTER.match(sentence, nxt.end):
            out[m.entity] = nxt.entity
    return out


def _opens_headline_voice(sentence: str, first: Mention) -> bool:
    return (
        first.kind == "actor" and first.start <= 4 and _HEADLINE_VOICE.match(sentence, first.end) is not None
    )


def _body(sentence: str) -> str:
    """'U.S. officials said', 'the defence ministry said': a named body right before a verb of saying."""
    if not _BODY_NOUN.search(sentence):
        return ""  # no body's noun anywhere, so none before a verb of saying
    for say in SAY.finditer(sentence):
        window = sentence[max(0, say.start() - 60) : say.start()]
        m = _BODY.search(window) if _BODY_END.search(window) else None
        if m:
            return source_name(m.group(1))
    after = _BODY_AFTER.search(sentence)  # "..., said a ministry spokesman"
    return source_name(after.group(1)) if after else ""


def _names(rx: re.Pattern[str], sentence: str) -> list[str]:
    return [source_name(m.group(1)) for m in rx.finditer(sentence)]
