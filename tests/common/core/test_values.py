"""Explicit times and counts on claims, and contradictions from incompatible values of one event."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.claims.times import time_of
from claimwatch.common.core.model import ArticleText, Claim

PUBLISHED = datetime(2025, 10, 30, 9, 0, tzinfo=UTC)  # a Thursday


def claims(engine: RuleClaimEngine, text: str, url: str, published: datetime | None = None) -> list[Claim]:
    article = ArticleText(url=url, text=text, outlet=url.split("/")[2], published=published)
    return list(engine.extract(article).claims)


def only(engine: RuleClaimEngine, text: str, url: str, published: datetime | None = None) -> Claim:
    (claim,) = [c for c in claims(engine, text, url, published) if c.object == "S-400"]
    return claim


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        (
            "Russia delivered the first S-400 components to Turkey on 12 July 2019, the ministry said.",
            "2019-07-12",
        ),
        ("The first parts of the S-400 landed at Murted air base on July 12, 2019.", "2019-07-12"),
        (
            "The Il-76 cargo planes landed in Caracas on 26 and 29 October, flight data show.",
            "2025-10-26/2025-10-29",
        ),
        ("Deliveries of the S-400 to India began in December 2021.", "2021-12"),
        ("In July of 2022, Jake Sullivan said the U.S. was prepared to take risk.", "2022-07"),
        ("Ankara and Moscow struck the S-400 deal in 2017.", "2017"),
        ("The ministry's statement of 2019-07-12 named Murted air base.", "2019-07-12"),
    ],
)
def test_explicit_dates_are_normalised(sentence: str, when: str) -> None:
    assert time_of(sentence, PUBLISHED) == when


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        ("Two Il-76 planes landed in Caracas on Saturday, Flightradar data show.", "2025-10-25"),
        ("The Kremlin denied the report yesterday.", "2025-10-29"),
        ("Ukraine received the first Patriot battery last month.", "2025-09"),
        ("The deliveries will be completed on 28 December, Rostec said.", "2024-12-28"),
    ],
)
def test_relative_times_and_dates_without_a_year_are_read_against_the_publication_date(
    sentence: str, when: str
) -> None:
    assert time_of(sentence, PUBLISHED) == when


def test_relative_times_without_a_publication_date_are_kept_as_written() -> None:
    assert time_of("Two Il-76 planes landed in Caracas on Saturday.") == "Saturday"
    assert time_of("The planes landed on 26 and 29 October.") == "26 and 29 October"


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia may send 2000 troops to Mali, the report said.",
        "The S-400 has a range of 400 km.",
        "Russia might deliver more Su-35 jets soon.",
        "Deliveries are expected in the coming weeks.",
    ],
)
def test_counts_hedges_and_vague_times_are_not_times(sentence: str) -> None:
    assert time_of(sentence, PUBLISHED) == ""


def test_claim_carries_the_time_of_its_sentence(engine: RuleClaimEngine) -> None:
    text = "Russia delivered the first S-400 components to Turkey on 12 July 2019, the ministry said."
    assert only(engine, text, "https://a.example/1").when == "2019-07-12"
    text = "Russia delivered S-400 systems to Turkey on Friday, the ministry said."
    assert only(engine, text, "https://a.example/2", PUBLISHED).when == "2025-10-24"
    assert only(engine, "Russia delivered S-400 systems to Turkey.", "https://a.example/3").when == ""


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Russia has delivered all 4 squadrons of the S-400 to Turkey.", 4),
        ("Russia delivered two S-400 batteries to Turkey last year.", 2),
        ("Russia delivered three squadrons of S-400 to Turkey.", 3),
        ("Turkey bought the S-400 from Russia. Russia delivered three squadrons to Turkey.", 3),
        ("Russia delivered one S-400 to Turkey, a source said.", 1),
        ("Russia delivered S-400 systems to Turkey.", None),
        ("Russia delivered one of the S-400 systems to Turkey.", None),
        ("Russia sold the $2.5 billion S-400 to Turkey.", None),
        ("Russia delivered the 2019 S-400 order to Turkey.", None),
        ("Russia sent two ships with S-400 components to Turkey.", None),
    ],
)
def test_claim_carries_the_count_written_before_its_item(
    engine: RuleClaimEngine, text: str, count: int | None
) -> None:
    found = [c for c in claims(engine, text, "https://a.example/1") if c.object == "S-400"]
    assert found and found[-1].quantity == count


FIRST_JULY = (
    "The first delivery of S-400 components to Turkey was completed on 12 July 2019, "
    "when a Russian An-124 landed at Murted air base, the Turkish defence ministry said."
)
FIRST_SEPTEMBER = (
    "Russia made the first delivery of S-400 parts to Turkey on September 15, 2019, "
    "a source at Rostec told TASS on Monday."
)


def test_two_dates_for_one_first_delivery_contradict(engine: RuleClaimEngine) -> None:
    stored = only(engine, FIRST_JULY, "https://a.example/1")
    new = only(engine, FIRST_SEPTEMBER, "https://b.example/2")
    (m,) = engine.compare(new, [stored])
    assert m.relation == "contradicts"
    assert "dates differ: 2019-09-15 vs 2019-07-12 for the first delivery of S-400 to Turkey" in m.explanation


def test_a_value_contradiction_is_emitted_less_sure_than_the_corroboration_it_replaces(
    engine: RuleClaimEngine,
) -> None:
    stored = only(engine, FIRST_JULY, "https://a.example/1")
    new = only(engine, FIRST_SEPTEMBER, "https://b.example/2")
    (m,) = engine.compare(new, [stored])
    (same,) = engine.compare(replace(new, when=stored.when), [stored])
    assert same.relation == "corroborates"
    assert 0.52 <= m.confidence < same.confidence


def test_dates_a_day_apart_are_the_same_day_told_from_two_time_zones(engine: RuleClaimEngine) -> None:
    stored = only(engine, FIRST_JULY, "https://a.example/1")
    new = replace(only(engine, FIRST_SEPTEMBER, "https://b.example/2"), when="2019-07-13")
    assert [m.relation for m in engine.compare(new, [stored])] == ["corroborates"]


def test_two_batches_on_two_dates_are_two_events_not_a_contradiction(engine: RuleClaimEngine) -> None:
    stored = only(
        engine,
        "A Russian An-124 delivered S-400 components to Turkey on 12 July 2019.",
        "https://a.example/1",
    )
    new = only(
        engine,
        "A second batch of S-400 parts was delivered to Turkey by Russia on August 27, 2019, "
        "the ministry said.",
        "https://b.example/2",
    )
    assert (stored.when, new.when) == ("2019-07-12", "2019-08-27")
    assert [m.relation for m in engine.compare(new, [stored])] == ["corroborates"]


def test_first_delivery_and_completion_on_two_dates_are_two_events(engine: RuleClaimEngine) -> None:
    stored = only(engine, FIRST_JULY.replace(" was completed", " took place"), "https://a.example/1")
    new = only(
        engine,
        "Russia completed the delivery of the S-400 to Turkey on September 15, 2019, "
        "Rostec chief Sergei Chemezov said.",
        "https://b.example/2",
    )
    assert [m.relation for m in engine.compare(new, [stored])] == ["corroborates"]


def test_different_totals_for_one_completed_delivery_contradict(engine: RuleClaimEngine) -> None:
    stored = only(
        engine,
        "With the last ship docked in Mersin, Russia has now delivered all 4 squadrons of the S-400 "
        "to Turkey, the defence ministry in Ankara announced.",
        "https://a.example/1",
    )
    new = only(
        engine,
        "Moscow completed the delivery of a total of 5 S-400 batteries to Turkey, "
        "Sergei Chemezov told reporters.",
        "https://b.example/2",
    )
    (m,) = engine.compare(new, [stored])
    assert (
        m.relation == "contradicts"
        and "totals differ: 5 vs 4 for the delivery of S-400 to Turkey" in m.explanation
    )
    # read back from storage, the count is not kept: it is read again from the sentence
    (again,) = engine.compare(new, [replace(stored, quantity=None)])
    assert again.relation == "contradicts"


def test_counts_of_two_batches_are_not_a_contradiction(engine: RuleClaimEngine) -> None:
    stored = only(
        engine,
        "Russia delivered two S-400 batteries to Turkey in July, the ministry said.",
        "https://a.example/1",
    )
    new = only(
        engine,
        "Russia has sent three S-400 batteries to Turkey so far, a Rostec source told TASS.",
        "https://b.example/2",
    )
    assert (stored.quantity, new.quantity) == (2, 3)
    assert [m.relation for m in engine.compare(new, [stored])] == ["corroborates"]


def test_values_never_turn_a_plan_or_a_denial_into_a_contradiction(engine: RuleClaimEngine) -> None:
    stored = only(engine, FIRST_JULY, "https://a.example/1")
    new = only(engine, FIRST_SEPTEMBER, "https://b.example/2")
    planned = [replace(c, modality="planned") for c in (new, stored)]
    assert [m.relation for m in engine.compare(planned[0], [planned[1]])] == ["corroborates"]
    denied = [replace(c, polarity="negated") for c in (new, stored)]
    assert [m.relation for m in engine.compare(denied[0], [denied[1]])] == ["corroborates"]


def test_claims_without_explicit_values_compare_as_before(engine: RuleClaimEngine) -> None:
    stored = only(
        engine,
        "Russia delivered the S-400 air defence system to Turkey, the ministry said.",
        "https://a.example/1",
    )
    new = only(
        engine,
        "Turkey has received Russian S-400 missiles, Rostec confirmed to reporters.",
        "https://b.example/2",
    )
    assert (stored.when, stored.quantity, new.when, new.quantity) == ("", None, "", None)
    (m,) = engine.compare(new, [stored])
    assert m.relation == "corroborates" and "differ" not in m.explanation
