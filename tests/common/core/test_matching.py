from __future__ import annotations

import pytest

from claimwatch.common.core.matching import MentionMatcher
from claimwatch.common.core.watchlist import Watchlist, load_watchlist


@pytest.fixture(scope="module")
def matcher(watchlist: Watchlist) -> MentionMatcher:
    return MentionMatcher(watchlist)


def entities(matcher: MentionMatcher, text: str) -> list[tuple[str, str]]:
    return [(m.entity, m.form) for m in matcher.find(text)]


@pytest.mark.parametrize("written", ["Buk-M2E", "buk m2e", "BUK M2E", "Buk–M2E", "BukM2E"])
def test_system_matches_whatever_its_case_hyphens_and_spaces(matcher: MentionMatcher, written: str) -> None:
    assert ("Buk-M2E", "name") in entities(matcher, f"It fielded the {written} launcher.")


def test_longest_name_wins_over_the_shorter_one_inside_it(matcher: MentionMatcher) -> None:
    assert [e for e, _ in entities(matcher, "a Buk-M2E battery")] == ["Buk-M2E"]


def test_span_maps_back_to_the_original_text(matcher: MentionMatcher) -> None:
    text = "Nicolás said the Pantsir‑S1’s radar failed."
    m = next(m for m in matcher.find(text) if m.entity == "Pantsir-S1")
    assert text[m.start : m.end] == "Pantsir‑S1"


def test_possessive_and_plural_forms_match(matcher: MentionMatcher) -> None:
    found = entities(matcher, "Russia's Pantsir-S1s and Venezuela’s drones")
    assert ("Russia", "name") in found
    assert ("Pantsir-S1", "name") in found
    assert ("Venezuela", "name") in found
    assert ("drone", "generic") in found


def test_name_inside_a_longer_word_is_not_matched_but_its_demonym_is(matcher: MentionMatcher) -> None:
    assert entities(matcher, "Iranian drones") == [("Iran", "demonym"), ("drone", "generic")]
    assert entities(matcher, "Iranians") == [("Iran", "demonym")]
    assert entities(matcher, "Buk-M2Extra") == []


def test_metonyms_stand_for_watched_countries(matcher: MentionMatcher) -> None:
    found = entities(matcher, "Moscow and the Kremlin answered Caracas and Tehran.")
    assert found == [
        ("Russia", "metonym"),
        ("Russia", "metonym"),
        ("Venezuela", "metonym"),
        ("Iran", "metonym"),
    ]


def test_metonym_of_an_unwatched_country_is_ignored(matcher: MentionMatcher) -> None:
    assert entities(matcher, "Officials in Beijing and Pyongyang") == []


def test_short_capital_alias_does_not_match_a_common_word(matcher: MentionMatcher) -> None:
    assert entities(matcher, "They have not come to us.") == []
    assert entities(matcher, "The US and the U.S. Treasury") == [("United States", "alias")] * 2


def test_cyrillic_alias_matches_with_yo_folded(matcher: MentionMatcher) -> None:
    assert entities(matcher, "поставка Панцирь-С1 в Венесуэлу") == [("Pantsir-S1", "alias")]


def test_person_surname_in_another_romanisation_is_found(matcher: MentionMatcher) -> None:
    found = matcher.find("Lawmaker Aleksei Zhurawlyov said so; Sergei Lavrov denied it.")
    assert [(m.entity, m.form) for m in found] == [("Alexei Zhuravlev", "fuzzy"), ("Sergey Lavrov", "alias")]


def test_fuzzy_matching_is_for_person_names_only(matcher: MentionMatcher) -> None:
    assert entities(matcher, "Venesuela and Pantsyr-S1") == []


def test_a_similar_but_different_surname_is_not_taken_for_a_watched_person(matcher: MentionMatcher) -> None:
    assert entities(matcher, "Maria Zhuravlova spoke") == []


def test_definite_generic_names_the_one_system_just_mentioned(matcher: MentionMatcher) -> None:
    text = "An Il-76 cargo aircraft landed in Caracas. The aircraft was operated by a sanctioned airline."
    found = matcher.find(text)
    generic = [m for m in found if m.form == "generic" and m.kind == "system"]
    assert [(m.entity, m.surface) for m in generic] == [("Il-76", "The aircraft")]


def test_definite_generic_stays_unresolved_when_two_systems_fit(matcher: MentionMatcher) -> None:
    text = "An Il-76 and a Su-30MK2 landed. The aircraft left."
    assert not [m for m in matcher.find(text) if m.surface == "The aircraft"]


def test_generic_category_phrase_is_a_category_mention(matcher: MentionMatcher) -> None:
    found = entities(matcher, "new air-defense systems and military aid")
    assert found == [("air defence", "generic"), ("military assistance", "generic")]


def test_empty_watchlist_finds_nothing() -> None:
    assert MentionMatcher(load_watchlist({})).find("Russia sent Buk-M2E") == []
