"""Which cue patterns could match in a sentence: one Aho-Corasick pass over its lowered text.

A cue pattern (a negation, a hedge, a denial) cannot match where none of its words
is; most sentences hold few of them, so `sense_of` runs a pattern only when the pass
found one of its words. The words are stems matched anywhere ("den" stands for deny,
denies, denial), so a pattern is skipped only where it surely fails. Single words
only: some patterns run on a clause whose spaces were squeezed.
"""

from __future__ import annotations

from functools import cache

import ahocorasick

_STEMS = {
    "negation": "no never neither n't n’t nearly almost cannot yet",
    "question": "ask whether if question",
    "condition": "once unless until case condition",
    "wish": "ask urg call demand press lobb warn persuad want",
    "role": "responsible charge tasked authori control restriction curb limit ban right",
    "no_obstacle": "obstacle barrier objection prohibit treat nothing",
    "negator": "refus halt suspen cancel rul argu unable reject declin reluctan hesitant question stop block"
    " ban unwilling oppos nothing prohibit exclu delay turn veto hold held against unmet unfulfilled postpon"
    " abandon shelved scrapped dropped pull withdr walk fail fell fall behind unlikely prevent bar",
    "reversal": "step back revers only",
    "denial": "den reject refut dismiss fabricat fake false baseless groundless unfounded untrue nonsense lie"
    " disinformation absurd ridiculous misinformation basis disput question accurate true incorrect truth"
    " propaganda motivated smear slander fiction fairy fantas hoax psychological",
    "report": "report news claim allegation accusation rumo stories speculation information",
    "verdict": "question option table impossible ruled agenda",
    "unsure": "confirm verify indication evidence proof clear uncertain unknown decision sign whether seen",
    "plan_negator": "rul question prepared ready going unable argu will won would plan option table agenda"
    " impossible there prohibit exclu delay against reject allow postpon abandon shelved scrapped intent"
    " refus declin turn veto dropped pull withdr walk unlikely fell fall block unwilling cancel decision"
    " prevent bar",
    "reluctant": "reluctan hesita wary unwilling",
    "possible": "may might could can possib probab negotiat discuss talks potential consider mull weigh"
    " option perhaps hint suggest willing offer propos urg idea likely permission allow table should ready"
    " believed thought suspected appear seem interest hop able capab capacity position want",
    "agreement": "deal contract agreement accord order",
    "future": "will would expected scheduled due set planned",
    "reported": "reported allegedly purportedly said rumo",
}
_BIT = {family: 1 << i for i, family in enumerate(_STEMS)}


@cache
def _finder() -> ahocorasick.Automaton:
    """Stem -> the families it may start, as bits; built on first use."""
    finder = ahocorasick.Automaton()
    for family, stems in _STEMS.items():
        for stem in stems.split():
            finder.add_word(stem, finder.get(stem, 0) | _BIT[family])
    finder.make_automaton()
    return finder


class Cues:
    """The cue families whose words a lowered sentence holds: `"denial" in Cues(low)`."""

    __slots__ = ("bits",)

    def __init__(self, low: str) -> None:
        bits = 0
        for _, found in _finder().iter(low):
            bits |= found
        self.bits = bits

    def __contains__(self, family: str) -> bool:
        return bool(self.bits & _BIT[family])
