"""Rules that look beyond the trigger's own words: pronouns standing for a country, forces named
by what they do where they are, idioms of doubt and of distance. One real-looking sentence each."""

from __future__ import annotations

import pytest

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.watchlist import load_watchlist
from tests.common.core.support import Prop, props

from .test_rules_news import NEWS_WATCHLIST

WATCHLIST = {
    "systems": [
        *NEWS_WATCHLIST["systems"],
        {"name": "ballistic missile", "aliases": ["ballistic missiles"], "category": "ballistic missile"},
        {
            "name": "military instructors",
            "aliases": ["instructors", "trainers"],
            "category": "military personnel",
        },
    ],
    "actors": [*NEWS_WATCHLIST["actors"], {"name": "Netherlands", "aliases": ["the Netherlands"]}],
}


@pytest.fixture(scope="module")
def engine() -> RuleClaimEngine:
    return RuleClaimEngine(load_watchlist(WATCHLIST))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In January, Germany had announced that it would be sending Leopard tanks to Ukraine.",
            ("Germany", "transfer", "Leopard", "Ukraine", "affirmed", "planned"),
        ),
        (
            "The US offered Ankara Patriot missiles - a system they initially refused to sell to Turkey.",
            ("United States", "transfer", "Patriot", "Turkey", "negated", "planned"),
        ),
        (
            "Ukraine has started using long-range ATACMS for the first time, which were given to them "
            "secretly by the United States.",
            ("United States", "transfer", "ATACMS", "Ukraine", "affirmed", "asserted"),
        ),
    ],
)
def test_a_pronoun_stands_for_the_subject_before_it(
    engine: RuleClaimEngine, text: str, expected: Prop
) -> None:
    assert expected in props(engine, text)


def test_a_pronoun_takes_the_nearest_clause_subject_not_the_first_actor(engine: RuleClaimEngine) -> None:
    text = (
        "The US sent Patriot systems to Ukraine in April. In January, Germany had announced that it "
        "would be sending tanks to Ukraine, and the Netherlands followed suit, saying it would supply "
        "parts of a Patriot air defense system."
    )
    found = props(engine, text)
    assert ("Netherlands", "transfer", "Patriot", "Ukraine", "affirmed", "planned") in found
    assert not any(p[0] == "Germany" and p[2] == "Patriot" for p in found)


def test_a_pronoun_looks_back_to_the_subject_of_an_earlier_sentence(engine: RuleClaimEngine) -> None:
    text = "Germany long resisted calls from Kyiv. On Wednesday it said it would send Leopards to Ukraine."
    assert ("Germany", "transfer", "Leopard", "Ukraine", "affirmed", "planned") in props(engine, text)


def test_an_item_doing_the_giving_is_not_what_is_given(engine: RuleClaimEngine) -> None:
    text = "Once they arrive in force, the Abrams tanks would give Ukraine major new capabilities."
    found = props(engine, text)
    assert not any(p[1] == "transfer" and p[3] == "Ukraine" and p[5] == "asserted" for p in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mercenaries from the Wagner group are currently fighting alongside Russian forces in Ukraine.",
            ("Wagner Group", "deploy", "mercenaries", "Ukraine", "affirmed", "asserted"),
        ),
        (
            "Wagner is accused of employing mercenaries who have committed abuses in Mali and Libya.",
            ("Wagner Group", "deploy", "mercenaries", "Libya", "affirmed", "asserted"),
        ),
        (
            'The government said "Russian trainers" were in Mali as part of a bilateral cooperation.',
            ("Russia", "deploy", "military instructors", "Mali", "affirmed", "asserted"),
        ),
        (
            "Abrams are already in Ukraine and are preparing to reinforce our brigades, Zelensky said.",
            ("United States", "transfer", "Abrams", "Ukraine", "affirmed", "asserted"),
        ),
    ],
)
def test_being_or_fighting_somewhere_is_a_presence_there(
    engine: RuleClaimEngine, text: str, expected: Prop
) -> None:
    context = "The United States delivered Abrams tanks to Ukraine. "
    assert expected in props(engine, context + text)


def test_the_fight_against_an_insurgency_is_not_a_deployment(engine: RuleClaimEngine) -> None:
    text = "The nations involved in the fight against an insurgency in Mali condemned the mercenaries."
    assert not any(p[1] == "deploy" for p in props(engine, text))


@pytest.mark.parametrize(
    ("text", "polarity", "modality"),
    [
        (
            'A second official said ATACMS for Ukraine are "on the table" and could be sent soon.',
            "affirmed",
            "possible",
        ),
        ("There is no decision yet on the US sending ATACMS to Ukraine, Kirby said.", "affirmed", "unsure"),
        (
            "Russia has nothing to do with sending mercenaries to Mali, Lavrov said.",
            "negated",
            "asserted",
        ),
    ],
)
def test_idioms_of_doubt_and_distance_set_polarity_and_modality(
    engine: RuleClaimEngine, text: str, polarity: str, modality: str
) -> None:
    found = props(engine, text)
    assert found and {(p[4], p[5]) for p in found} == {(polarity, modality)}, found
