"""Normalised text and its way back to the original characters."""

from __future__ import annotations

import pytest

from claimwatch.common.core.text import normalise


def _words_back(text: str) -> list[str]:
    """Each normalised word, read back from the original text through the offset map."""
    norm = normalise(text)
    out, pos = [], 0
    for word in norm.text.split(" "):
        a, b = norm.span(pos, pos + len(word))
        out.append(text[a:b])
        pos += len(word) + 1
    return out


def test_punctuation_hyphens_and_runs_of_spaces_become_one_space() -> None:
    text = "  Russia's Pantsir-S1 —  delivered,\n\nsaid Zhuravlev. "
    assert normalise(text).text == "russia s pantsir s1 delivered said zhuravlev"
    assert _words_back(text) == ["Russia", "s", "Pantsir", "S1", "delivered", "said", "Zhuravlev"]


def test_accented_words_are_folded_in_place() -> None:
    text = "President Nicolás Maduro met Lavrov’s deputy in Caracas – “no weapons”, he said."
    norm = normalise(text)
    assert "nicolas maduro met lavrov s deputy" in norm.text
    assert _words_back(text)[1:3] == ["Nicolás", "Maduro"]


def test_yo_is_folded_to_ye_in_cyrillic_names() -> None:
    assert normalise("Журавлёв сказал").text == "журавлев сказал"


@pytest.mark.parametrize("text", ["ﬁghter jets", "Straße ﬁx", "İstanbul talks"])
def test_folds_that_change_a_words_length_still_map_back(text: str) -> None:
    words = _words_back(text)
    assert len(words) == len(normalise(text).text.split(" "))
    assert words[-1] == text.split()[-1]


def test_text_with_no_words_normalises_to_nothing() -> None:
    assert normalise(" — , ").text == ""
