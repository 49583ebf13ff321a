"""The one-pass look for cue words that decides which cue patterns run."""

from __future__ import annotations

from claimwatch.common.core.claims.cues import Cues


def test_a_denial_word_marks_the_denial_family_only() -> None:
    cues = Cues("the kremlin denied it had sent pantsir-s1 systems to caracas.")
    assert "denial" in cues
    assert "question" not in cues
    assert "unsure" not in cues


def test_stems_match_inside_longer_words() -> None:
    cues = Cues("moscow is reluctant and may reconsider its refusal")
    assert "reluctant" in cues and "negator" in cues and "possible" in cues


def test_a_sentence_without_cue_words_marks_nothing() -> None:
    cues = Cues("pantsir-s1 arrived via il-76")
    assert not any(family in cues for family in ("negation", "denial", "possible", "future", "unsure"))
