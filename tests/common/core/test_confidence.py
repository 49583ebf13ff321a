"""Match confidence: what the two claims rest on, and the floor below which nothing is emitted."""

from __future__ import annotations

from dataclasses import replace

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.claims.confidence import MIN_CONFIDENCE, confidence, features
from claimwatch.common.core.model import ArticleText, Claim, Match


def claims_of(engine: RuleClaimEngine, url: str, text: str, outlet: str) -> list[Claim]:
    return list(engine.extract(ArticleText(url=url, text=text, outlet=outlet)).claims)


def matches(engine: RuleClaimEngine, first: str, second: str) -> list[Match]:
    old = claims_of(engine, "https://a.example/1", first, "Outlet A")
    new = claims_of(engine, "https://b.example/2", second, "Outlet B")
    return [m for c in new for m in engine.compare(c, old)]


def test_two_announced_plans_corroborate_with_more_confidence_than_two_past_deliveries(
    engine: RuleClaimEngine,
) -> None:
    (plans,) = matches(
        engine,
        "Russia will deliver the S-400 to Turkey next year under the agreement signed in Ankara.",
        "Moscow plans to deliver the S-400 air defence system to Turkey, officials in Ankara said.",
    )
    (past,) = matches(
        engine,
        "Russia delivered the S-400 to Turkey in July, according to the defence ministry in Ankara.",
        "Moscow delivered the S-400 air defence system to Turkey, officials in Ankara said on Friday.",
    )
    assert plans.relation == past.relation == "corroborates"
    assert plans.confidence > past.confidence


def test_a_claim_whose_item_comes_from_an_earlier_sentence_lowers_confidence(
    engine: RuleClaimEngine,
) -> None:
    told = "Russia has delivered the first Pantsir-S1 batteries to Venezuela, the ministry in Caracas said."
    (named,) = matches(
        engine, told, "Russia delivered the Pantsir-S1 to Venezuela last week, officials said."
    )
    (elsewhere,) = [
        m
        for m in matches(
            engine,
            told,
            "The Pantsir-S1 is a short-range system built near Tula. "
            "Russia delivered the batteries to Venezuela last week, officials said.",
        )
        if "batteries" in m.new.sentence
    ]
    assert elsewhere.new.object == "Pantsir-S1" and "Pantsir-S1" not in (elsewhere.new.named or ())
    assert elsewhere.confidence < named.confidence


def test_a_doubtful_pair_of_strike_reports_is_not_emitted(engine: RuleClaimEngine) -> None:
    old = Claim(
        subject="Russia",
        predicate="use",
        object="Shahed-136",
        recipient="Turkey",
        polarity="affirmed",
        modality="asserted",
        speaker="outlet:Outlet A",
        sentence="Russia used the drones against Turkey.",
        span=(0, 38),
        article_url="https://a.example/1",
        outlet="Outlet A",
    )
    new = replace(
        old,
        sentence="Russia struck with them, it said.",
        article_url="https://b.example/2",
        outlet="Outlet B",
        speaker="outlet:Outlet B",
    )
    assert confidence("corroborates", new, old, 0, engine.named) < MIN_CONFIDENCE
    assert engine.compare(new, [old]) == []


def test_a_stored_claim_without_its_names_is_scored_as_when_it_was_extracted(
    engine: RuleClaimEngine,
) -> None:
    old = claims_of(
        engine,
        "https://a.example/1",
        "Russia delivered Buk-M2E systems to Venezuela via Il-76 cargo planes, Zhuravlev said.",
        "Outlet A",
    )
    (new,) = claims_of(
        engine,
        "https://b.example/2",
        "Sergey Lavrov said Russia did not supply any Buk-M2 to Venezuela.",
        "Outlet B",
    )
    fresh = engine.compare(new, old)
    read_back = engine.compare(new, [replace(c, named=None) for c in old])
    assert fresh and [m.confidence for m in fresh] == [m.confidence for m in read_back]


def test_a_general_denial_against_a_specific_delivery_outranks_a_denial_of_the_same_item(
    engine: RuleClaimEngine,
) -> None:
    delivered = Claim(
        subject="Russia",
        predicate="transfer",
        object="Pantsir-S1",
        recipient="Venezuela",
        polarity="affirmed",
        modality="asserted",
        speaker="Alexei Zhuravlev",
        sentence="Russia delivered Pantsir-S1 systems to Venezuela last week, Alexei Zhuravlev said.",
        span=(0, 82),
        article_url="https://a.example/1",
        outlet="Outlet A",
    )
    general = replace(
        delivered,
        object="military assistance",
        polarity="negated",
        speaker="Sergey Lavrov",
        sentence="Sergey Lavrov said Russia had not sent any military assistance to Venezuela this year.",
        article_url="https://b.example/2",
        outlet="Outlet B",
    )
    same = replace(
        general,
        object="Pantsir-S1",
        sentence="Sergey Lavrov said Russia had not sent any Pantsir-S1 to Venezuela this year.",
    )
    (broad,) = engine.compare(general, [delivered])
    (narrow,) = engine.compare(same, [delivered])
    assert features("contradicts", same, delivered, 0, engine.named)["contradicts_same_item"] == 1.0
    assert broad.relation == narrow.relation == "contradicts"
    assert broad.confidence > narrow.confidence
