"""Acts named again without their item, denials after the claim, and 'supply X with Y'."""

from __future__ import annotations

import pytest

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.model import ArticleText
from claimwatch.common.core.watchlist import load_watchlist
from tests.common.core.support import claims_in, props

WATCHLIST = {
    "systems": [
        {"name": "drones", "aliases": ["kamikaze drones"], "category": "drone"},
        {"name": "Shahed-136", "aliases": ["Shahed-136 drones"], "variant_of": "drones", "category": "drone"},
        {"name": "ammunition", "aliases": ["munitions", "artillery shells"], "category": "ammunition"},
        {"name": "Su-35", "aliases": ["Su-35 fighter jets"], "category": "combat aircraft"},
    ],
    "actors": [
        {"name": "Russia", "aliases": ["Moscow", "the Kremlin"]},
        {"name": "Iran", "aliases": ["Tehran"], "demonyms": ["Iranian"]},
        {"name": "China", "aliases": ["Beijing"]},
        {"name": "North Korea", "aliases": ["Pyongyang"]},
        {"name": "Ukraine", "aliases": ["Kyiv"]},
        {"name": "Egypt", "aliases": ["Cairo"]},
        {"name": "United States", "aliases": ["US", "U.S.", "Washington"]},
        {"name": "Josep Borrell", "kind": "person", "aliases": ["Borrell"]},
    ],
}


@pytest.fixture(scope="module")
def engine() -> RuleClaimEngine:
    return RuleClaimEngine(load_watchlist(WATCHLIST))


def test_denied_label_inherits_the_earlier_claim_as_a_denial(engine: RuleClaimEngine) -> None:
    text = (
        "Washington says China is considering providing ammunition to Russia. "
        'China denounced the U.S. claims as "disinformation" and blame shifting.'
    )
    assert ("China", "transfer", "ammunition", "Russia", "negated", "asserted") in claims_in(
        engine, text, "denounced"
    )


def test_repeated_label_without_a_denial_is_no_new_claim(engine: RuleClaimEngine) -> None:
    text = (
        "Washington says China is considering providing ammunition to Russia. "
        "The U.S. claims were discussed at length on Monday."
    )
    assert claims_in(engine, text, "discussed") == set()


def test_denier_picks_its_own_earlier_act(engine: RuleClaimEngine) -> None:
    text = (
        "U.S. officials said China could supply ammunition to Russia. "
        "Iran has sent drones to Russia, Kyiv said. "
        "Beijing condemns the US accusations"
    )
    assert claims_in(engine, text, "condemns") == {
        ("China", "transfer", "ammunition", "Russia", "negated", "asserted")
    }


def test_pro_verb_with_no_plan_is_a_refused_plan(engine: RuleClaimEngine) -> None:
    text = (
        "Pyongyang never supplied artillery shells to Russia, the ministry said. "
        'It has "no plans to do so in the future."'
    )
    assert ("North Korea", "transfer", "ammunition", "Russia", "negated", "planned") in claims_in(
        engine, text, "do so"
    )


def test_the_deal_named_again_is_a_planned_transfer(engine: RuleClaimEngine) -> None:
    text = (
        "Egypt has agreed to buy Su-35 fighter jets from Russia. "
        "The two countries signed the contract in December, sources said."
    )
    assert ("Russia", "transfer", "Su-35", "Egypt", "affirmed", "planned") in claims_in(
        engine, text, "signed the contract"
    )


def test_a_deal_reported_cancelled_is_denied(engine: RuleClaimEngine) -> None:
    text = "Egypt has agreed to buy Su-35 fighter jets from Russia. Later the deal was canceled, SIPRI said."
    found = claims_in(engine, text, "canceled")
    assert found and all(p[4] == "negated" for p in found)


def test_the_deal_does_not_name_a_refused_act(engine: RuleClaimEngine) -> None:
    text = (
        "Russia does not plan to supply Su-35 fighter jets to Egypt. "
        "The agreement has not yet entered into force."
    )
    assert claims_in(engine, text, "entered into force") == set()


def test_talk_about_the_deliveries_is_not_a_claim(engine: RuleClaimEngine) -> None:
    text = (
        "Russia has delivered Su-35 fighter jets to Egypt. "
        'The minister told reporters that "there is no problem in the deliveries."'
    )
    assert claims_in(engine, text, "no problem") == set()


def test_an_act_named_again_with_another_party_is_another_act(engine: RuleClaimEngine) -> None:
    text = "Russia has delivered Su-35 fighter jets to Egypt. China says the deliveries to Iran began."
    assert claims_in(engine, text, "China says") == set()


def test_allegation_the_doer_denies_is_also_its_denial(engine: RuleClaimEngine) -> None:
    text = "Kyiv has accused Tehran of supplying Moscow with Shahed-136 drones, an allegation Iran denies."
    found = engine.extract(ArticleText(url="https://daily.example/a", text=text, outlet="Daily")).claims
    got = {(c.subject, c.object, c.recipient, c.polarity, c.speaker) for c in found}
    assert any(g[:4] == ("Iran", "Shahed-136", "Russia", "affirmed") for g in got)  # the accusation stays
    assert ("Iran", "Shahed-136", "Russia", "negated", "Iran") in got


def test_supplying_an_actor_with_items_makes_it_the_recipient(engine: RuleClaimEngine) -> None:
    text = "Borrell said China was supplying Russia with drones for the war it is waging in Ukraine."
    found = props(engine, text)
    assert any(p[:4] == ("China", "transfer", "drones", "Russia") for p in found)
    assert not any(p[3] == "Ukraine" for p in found)


def test_act_named_again_takes_the_latest_claim_naming_both_parties(engine: RuleClaimEngine) -> None:
    text = (
        "China has sold drones to Russia, Kyiv said.\n"
        "Beijing has approved the possible deal involving 66 drones.\n"
        "The sale was a violation of international law, Kyiv added."
    )
    assert claims_in(engine, text, "The sale") == {
        ("China", "transfer", "drones", "Russia", "affirmed", "asserted")
    }


def test_refusing_to_deny_the_reports_is_no_denial(engine: RuleClaimEngine) -> None:
    text = (
        "Washington says China is considering providing ammunition to Russia. "
        "China repeatedly would not deny the widespread reports on Monday."
    )
    assert claims_in(engine, text, "would not deny") == set()


def test_a_plan_put_off_without_naming_it_is_the_latest_plan_not_kept(engine: RuleClaimEngine) -> None:
    text = "China will deliver drones to Russia in March, Kyiv said. However, it has been postponed again."
    assert claims_in(engine, text, "postponed") == {
        ("China", "transfer", "drones", "Russia", "negated", "planned")
    }


def test_a_plan_put_off_to_a_new_date_is_also_a_new_plan(engine: RuleClaimEngine) -> None:
    text = "China will deliver drones to Russia in March, Kyiv said. It has been postponed until May."
    assert claims_in(engine, text, "postponed") == {
        ("China", "transfer", "drones", "Russia", "negated", "planned"),
        ("China", "transfer", "drones", "Russia", "affirmed", "planned"),
    }


def test_something_else_put_off_is_not_the_plan(engine: RuleClaimEngine) -> None:
    text = "China will deliver drones to Russia in March, Kyiv said. Their construction was postponed a bit."
    assert claims_in(engine, text, "postponed") == set()


@pytest.mark.parametrize(
    ("second", "polarity", "modality"),
    [
        ("Iran has denied any involvement.", "negated", "asserted"),
        ("Iran says it has not.", "negated", "asserted"),
        ("“We have not sent anything,” the Iranian foreign ministry said.", "negated", "asserted"),
        ("Iran did not confirm the report.", "affirmed", "unsure"),
        ("Russia confirmed receiving them.", "affirmed", "asserted"),
    ],
)
def test_a_reply_in_the_next_sentence_takes_the_reported_act(
    engine: RuleClaimEngine, second: str, polarity: str, modality: str
) -> None:
    text = f"Iran has supplied drones to Russia, according to a report. {second}"
    assert claims_in(engine, text, second) == {("Iran", "transfer", "drones", "Russia", polarity, modality)}


@pytest.mark.parametrize(
    ("second", "polarity"),
    [
        ("Iran refused.", "negated"),
        ("Iran turned down the request.", "negated"),
        ("Iran agreed.", "affirmed"),
    ],
)
def test_the_one_asked_answers_the_request(engine: RuleClaimEngine, second: str, polarity: str) -> None:
    text = f"Russia has asked Iran for drones. {second}"
    assert claims_in(engine, text, second) == {("Iran", "transfer", "drones", "Russia", polarity, "planned")}


@pytest.mark.parametrize(
    "second",
    ["The plan was later dropped.", "The delivery has been delayed.", "The deal was shelved."],
)
def test_an_act_named_again_and_undone_is_a_plan_not_kept(engine: RuleClaimEngine, second: str) -> None:
    text = f"Iran will send drones to Russia. {second}"
    assert claims_in(engine, text, second) == {("Iran", "transfer", "drones", "Russia", "negated", "planned")}


def test_a_condition_on_an_export_claims_no_act(engine: RuleClaimEngine) -> None:
    text = "Iran sold drones to Egypt on condition that they not send anything to Russia."
    assert not {p for p in props(engine, text) if p[3] == "Russia"}


@pytest.mark.parametrize(
    ("text", "second", "modality"),
    [
        ("Russia has received new drones. They were supplied by Iran.", "They were", "asserted"),
        ("Iran will deliver drones to Russia. They will arrive in May.", "They will", "planned"),
        (
            "Iran sent the first batch of drones to Russia. That batch was delivered in March.",
            "That",
            "asserted",
        ),
    ],
)
def test_a_sentence_opening_on_the_items_just_named_keeps_their_parties(
    engine: RuleClaimEngine, text: str, second: str, modality: str
) -> None:
    assert claims_in(engine, text, second) == {("Iran", "transfer", "drones", "Russia", "affirmed", modality)}


def test_an_opening_pronoun_that_acts_is_no_item(engine: RuleClaimEngine) -> None:
    text = "Iran will deliver drones to Russia. They sent a delegation to Tehran."
    assert claims_in(engine, text, "They sent") == set()


@pytest.mark.parametrize(
    "second",
    [
        "Iran called the claims politically motivated.",
        "Tehran dismissed the reports as Western propaganda.",
        "Iran said the reports were a fairy tale.",
    ],
)
def test_a_report_called_propaganda_is_denied_by_whoever_calls_it_so(
    engine: RuleClaimEngine, second: str
) -> None:
    text = f"Iran has supplied drones to Russia, officials said. {second}"
    found = engine.extract(ArticleText(url="https://daily.example/a", text=text, outlet="Daily")).claims
    denied = {(c.speaker, c.subject, c.object, c.recipient) for c in found if c.polarity == "negated"}
    assert denied == {("Iran", "Iran", "drones", "Russia")}
