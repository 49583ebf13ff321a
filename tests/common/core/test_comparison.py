from __future__ import annotations

from dataclasses import replace

import pytest

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.model import Claim

BASE = Claim(
    subject="Russia",
    predicate="transfer",
    object="Pantsir-S1",
    recipient="Venezuela",
    polarity="affirmed",
    modality="asserted",
    speaker="Alexei Zhuravlev",
    sentence="Russia delivered Pantsir-S1 systems to Venezuela, Zhuravlev said.",
    span=(0, 66),
    article_url="https://a.example/1",
    outlet="Outlet A",
)


def other(**changes: object) -> Claim:
    defaults: dict[str, object] = {
        "article_url": "https://b.example/2",
        "outlet": "Outlet B",
        "speaker": "outlet:Outlet B",
        "sentence": "Air defence systems were delivered by Moscow to Caracas last month, Kyiv says.",
    }
    defaults.update(changes)
    return replace(BASE, **defaults)  # type: ignore[arg-type]


def relations(engine: RuleClaimEngine, new: Claim, old: Claim) -> list[str]:
    return [m.relation for m in engine.compare(new, [old])]


def test_same_proposition_from_another_voice_corroborates_independently(engine: RuleClaimEngine) -> None:
    (m,) = engine.compare(other(), [BASE])
    assert (m.relation, m.independence, m.independent) == ("corroborates", "independent", True)


def test_same_speaker_in_another_article_is_an_echo(engine: RuleClaimEngine) -> None:
    (m,) = engine.compare(other(speaker="Alexei Zhuravlev"), [BASE])
    assert (m.relation, m.independence) == ("corroborates", "echo")
    assert "echo" in m.explanation and "Alexei Zhuravlev" in m.explanation


def test_a_source_and_its_initials_are_one_speaker(engine: RuleClaimEngine) -> None:
    (m,) = engine.compare(other(speaker="WP"), [replace(BASE, speaker="The Washington Post")])
    assert m.independence == "echo"
    (m,) = engine.compare(other(speaker="WPA"), [replace(BASE, speaker="The Washington Post")])
    assert m.independence == "independent"


def test_article_citing_the_stored_outlet_is_a_citation(engine: RuleClaimEngine) -> None:
    (m,) = engine.compare(other(cited_source="Outlet A"), [BASE])
    assert m.independence == "citation"


def test_variant_corroborates_its_system_one_step_up(engine: RuleClaimEngine) -> None:
    new = other(object="Buk-M2E")
    (m,) = engine.compare(new, [replace(BASE, object="Buk-M2")])
    assert m.relation == "corroborates"
    assert "Buk-M2E is Buk-M2" in m.explanation


def test_general_denial_contradicts_a_specific_delivery(engine: RuleClaimEngine) -> None:
    denial = other(
        object="military assistance", polarity="negated", modality="planned", speaker="Sergey Lavrov"
    )
    (m,) = engine.compare(denial, [BASE])
    assert m.relation == "contradicts"
    assert "Pantsir-S1 is air defence, which is weapons, which is military assistance" in m.explanation


def test_narrower_denial_says_nothing_of_a_broader_assertion(engine: RuleClaimEngine) -> None:
    broad = replace(BASE, object="military assistance")
    assert relations(engine, other(polarity="negated"), broad) == []


def test_denied_past_delivery_says_nothing_of_a_plan(engine: RuleClaimEngine) -> None:
    plan = replace(BASE, modality="planned")
    assert relations(engine, other(polarity="negated"), plan) == []


def test_doubt_is_never_corroborated(engine: RuleClaimEngine) -> None:
    assert relations(engine, other(modality="unsure"), BASE) == []


def test_possibility_is_corroborated_only_by_another_possibility(engine: RuleClaimEngine) -> None:
    possible = replace(BASE, modality="possible")
    assert relations(engine, other(modality="possible"), possible) == ["corroborates"]
    assert relations(engine, other(), possible) == []


@pytest.mark.parametrize(
    "change",
    [{"subject": "Iran"}, {"recipient": "Turkey"}, {"predicate": "deploy"}, {"object": "Shahed-136"}],
)
def test_different_proposition_does_not_match(engine: RuleClaimEngine, change: dict[str, str]) -> None:
    assert relations(engine, other(**change), BASE) == []


def test_same_article_never_matches_itself(engine: RuleClaimEngine) -> None:
    assert relations(engine, other(article_url=BASE.article_url), BASE) == []


def test_syndicated_copy_of_a_sentence_never_corroborates(engine: RuleClaimEngine) -> None:
    copy = other(sentence=BASE.sentence.replace("said", "said on Monday"))
    assert relations(engine, copy, BASE) == []


def test_match_carries_confidence_and_a_one_line_explanation(engine: RuleClaimEngine) -> None:
    (m,) = engine.compare(other(), [BASE])
    assert 0 < m.confidence <= 1
    assert "\n" not in m.explanation
    assert m.explanation.startswith("New: Russia transferred Pantsir-S1 to Venezuela")


def test_lookup_keys_find_stored_claims_above_and_below_the_new_item(engine: RuleClaimEngine) -> None:
    stored = [
        replace(BASE, object=o)
        for o in ("Pantsir-S1", "Buk-M2", "Buk-M2E", "air defence", "weapons", "military assistance", "drone")
    ]
    index: dict[str, list[Claim]] = {}
    for c in stored:
        for k in engine.index_keys(c):
            index.setdefault(k, []).append(c)

    def found(item: str) -> set[str]:
        return {c.object for k in engine.lookup_keys(replace(BASE, object=item)) for c in index.get(k, [])}

    assert found("Buk-M2") == {"Buk-M2", "Buk-M2E", "air defence", "weapons", "military assistance"}
    assert found("military assistance") == set(o for o in (c.object for c in stored))
    assert "Pantsir-S1" not in found("Buk-M2")  # a sibling is never fetched
