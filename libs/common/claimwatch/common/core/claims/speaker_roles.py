"""Words whose country is the speaker's: "we", "us", "our country", "his country".

"'We have missiles and bombs that we have received from Russia,' Lukashenko said": `we` is
Belarus. "Putin said his country would start deploying them": `his country` is Russia. A
first-person word counts only when someone with a country speaks the sentence; `his country`
and `her country` stand for the country of the nearest watched person before them, else the
speaker's; `the country` only inside a quotation, where the speaker uses it for their own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..folded import Folded
from ..model import Mention

# One pass finds every such word; most sentences have none.
_WORDS = Folded(r"\b(?:we|us|(?:our|my|his|her|the) (?:country|nation))\b", re.IGNORECASE)
_QUOTES = re.compile(r"[\"“”]")


def speaker_mentions(
    sentence: str, mentions: Sequence[Mention], speaker_country: str, persons: Mapping[str, str]
) -> list[Mention]:
    """Actor mentions for the speaker-relative words of one sentence (spans relative to it)."""
    out: list[Mention] = []
    for m in _WORDS.finditer(sentence):
        start, end = m.span()
        word = sentence[start:end]
        if any(x.start <= start < x.end for x in mentions) or word == "US":
            continue  # part of a watched name; "US" in capitals is the country, never the pronoun
        first = word.split()[0].lower()
        if first in ("his", "her"):
            owner = [p for p in mentions if p.end <= start and persons.get(p.entity)]
            entity = persons[owner[-1].entity] if owner else speaker_country
        elif first == "the":
            entity = speaker_country if _quoted(sentence, start) else ""
        else:
            entity = speaker_country
        if entity:
            out.append(Mention(entity, "actor", word, start, end, "pronoun"))
    return out


def _quoted(sentence: str, at: int) -> bool:
    """Inside a quotation: an odd number of quote marks before `at`."""
    return len(_QUOTES.findall(sentence, 0, at)) % 2 == 1
