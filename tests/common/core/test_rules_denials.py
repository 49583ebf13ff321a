"""Rules for how real news denies, contrasts and coordinates: one realistic sentence each."""

from __future__ import annotations

import re

import pytest

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.folded import Folded
from claimwatch.common.core.model import ArticleText
from claimwatch.common.core.watchlist import load_watchlist
from tests.common.core.support import ARMS_TRADE, Prop, claims_in, props

WATCHLIST = ARMS_TRADE


@pytest.fixture(scope="module")
def engine() -> RuleClaimEngine:
    return RuleClaimEngine(load_watchlist(WATCHLIST))


def test_actor_ruled_out_by_not_is_denied_the_act(engine: RuleClaimEngine) -> None:
    text = (
        "US officials say China is considering sending weapons to Russia. "
        '"It is the United States, not China, that is continually sending weapons to the battlefield," '
        "the spokesman said."
    )
    found = props(engine, text)
    assert ("China", "transfer", "weapons", "Russia", "negated", "asserted") in found
    assert not any(p[3] == "China" for p in found)  # the ruled-out actor receives nothing


def test_first_of_two_coordinated_verbs_shares_the_object_of_the_second(engine: RuleClaimEngine) -> None:
    found = props(
        engine, 'Iranian officials said Tehran "had never sent and will never send" any weapons to Russia.'
    )
    assert ("Iran", "transfer", "weapons", "Russia", "negated", "asserted") in found
    assert ("Iran", "transfer", "weapons", "Russia", "negated", "planned") in found


def test_general_item_listed_beside_a_specific_one_is_a_claim_of_its_own(engine: RuleClaimEngine) -> None:
    found = props(engine, "Pyongyang does not have plans to supply weapons or ammunition to Russia.")
    assert ("North Korea", "transfer", "weapons", "Russia", "negated", "planned") in found
    assert ("North Korea", "transfer", "ammunition", "Russia", "negated", "planned") in found


def test_verdict_after_reports_about_a_transfer_denies_it(engine: RuleClaimEngine) -> None:
    text = (
        "The Kremlin called the reports about the supplies of a batch of drones from Iran to Russia a fake."
    )
    assert ("Iran", "transfer", "drones", "Russia", "negated", "asserted") in props(engine, text)


def test_previous_denials_negate_the_transfer_they_deny(engine: RuleClaimEngine) -> None:
    text = "The statement comes after previous denials by Tehran that it had supplied Russia with drones."
    assert ("Iran", "transfer", "drones", "Russia", "negated", "asserted") in props(engine, text)


def test_condition_introduced_by_once_states_no_event(engine: RuleClaimEngine) -> None:
    text = (
        "The US will send Abrams tanks to Ukraine. "
        "Once they arrive in force, the tanks would give Ukraine new capabilities."
    )
    found = props(engine, text)
    assert ("United States", "transfer", "Abrams", "Ukraine", "affirmed", "planned") in found
    assert all(p[5] != "asserted" for p in found)


def test_unnamed_spokesman_is_the_one_watched_person_who_speaks(engine: RuleClaimEngine) -> None:
    text = (
        "North Korea is supplying a large number of munitions to Russia, a White House spokesman said. "
        "John Kirby also said the North is trying to hide the shipments."
    )
    found = engine.extract(ArticleText(url="https://daily.example/a", text=text, outlet="Daily")).claims
    speakers = [c.speaker for c in found if c.object == "ammunition"]
    assert speakers and set(speakers) == {"John Kirby"}  # "the shipments" restates it, in his voice


def test_actor_quoted_with_as_claims_is_not_the_speaker(engine: RuleClaimEngine) -> None:
    text = (
        "The North Korean defence ministry denied such reports, stating that Pyongyang did not supply "
        "ammunition to Russia, as the United States claims."
    )
    found = engine.extract(ArticleText(url="https://daily.example/a", text=text, outlet="Daily")).claims
    assert found and all(c.speaker != "United States" for c in found)


def test_folded_pattern_finds_what_the_case_insensitive_one_finds() -> None:
    pattern = r"\b(?:said|denied|claims)\b"
    folded, exact = Folded(pattern, re.IGNORECASE), re.compile(pattern, re.IGNORECASE)
    for text in ("Kirby SAID it", "Zakharova Denied, and claims", "İstanbul said so", "nothing here"):
        assert [m.span() for m in folded.finditer(text)] == [m.span() for m in exact.finditer(text)]
        assert (folded.search(text) is None) == (exact.search(text) is None)


def test_reports_called_disinformation_after_the_act_deny_it(engine: RuleClaimEngine) -> None:
    text = "Reports claiming that Iran had been supplying Russia with drones are disinformation, it said."
    found = props(engine, text)
    assert found == {("Iran", "transfer", "drones", "Russia", "negated", "asserted")}


def test_neither_after_the_verb_denies_what_it_names(engine: RuleClaimEngine) -> None:
    found = props(engine, "Ukraine received neither the tanks from the US nor the money.")
    assert found == {("United States", "transfer", "tanks", "Ukraine", "negated", "asserted")}


def test_no_later_than_after_the_verb_is_a_deadline_not_a_denial(engine: RuleClaimEngine) -> None:
    found = props(engine, "The US delivered the tanks to Ukraine no later than March.")
    assert found == {("United States", "transfer", "tanks", "Ukraine", "affirmed", "asserted")}


@pytest.mark.parametrize(
    "text",
    [
        "Washington signed a law that delays delivery of Abrams tanks to Ukraine.",
        "Washington has excluded Ukraine from the programme for the supply of Abrams tanks.",
    ],
)
def test_a_law_that_delays_or_excludes_is_a_refused_plan(engine: RuleClaimEngine, text: str) -> None:
    assert props(engine, text) == {("United States", "transfer", "Abrams", "Ukraine", "negated", "planned")}


def test_delays_before_a_delivery_do_not_deny_it(engine: RuleClaimEngine) -> None:
    found = props(engine, "After delays, the US delivered the Abrams tanks to Ukraine.")
    assert found == {("United States", "transfer", "Abrams", "Ukraine", "affirmed", "asserted")}


def test_rejection_of_a_plan_to_transfer_refuses_it(engine: RuleClaimEngine) -> None:
    text = "The Pentagon offered a rejection of a plan to transfer tanks from the US to Ukraine."
    found = props(engine, text)
    assert ("United States", "transfer", "tanks", "Ukraine", "negated", "planned") in found


@pytest.mark.parametrize(
    "text",
    [
        "The EU warned Beijing against supplying weapons to Russia.",
        "China is responding to US warnings for it to not send weapons to Russia.",
    ],
)
def test_a_warning_against_an_act_states_no_act(engine: RuleClaimEngine, text: str) -> None:
    assert not any(p[1] == "transfer" for p in props(engine, text))


def test_supply_chain_is_logistics_not_a_transfer(engine: RuleClaimEngine) -> None:
    text = "The supply chain for drones from Iran to Russia runs across the Caspian Sea."
    assert props(engine, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Washington threatened sanctions on Iran in case it concluded the drones deal with Russia.",
        "Sanctions will follow in case Tehran delivers the drones to Moscow.",
    ],
)
def test_an_act_under_a_condition_states_no_act(engine: RuleClaimEngine, text: str) -> None:
    assert not any(p[1] == "transfer" for p in props(engine, text))


def test_an_opening_phrase_actor_is_not_the_subject(engine: RuleClaimEngine) -> None:
    text = "After talks with US officials, Iran suspended a plan to supply drones to Russia."
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "negated", "planned")}


def test_nearly_delivered_did_not_deliver(engine: RuleClaimEngine) -> None:
    found = props(engine, "Iran nearly delivered drones to Russia.")
    assert found == {("Iran", "transfer", "drones", "Russia", "negated", "asserted")}


def test_denied_news_is_a_denial_of_the_act_it_reported(engine: RuleClaimEngine) -> None:
    text = "Iran sent drones to Russia. Tehran denied the alleged news, calling it absurd."
    found = props(engine, text)
    assert ("Iran", "transfer", "drones", "Russia", "negated", "asserted") in found


def test_a_recipient_without_a_supplier_takes_the_story_supplier(engine: RuleClaimEngine) -> None:
    text = "Iran sent drones to Russia. It also refers to plans to supply Russia with ammunition."
    assert ("Iran", "transfer", "ammunition", "Russia", "affirmed", "planned") in props(engine, text)


def test_the_washington_post_is_a_newspaper_not_a_recipient(engine: RuleClaimEngine) -> None:
    found = props(engine, "Iran planned to supply drones to Russia, the Washington Post reported.")
    assert found == {("Iran", "transfer", "drones", "Russia", "affirmed", "planned")}


def test_either_or_recipients_are_both_denied(engine: RuleClaimEngine) -> None:
    text = "Beijing has insisted that it does not provide weapons to either Ukraine or Russia."
    assert props(engine, text) == {
        ("China", "transfer", "weapons", "Russia", "negated", "asserted"),
        ("China", "transfer", "weapons", "Ukraine", "negated", "asserted"),
    }


def test_the_war_in_a_country_is_not_where_the_item_goes(engine: RuleClaimEngine) -> None:
    found = props(engine, "Iran sent drones for the war in Ukraine to Russia.")
    assert found == {("Iran", "transfer", "drones", "Russia", "affirmed", "asserted")}


def test_controls_on_exports_and_dual_use_items_state_no_act(engine: RuleClaimEngine) -> None:
    text = (
        "China has not been providing weapons to either Russia or Ukraine and has strict controls "
        "on the export of dual-use items, including drones, China said."
    )
    assert props(engine, text) == {
        ("China", "transfer", "weapons", "Russia", "negated", "asserted"),
        ("China", "transfer", "weapons", "Ukraine", "negated", "asserted"),
    }


def test_holding_off_on_selling_is_not_selling(engine: RuleClaimEngine) -> None:
    found = props(engine, "China has been careful, holding off on selling weapons to Russia.")
    assert found == {("China", "transfer", "weapons", "Russia", "negated", "asserted")}


@pytest.mark.parametrize(
    "text", ["Iran hasn’t provided drones to Russia.", "Iran hasn't provided drones to Russia."]
)
def test_negation_with_a_typographic_apostrophe_negates(engine: RuleClaimEngine, text: str) -> None:
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "negated", "asserted")}


def test_questioning_the_accuracy_of_reports_denies_them(engine: RuleClaimEngine) -> None:
    text = "Iran questioned the accuracy of reports claiming that Iran was providing drones to Russia."
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "negated", "asserted")}


def test_no_item_was_sent_denies_sending_it(engine: RuleClaimEngine) -> None:
    found = props(engine, "“No drones were sent to Russia,” Iran said.")
    assert found == {("Iran", "transfer", "drones", "Russia", "negated", "asserted")}


def test_a_policy_against_providing_refuses_it(engine: RuleClaimEngine) -> None:
    text = (
        "Iran has maintained that its policy against directly providing drones to Russia remains unchanged."
    )
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "negated", "planned")}


def test_not_ruling_out_is_a_possibility(engine: RuleClaimEngine) -> None:
    found = props(engine, "Iran is not ruling out providing drones directly to Russia.")
    assert found == {("Iran", "transfer", "drones", "Russia", "affirmed", "possible")}


@pytest.mark.parametrize(
    "text",
    [
        "As a matter of policy Iran did not supply arms to a region in conflict.",
        "Iran has a long-standing policy of not providing drones to countries in conflict.",
    ],
)
def test_a_policy_towards_a_class_of_countries_names_no_recipient(engine: RuleClaimEngine, text: str) -> None:
    assert props(engine, text) == set()


def test_a_class_followed_by_a_named_country_keeps_the_country(engine: RuleClaimEngine) -> None:
    found = props(engine, "Iran ruled out transferring drones to any other country, including Russia.")
    assert found == {("Iran", "transfer", "drones", "Russia", "negated", "planned")}


def test_a_denial_in_a_later_but_clause_does_not_deny_the_reports(engine: RuleClaimEngine) -> None:
    text = (
        "Reports claiming that Iran was providing drones to Russia have regularly surfaced in media, "
        "but it is rare for Tehran to have officially denied such involvement."
    )
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "affirmed", "asserted")}


def test_asked_about_the_transfer_is_a_question_not_a_claim(engine: RuleClaimEngine) -> None:
    assert (
        props(engine, "The spokesman said this when asked about the transfer of Iranian drones to Russia.")
        == set()
    )


def test_helping_unwatched_countries_deliver_is_not_delivering(engine: RuleClaimEngine) -> None:
    assert props(engine, "Iran is also helping Western countries deliver drones to Russia.") == set()


def test_reporting_called_not_accurate_is_denied(engine: RuleClaimEngine) -> None:
    found = props(
        engine, "The reporting about Iran's supply of drones to Russia is not accurate, the ministry said."
    )
    assert ("Iran", "transfer", "drones", "Russia", "negated", "asserted") in found


def test_a_story_dismissed_as_baseless_is_denied(engine: RuleClaimEngine) -> None:
    text = "Iran sent drones to Russia, the paper wrote. Tehran dismissed the story as baseless."
    assert ("Iran", "transfer", "drones", "Russia", "negated", "asserted") in props(engine, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran cannot allow the US to provide Ukraine with Abrams tanks.",
            ("United States", "transfer", "Abrams", "Ukraine", "negated", "planned"),
        ),
        (
            "Iran made clear its unwillingness to deliver drones to Russia.",
            ("Iran", "transfer", "drones", "Russia", "negated", "planned"),
        ),
        (
            "He strongly opposes the proposed sale of drones to Russia by Iran.",
            ("Iran", "transfer", "drones", "Russia", "negated", "possible"),
        ),
        (
            "Kyiv turned to an unmet US pledge to deliver Abrams tanks.",
            ("United States", "transfer", "Abrams", "Ukraine", "negated", "asserted"),
        ),
        (
            "This does not mean that Iran would transfer drones to Russia.",
            ("Iran", "transfer", "drones", "Russia", "negated", "planned"),
        ),
        (
            "Russia declined to confirm the report claiming Iran had sent drones.",
            ("Iran", "transfer", "drones", "Russia", "affirmed", "unsure"),
        ),
    ],
)
def test_refusals_reluctance_and_doubt_in_other_words(
    engine: RuleClaimEngine, text: str, expected: Prop
) -> None:
    assert props(engine, text) == {expected}


def test_a_dispute_over_a_purchase_does_not_deny_it(engine: RuleClaimEngine) -> None:
    text = "The dispute began when Ukraine chose to purchase Abrams tanks from the US."
    assert props(engine, text) == {("United States", "transfer", "Abrams", "Ukraine", "affirmed", "asserted")}


def test_a_long_warning_against_sending_states_no_act(engine: RuleClaimEngine) -> None:
    text = (
        "Biden had warned his Chinese counterpart, Xi Jinping, as long ago as last March "
        "against sending weapons to Russia."
    )
    assert props(engine, text) == set()


def test_the_provision_of_any_items_is_no_act_in_view(engine: RuleClaimEngine) -> None:
    text = "Iran sent drones to Russia. He said the provision of any additional drones to Moscow is bad news."
    assert claims_in(engine, text, "provision") == set()


def test_not_having_seen_an_act_doubts_it(engine: RuleClaimEngine) -> None:
    text = 'Iran sent drones to Russia. "We have not seen them cross that line," Kirby said.'
    assert ("Iran", "transfer", "drones", "Russia", "affirmed", "unsure") in props(engine, text)


def test_denying_the_news_of_a_plan_denies_the_plan(engine: RuleClaimEngine) -> None:
    text = "Iran planned to send drones to Russia, a paper wrote. Tehran denied the alleged news."
    assert ("Iran", "transfer", "drones", "Russia", "negated", "planned") in props(engine, text)


def test_doubt_in_one_clause_does_not_reach_a_later_one(engine: RuleClaimEngine) -> None:
    text = (
        "The US said there is no evidence that Iran is supplying drones to Russia after a leaked "
        "document alleged that Tehran was planning to supply ammunition to Moscow."
    )
    found = props(engine, text)
    assert ("Iran", "transfer", "drones", "Russia", "affirmed", "unsure") in found
    assert ("Iran", "transfer", "ammunition", "Russia", "affirmed", "planned") in found


@pytest.mark.parametrize(
    "text",
    [
        "Iran abandoned plans to supply Russia with drones in early March.",
        "Iran has postponed the delivery of drones to Russia.",
    ],
)
def test_abandoned_or_postponed_plans_are_refused_plans(engine: RuleClaimEngine, text: str) -> None:
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "negated", "planned")}


def test_no_intention_of_supplying_is_a_negated_plan(engine: RuleClaimEngine) -> None:
    text = "Iran has no intention of supplying drones to Russia."
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "negated", "planned")}


def test_unclear_whether_is_doubt_not_an_open_question(engine: RuleClaimEngine) -> None:
    text = "It is unclear whether Iran has delivered drones to Russia."
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "affirmed", "unsure")}


def test_believed_to_have_supplied_is_a_possibility(engine: RuleClaimEngine) -> None:
    text = "Iran is believed to have supplied drones to Russia."
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "affirmed", "possible")}


@pytest.mark.parametrize(
    "text",
    [
        "Iran refused to supply drones to Russia.",
        "Iran declined to send drones to Russia.",
        "Iran turned down a plan to send drones to Russia.",
    ],
)
def test_a_refusal_is_a_negated_plan(engine: RuleClaimEngine, text: str) -> None:
    # so that it contradicts a plan to supply, which a denied past delivery would not
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "negated", "planned")}


@pytest.mark.parametrize(
    ("text", "polarity", "modality"),
    [
        (
            "Neither Iran nor anyone else has supplied drones to Russia.",
            "negated",
            "asserted",
        ),  # one negation
        ("Iran has yet to deliver drones to Russia.", "negated", "asserted"),
        ("Iran appears to have supplied drones to Russia.", "affirmed", "possible"),
        ("Iran is reported to have supplied drones to Russia.", "affirmed", "reported"),
    ],
)
def test_neither_nor_yet_to_appears_and_reported_to(
    engine: RuleClaimEngine, text: str, polarity: str, modality: str
) -> None:
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", polarity, modality)}


def test_the_item_of_a_relative_clause_is_what_was_sent(engine: RuleClaimEngine) -> None:
    text = "The drones that Iran sent to Russia arrived on Monday."
    assert ("Iran", "transfer", "drones", "Russia", "affirmed", "asserted") in props(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Iran neither confirmed nor denied supplying drones to Russia.",
        "Iran has never confirmed that it delivered drones to Russia.",
    ],
)
def test_not_confirming_is_doubt_not_denial(engine: RuleClaimEngine, text: str) -> None:
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "affirmed", "unsure")}


@pytest.mark.parametrize(
    "text",
    [
        "Iran has offered to supply drones to Russia.",
        "Russia is interested in acquiring drones from Iran.",
        "Russia expressed interest in buying drones from Iran.",
        "Russia hopes to receive drones from Iran.",
    ],
)
def test_offers_interest_and_hopes_are_possibilities(engine: RuleClaimEngine, text: str) -> None:
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "affirmed", "possible")}


@pytest.mark.parametrize(
    ("text", "polarity", "modality"),
    [
        ("Iran is not the only country supplying drones to Russia.", "affirmed", "asserted"),
        ("There is no truth to reports that Iran supplied drones to Russia.", "negated", "asserted"),
        ("Claims that Iran supplied drones to Russia are lies.", "negated", "asserted"),
        ("Iran did not deny supplying drones to Russia.", "affirmed", "possible"),  # no denial
    ],
)
def test_not_the_only_no_truth_lies_and_an_undenied_act(
    engine: RuleClaimEngine, text: str, polarity: str, modality: str
) -> None:
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", polarity, modality)}


@pytest.mark.parametrize(
    "text",
    [
        "Although Iran denies it, officials say Iran supplied drones to Russia.",
        "Despite denials, Iran supplied drones to Russia, officials said.",
    ],
)
def test_a_denial_conceded_in_its_own_clause_does_not_negate(engine: RuleClaimEngine, text: str) -> None:
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "affirmed", "asserted")}


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "Neither Iran nor North Korea has sent ammunition to Russia.",
            {("Iran", "Russia"), ("North Korea", "Russia")},
        ),
        (
            "Iran has sent ammunition neither to Russia nor to Ukraine.",
            {("Iran", "Russia"), ("Iran", "Ukraine")},
        ),
    ],
)
def test_neither_nor_denies_each_party(text: str, pairs: set[tuple[str, str]]) -> None:
    found = props(RuleClaimEngine(load_watchlist(ARMS_TRADE)), text)
    assert {(p[0], p[3]) for p in found if p[4] == "negated"} == pairs
    assert not {p for p in found if p[4] == "affirmed"}
