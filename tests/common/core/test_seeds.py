"""The three bundled seed articles, in file order, against a dict standing in for the store's key index."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.model import ArticleText, Claim, Match
from claimwatch.common.core.watchlist import load_watchlist

Prop = tuple[str, str, str, str, str]

# What each seed sentence states (by a verbatim fragment), labelled by hand per the claim model.
# A match is right only when both of its claims are among these.
GOLD: dict[str, dict[str, set[Prop]]] = {
    "000": {
        "the Kremlin has dispatched a new contingent": {
            ("Russia", "transfer", "air defence", "Venezuela", "+")
        },
        "previously supplied by Moscow to Caracas": {
            ("Russia", "transfer", "Su-30MK2", "Venezuela", "+"),
            ("Russia", "transfer", "S-300VM", "Venezuela", "+"),
        },
        "the recent delivery of a weapons platform": {("Russia", "transfer", "Pantsir-S1", "Venezuela", "+")},
        "had been transported to Venezuela via Il-76": {
            ("Russia", "transfer", "Pantsir-S1", "Venezuela", "+"),
            ("Russia", "transfer", "Buk-M2E", "Venezuela", "+"),
        },
        "consider shipping more advanced offensive weaponry": {
            ("Russia", "transfer", x, "Venezuela", "+")
            for x in ("weapons", "ballistic missile", "cruise missile")
        },
        "prohibit Russia from exporting": {
            ("Russia", "transfer", "Oreshnik", "Venezuela", "+"),
            ("Russia", "transfer", "Kalibr", "Venezuela", "+"),
        },
        "The aircraft in question was operated by Aviacon": {
            ("Aviacon Zitotrans", "possess", "Il-76", "", "+"),
            ("United States", "sanction", "sanctions", "Aviacon Zitotrans", "+"),
        },
        "also acquired from Russia in prior years": {
            ("Russia", "transfer", "S-300VM", "Venezuela", "+"),
            ("Russia", "transfer", "Buk-M2", "Venezuela", "+"),
        },
    },
    "001": {
        "Russia has claimed it delivered Pantsir-S1": {
            ("Russia", "transfer", "Pantsir-S1", "Venezuela", "+"),
            ("Russia", "transfer", "Buk-M2", "Venezuela", "+"),
            ("Russia", "transfer", "Oreshnik", "Venezuela", "+"),
        },
        "Il-76 cargo plane operated by the government-affiliated": {
            ("Aviacon Zitotrans", "possess", "Il-76", "", "+")
        },
        "Venezuela requested military aid from Russia": {
            ("Venezuela", "request", "military assistance", "Russia", "+")
        },
        "the Il-76 is operated by Aviacon Zitotrans": {
            ("Aviacon Zitotrans", "possess", "Il-76", "", "+"),
            ("United States", "sanction", "sanctions", "Aviacon Zitotrans", "+"),
        },
        "no obstacles to supplying a friendly country": {
            ("Russia", "transfer", "Oreshnik", "Venezuela", "+"),
            ("Russia", "transfer", "weapons", "Venezuela", "+"),
        },
        "Russia can realistically transfer to Venezuela": {
            ("Russia", "transfer", "Oreshnik", "Venezuela", "+"),
            ("Russia", "possess", "Oreshnik", "", "+"),
        },
        "Russia may also deploy Kalibr": {("Russia", "deploy", "Kalibr", "Venezuela", "+")},
    },
    "003": {
        "Russia does not plan to provide military assistance": {
            ("Russia", "transfer", "military assistance", "Venezuela", "-"),
            ("Venezuela", "request", "weapons", "Russia", "-"),
        },
        "they have not come to us": {("Venezuela", "request", "military assistance", "Russia", "-")},
        "Moscow could supply Venezuela with advanced Oreshnik": {
            ("Russia", "transfer", "Oreshnik", "Venezuela", "+"),
            ("Russia", "transfer", "Kalibr", "Venezuela", "+"),
            ("Venezuela", "request", "military assistance", "Russia", "+"),
        },
    },
}


def _prop(c: Claim) -> Prop:
    return (c.subject, c.predicate, c.object, c.recipient, "+" if c.polarity == "affirmed" else "-")


def _labelled(c: Claim) -> bool:
    stem = c.article_url.rsplit("/", 1)[-1][:3]
    return any(anchor in c.sentence and _prop(c) in props for anchor, props in GOLD[stem].items())


@pytest.fixture(scope="module")
def matches() -> list[Match]:
    data = resources.files("claimwatch.cli").joinpath("data")
    engine = RuleClaimEngine(load_watchlist(yaml.safe_load(data.joinpath("watchlist.yaml").read_text())))
    index: dict[str, list[Claim]] = {}
    out: list[Match] = []
    for seed in sorted(data.joinpath("seeds").iterdir(), key=lambda p: p.name):
        article = ArticleText(
            url=f"seeds/{seed.name}", text=seed.read_text(), outlet=f"outlet {seed.name[:3]}"
        )
        claims = engine.extract(article).claims
        for c in claims:
            candidates = {id(s): s for k in engine.lookup_keys(c) for s in index.get(k, [])}
            out += engine.compare(c, list(candidates.values()))
        for c in claims:
            for k in engine.index_keys(c):
                index.setdefault(k, []).append(c)
    return out


def find(matches: list[Match], relation: str, new: str, old: str, obj: str = "") -> list[Match]:
    return [
        m
        for m in matches
        if m.relation == relation
        and new in m.new.sentence
        and old in m.stored.sentence
        and (not obj or obj in (m.new.object, m.stored.object))
    ]


def test_pantsir_and_buk_deliveries_corroborate_as_echoes_of_zhuravlev(matches: list[Match]) -> None:
    for system in ("Pantsir-S1", "Buk-M2"):
        found = find(
            matches, "corroborates", "Russia has claimed it delivered", "transported to Venezuela", system
        )
        assert found, system
        assert all(m.independence == "echo" and m.new.speaker == "Alexei Zhuravlev" for m in found)


def test_possible_oreshnik_and_kalibr_transfers_corroborate(matches: list[Match]) -> None:
    assert find(
        matches, "corroborates", "Moscow could supply Venezuela", "prohibit Russia from exporting", "Kalibr"
    )
    assert find(
        matches, "corroborates", "Moscow could supply Venezuela", "prohibit Russia from exporting", "Oreshnik"
    )
    assert find(matches, "corroborates", "Russia has claimed", "prohibit Russia from exporting", "Oreshnik")
    independent = find(matches, "corroborates", "Defense Express report", "prohibit Russia", "Oreshnik")
    assert independent and all(m.independent for m in independent)


def test_il76_operated_by_aviacon_zitotrans_corroborates(matches: list[Match]) -> None:
    assert find(matches, "corroborates", "operated by Aviacon Zitotrans", "The aircraft in question", "Il-76")


def test_lavrov_denial_contradicts_the_delivery_claims(matches: list[Match]) -> None:
    denial = "Russia does not plan to provide military assistance"
    for system in ("Pantsir-S1", "Buk-M2", "Buk-M2E", "S-300VM"):
        found = find(matches, "contradicts", denial, "", system)
        assert found, system
        assert all(m.new.speaker == "Sergey Lavrov" for m in found)


def test_caracas_not_requesting_weapons_contradicts_the_aid_request(matches: list[Match]) -> None:
    assert find(
        matches, "contradicts", "Caracas has not requested weapons", "Venezuela requested military aid"
    )
    assert find(matches, "contradicts", "they have not come to us", "Venezuela requested military aid")


def test_no_more_than_one_in_four_matches_is_wrong(matches: list[Match]) -> None:
    wrong = [m for m in matches if not (_labelled(m.new) and _labelled(m.stored))]
    assert len(matches) >= 20
    assert len(wrong) * 4 <= len(matches), [m.explanation for m in wrong]


def test_no_match_pairs_an_article_with_itself(matches: list[Match]) -> None:
    assert all(m.new.article_url != m.stored.article_url for m in matches)
