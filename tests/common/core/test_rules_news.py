"""Rules for the constructions real news uses: generic mentions, agreements, refusals, parties,
coordinated places, organisations that send their members. One real-looking sentence each."""

from __future__ import annotations

import pytest

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.watchlist import load_watchlist
from tests.common.core.support import ARMS_TRADE, Prop, claims_in, props

NEWS_WATCHLIST = {
    "systems": [
        {"name": "S-400", "aliases": ["S-400 Triumf"], "category": "air defence"},
        {"name": "Patriot", "aliases": ["Patriots", "Patriot missiles"], "category": "air defence"},
        {"name": "ATACMS", "category": "ballistic missile"},
        {"name": "F-16", "aliases": ["F-16s"], "category": "fighter aircraft"},
        {"name": "Abrams", "aliases": ["Abrams tanks"], "category": "tank"},
        {"name": "Leopard", "aliases": ["Leopards"], "category": "tank"},
        {
            "name": "mercenaries",
            "aliases": ["fighters", "contractors", "private military company"],
            "category": "military personnel",
        },
    ],
    "actors": [
        {"name": "Russia", "aliases": ["Moscow"]},
        {"name": "India", "aliases": ["New Delhi"]},
        {"name": "Turkey", "aliases": ["Ankara"]},
        {"name": "Ukraine", "aliases": ["Kyiv"]},
        {"name": "United States", "aliases": ["US", "U.S."]},
        {"name": "Germany"},
        {"name": "Mali"},
        {"name": "Libya"},
        {"name": "Wagner Group", "kind": "organisation", "aliases": ["Wagner"]},
    ],
}


@pytest.fixture(scope="module")
def news() -> RuleClaimEngine:
    return RuleClaimEngine(load_watchlist(NEWS_WATCHLIST))


@pytest.fixture(scope="module")
def leopards() -> RuleClaimEngine:
    """Tanks of one maker that others hold: who may send them is a question of permission."""
    watchlist = {
        "systems": [{"name": "Leopard", "aliases": ["Leopard tanks"], "category": "tank"}],
        "actors": [{"name": "Germany"}, {"name": "Poland"}, {"name": "Ukraine"}],
    }
    return RuleClaimEngine(load_watchlist(watchlist))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia has started delivering the S-400 to India. Three squadrons have already been delivered.",
            ("Russia", "transfer", "S-400", "India", "affirmed", "asserted"),
        ),
        (
            "India bought the S-400 from Russia. According to Reuters, three of these systems have arrived.",
            ("Russia", "transfer", "S-400", "India", "affirmed", "asserted"),
        ),
        (
            "Russia sold the S-400 to Turkey. "
            "Russia is expected to deliver the defense system to Turkey in July.",
            ("Russia", "transfer", "S-400", "Turkey", "affirmed", "planned"),
        ),
    ],
)
def test_determined_generic_phrase_names_the_one_system_of_the_article(
    news: RuleClaimEngine, text: str, expected: Prop
) -> None:
    assert expected in props(news, text)


def test_indefinite_phrase_in_apposition_names_the_system_before_it(news: RuleClaimEngine) -> None:
    text = "The US offered Ankara Patriot missiles - a system they initially refused to sell to Turkey."
    assert ("United States", "transfer", "Patriot", "Turkey", "negated", "planned") in props(news, text)


def test_head_noun_right_after_a_name_is_part_of_the_name(news: RuleClaimEngine) -> None:
    found = news.find_mentions("Russia will supply the remaining S-400 units to India.")
    assert [m.entity for m in found if m.kind == "system"] == ["S-400"]


def test_deal_names_a_planned_transfer(news: RuleClaimEngine) -> None:
    text = "The deal for the S-400 missile defence system was finalised today in New Delhi."
    assert props(news, text) >= {("Russia", "transfer", "S-400", "India", "affirmed", "planned")}


def test_delivery_under_an_agreement_is_planned(news: RuleClaimEngine) -> None:
    text = "Moscow and Ankara signed an agreement for the delivery of four Russian S-400 batteries in 2017."
    assert props(news, text) == {("Russia", "transfer", "S-400", "Turkey", "affirmed", "planned")}


def test_parties_to_a_deal_are_told_apart_by_the_items_source(news: RuleClaimEngine) -> None:
    text = "Tensions escalated in 2017 when Ankara and Moscow struck the S-400 deal."
    assert props(news, text) == {("Russia", "transfer", "S-400", "Turkey", "affirmed", "planned")}


def test_nominal_transfer_followed_by_future_is_planned(news: RuleClaimEngine) -> None:
    text = "Russia's delivery of S-400 systems to India will take place three years later than planned."
    assert ("Russia", "transfer", "S-400", "India", "affirmed", "planned") in props(news, text)


def test_object_of_a_deal_may_follow_its_parties(news: RuleClaimEngine) -> None:
    text = "India had signed a $5.43-billion deal with Russia in 2018 for five squadrons of the S-400."
    assert ("Russia", "transfer", "S-400", "India", "affirmed", "planned") in props(news, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Biden said he has ruled out giving Ukraine F-16s.",
            ("United States", "transfer", "F-16", "Ukraine", "negated", "planned"),
        ),
        (
            "The United States is not currently prepared to provide Abrams tanks to Ukraine.",
            ("United States", "transfer", "Abrams", "Ukraine", "negated", "planned"),
        ),
        (
            "President Biden has said that the US would not send F-16 fighters to Ukraine.",
            ("United States", "transfer", "F-16", "Ukraine", "negated", "planned"),
        ),
        (
            "Until Wednesday, Germany had expressed reluctance to send Leopards to Ukraine.",
            ("Germany", "transfer", "Leopard", "Ukraine", "negated", "possible"),
        ),
        (
            "Russia is unable to deliver crucial defense supplies it had pledged to India's military.",
            ("Russia", "transfer", "weapons", "India", "negated", "planned"),
        ),
    ],
)
def test_refusals_of_a_plan_are_negated_plans_and_reluctance_is_possible(
    news: RuleClaimEngine, text: str, expected: Prop
) -> None:
    assert expected in props(news, text)


def test_trigger_word_inside_an_item_name_is_not_a_trigger(news: RuleClaimEngine) -> None:
    text = "Russia is unable to deliver crucial defense supplies it had pledged to India's military."
    assert all(p[4] == "negated" for p in props(news, text))


@pytest.mark.parametrize(
    "text",
    [
        "India is in discussions with Russia to secure increased deliveries of the S-400.",
        "Moscow and New Delhi are negotiating additional deliveries of the S-400 to India.",
    ],
)
def test_negotiations_are_possible_transfers(news: RuleClaimEngine, text: str) -> None:
    assert {p[5] for p in props(news, text)} == {"possible"}


def test_a_question_answered_no_is_a_negated_plan(news: RuleClaimEngine) -> None:
    text = "“I just don’t think we’re there yet,” Kahl said when asked about providing Abrams to Ukraine."
    assert props(news, text) == {("United States", "transfer", "Abrams", "Ukraine", "negated", "planned")}


def test_a_role_description_is_not_an_event(news: RuleClaimEngine) -> None:
    text = "Rosoboronexport, the Russian agency responsible for exporting weapons to India, did not respond."
    assert props(news, text) == set()


def test_coordinated_places_each_get_a_claim(news: RuleClaimEngine) -> None:
    text = 'The Russian private military company Wagner is present in Mali and Libya on a "commercial basis".'
    assert {(p[0], p[3]) for p in props(news, text)} >= {("Wagner Group", "Mali"), ("Wagner Group", "Libya")}


def test_members_of_an_organisation_are_sent_by_it(news: RuleClaimEngine) -> None:
    text = "The New York Times reported that some 200 Russian fighters from Wagner had arrived in Libya."
    assert ("Wagner Group", "deploy", "mercenaries", "Libya", "affirmed", "asserted") in props(news, text)


def test_pronoun_doer_keeps_the_sentence_subject_over_the_organisation(news: RuleClaimEngine) -> None:
    text = "Russia on Thursday denied reports that it had sent mercenaries from Wagner to fight in Libya."
    assert ("Russia", "deploy", "mercenaries", "Libya", "negated", "asserted") in props(news, text)


def test_a_later_frame_on_the_same_item_keeps_its_place(news: RuleClaimEngine) -> None:
    text = (
        "Western powers said mercenaries working for Wagner had started to deploy in Mali, "
        "accusing Moscow of providing material backing for the fighters."
    )
    assert ("Russia", "deploy", "mercenaries", "Mali", "affirmed", "asserted") in props(news, text)


def test_light_verb_gives_a_nominal_request_its_doer(news: RuleClaimEngine) -> None:
    text = "The US said no to F-16s, less than a week after Kyiv made a renewed request for the F-16s."
    assert ("Ukraine", "request", "F-16", "United States", "affirmed", "asserted") in props(news, text)


def test_possessor_after_a_preposition_is_the_recipient(news: RuleClaimEngine) -> None:
    text = "Russia supplied weapons to Libya's eastern forces last year."
    assert ("Russia", "transfer", "weapons", "Libya", "affirmed", "asserted") in props(news, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine has signed a deal with the US to buy more than 20 Abrams tanks.",
        "Ukraine has signed a deal with the US to buy over 20 Abrams tanks.",
    ],
)
def test_a_count_before_the_item_is_not_an_alternative_to_it(text: str) -> None:
    found = props(_arms_trade_engine(), text)
    assert ("United States", "transfer", "Abrams", "Ukraine", "affirmed", "planned") in found


def test_the_accused_does_the_act_it_is_accused_of() -> None:
    found = props(_arms_trade_engine(), "Kyiv accused Iran of helping the war by providing drones to Russia.")
    assert found == {("Iran", "transfer", "drones", "Russia", "affirmed", "asserted")}


def test_blamed_for_names_the_doer_too() -> None:
    found = props(_arms_trade_engine(), "The US blamed North Korea for sending ammunition to Russia.")
    assert found == {("North Korea", "transfer", "ammunition", "Russia", "affirmed", "asserted")}


def test_shipments_after_a_verb_are_its_object_not_an_act_of_their_own() -> None:
    found = props(_arms_trade_engine(), "Iran has provided Russia with several shipments of drones.")
    assert found == {("Iran", "transfer", "drones", "Russia", "affirmed", "asserted")}


def _arms_trade_engine() -> RuleClaimEngine:
    return RuleClaimEngine(load_watchlist(ARMS_TRADE))


@pytest.mark.parametrize(
    "text",
    [
        "The US rejected Ukraine's request for Abrams tanks.",
        "Washington has turned down Kyiv's renewed request for Abrams tanks.",
    ],
)
def test_a_refused_request_was_made_and_what_it_asked_for_is_not_given(text: str) -> None:
    assert props(_arms_trade_engine(), text) == {
        ("Ukraine", "request", "Abrams", "United States", "affirmed", "asserted"),
        ("United States", "transfer", "Abrams", "Ukraine", "negated", "asserted"),
    }


def test_a_request_to_someone_to_acquire_an_item_requests_the_item() -> None:
    found = props(_arms_trade_engine(), "He revealed Kyiv's request to the US to acquire Abrams tanks.")
    assert found == {("Ukraine", "request", "Abrams", "United States", "affirmed", "asserted")}


@pytest.mark.parametrize(
    ("text", "asker", "asked"),
    [
        ("Ukraine asked the US to supply Abrams tanks.", "Ukraine", "United States"),
        ("Washington pressed Kyiv to send ammunition to Russia.", "United States", "Ukraine"),
    ],
)
def test_asking_someone_to_supply_is_a_request_of_them(text: str, asker: str, asked: str) -> None:
    found = props(_arms_trade_engine(), text)
    assert {(p[0], p[1], p[3]) for p in found} == {(asker, "request", asked)}


@pytest.mark.parametrize(
    "text", ["Biden: US to send Abrams tanks to Ukraine", "US to send Abrams tanks to Ukraine"]
)
def test_a_headline_naming_what_someone_is_to_do_states_a_plan(text: str) -> None:
    found = props(_arms_trade_engine(), text)
    assert found == {("United States", "transfer", "Abrams", "Ukraine", "affirmed", "planned")}


def test_should_before_its_subject_is_a_condition() -> None:
    text = "Washington threatened sanctions should Tehran supply drones to Moscow."
    found = props(_arms_trade_engine(), text)
    assert ("Iran", "transfer", "drones", "Russia", "affirmed", "possible") in found


def test_decides_to_send_is_a_plan() -> None:
    found = props(_arms_trade_engine(), "The US decides to send Abrams tanks to Ukraine.")
    assert found == {("United States", "transfer", "Abrams", "Ukraine", "affirmed", "planned")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the possessor of a delivery supplies it
            "Kyiv has denied reports about Iran's alleged delivery of drones to Russia.",
            ("Iran", "transfer", "drones", "Russia", "negated", "asserted"),
        ),
        (  # unless the item comes from elsewhere: then it receives
            "Ukraine's first deliveries of Abrams tanks arrived.",
            ("United States", "transfer", "Abrams", "Ukraine", "affirmed", "asserted"),
        ),
        (  # the possessor of a purchase buys
            "Ukraine's purchase of Abrams tanks from the US was approved.",
            ("United States", "transfer", "Abrams", "Ukraine", "affirmed", "asserted"),
        ),
    ],
)
def test_the_possessor_of_an_act_noun_takes_its_side_of_the_act(text: str, expected: Prop) -> None:
    assert expected in props(_arms_trade_engine(), text)


def test_the_user_of_an_item_is_who_received_it_not_who_made_it() -> None:
    text = "The US sent Abrams tanks to Ukraine. The use of Abrams tanks against Russia began in May."
    found = props(_arms_trade_engine(), text)
    assert ("Ukraine", "use", "Abrams", "Russia", "affirmed", "asserted") in found
    assert not any(p[1] == "use" and p[0] == "United States" for p in found)


def test_the_presence_of_troops_named_by_demonym_is_their_country_deploying() -> None:
    found = props(
        _arms_trade_engine(), "Russia confirmed the presence of North Korean ammunition in Ukraine."
    )
    assert ("North Korea", "deploy", "ammunition", "Ukraine", "affirmed", "asserted") in found


def test_an_item_after_a_purpose_clause_is_not_what_was_acquired() -> None:
    text = "The air force of Ukraine has struggled to acquire spare parts to keep its tanks running."
    assert props(_arms_trade_engine(), text) == set()


def test_what_an_item_is_capable_of_carrying_is_not_moved() -> None:
    assert (
        props(_arms_trade_engine(), "Russia has stationed aircraft in Belarus capable of carrying drones.")
        == set()
    )


def test_a_deal_in_case_it_is_concluded_is_no_deal() -> None:
    text = "The US threatened Iran in case it concluded the Russian ammunition deal with Russia."
    assert not any(p[1] == "transfer" for p in props(_arms_trade_engine(), text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia wants to buy drones from Iran.",
            ("Russia", "request", "drones", "Iran", "affirmed", "asserted"),
        ),
        (
            "Ukraine's foreign minister expressed his government's desire to buy Abrams tanks from the US.",
            ("Ukraine", "request", "Abrams", "United States", "affirmed", "asserted"),
        ),
    ],
)
def test_wanting_to_buy_is_a_request_not_a_purchase(text: str, expected: Prop) -> None:
    assert props(_arms_trade_engine(), text) == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ukraine will get 40 new Abrams tanks.",
            ("United States", "transfer", "Abrams", "Ukraine", "affirmed", "planned"),
        ),
        (
            "Iran had placed an order for 24 drones from Russia.",
            ("Russia", "transfer", "drones", "Iran", "affirmed", "planned"),
        ),
        (
            "Russia had ordered 2,400 drones from Iran.",  # an order, like "placed an order", is a plan
            ("Iran", "transfer", "drones", "Russia", "affirmed", "planned"),
        ),
        (
            "The Abrams tanks left for Ukraine on Saturday.",
            ("United States", "transfer", "Abrams", "Ukraine", "affirmed", "asserted"),
        ),
        (
            "Kyiv has long been asking Washington for Abrams tanks.",
            ("Ukraine", "request", "Abrams", "United States", "affirmed", "asserted"),
        ),
    ],
)
def test_everyday_words_for_getting_ordering_shipping_and_asking(text: str, expected: Prop) -> None:
    assert props(_arms_trade_engine(), text) == {expected}


def test_ordering_people_to_act_is_not_buying() -> None:
    assert props(_arms_trade_engine(), "The Kremlin ordered the army to prepare drones.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran has become a key supplier of drones to Russia.",
            ("Iran", "transfer", "drones", "Russia", "affirmed", "asserted"),
        ),
        (
            "Iranian drones are on their way to Russia.",
            ("Iran", "transfer", "drones", "Russia", "affirmed", "asserted"),
        ),
        (
            "Kyiv's desire for Abrams tanks from the US is well known.",
            ("Ukraine", "request", "Abrams", "United States", "affirmed", "asserted"),
        ),
        (
            "The US has not changed its position on the provision of Abrams tanks to Ukraine.",
            ("United States", "transfer", "Abrams", "Ukraine", "negated", "asserted"),
        ),
    ],
)
def test_suppliers_provisions_desires_and_goods_on_their_way(text: str, expected: Prop) -> None:
    assert expected in props(_arms_trade_engine(), text)


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Iran is preparing the first shipment of drones for Russia.", "planned"),
        ("Washington was monitoring to see whether the drones from Iran are received in Russia.", "unsure"),
        ("US officials have not seen signs that Iran sent drones to Russia.", "unsure"),
        ("Moscow is ready to deliver drones to Iran.", "possible"),
        ("Russia offered drones to Iran.", "possible"),
    ],
)
def test_modality_of_preparations_doubts_readiness_and_offers(text: str, modality: str) -> None:
    assert {p[5] for p in props(_arms_trade_engine(), text)} == {modality}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Kirby said that China is "now considering providing weapons" to Moscow.',
            ("China", "transfer", "weapons", "Russia", "affirmed", "possible"),
        ),
        (
            "Private Chinese companies have provided Russia with drones.",
            ("China", "transfer", "drones", "Russia", "affirmed", "asserted"),
        ),
        (
            "Iran sent drones to Russia, which the Russians have already used in Ukraine.",
            ("Russia", "use", "drones", "Ukraine", "affirmed", "asserted"),
        ),
    ],
)
def test_subjects_behind_quotes_companies_and_peoples(text: str, expected: Prop) -> None:
    assert expected in props(_arms_trade_engine(), text)


def test_the_battlefield_is_not_a_recipient() -> None:
    text = "It is the United States, not China, that is continually sending weapons to the battlefield."
    assert props(_arms_trade_engine(), text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Reports of Iranian drones making their way to Russia have raised eyebrows.",
        "Russia presented the drones recently procured from Iran.",
        "Washington raised concerns over the procurement of Iranian drones by Russia.",
    ],
)
def test_procurement_and_goods_making_their_way(text: str) -> None:
    assert ("Iran", "transfer", "drones", "Russia", "affirmed", "asserted") in props(
        _arms_trade_engine(), text
    )


@pytest.mark.parametrize(
    "text",
    [
        "Iran sent drones to Russia. Beijing strictly controls the export of drones, officials said.",
        "Iran sent drones to Russia. Ukraine requested information from the US about Abrams tanks.",
        "Iran sent drones to Russia. Washington has taken a leading role in persuading hesitant allies "
        "to provide Kyiv with tanks.",
    ],
)
def test_controls_requests_for_information_and_persuasion_state_no_act(text: str) -> None:
    second = text.split(". ", 1)[1][:20]
    assert claims_in(_arms_trade_engine(), text, second) == set()


def test_who_is_supplied_with_items_uses_them_not_the_supplier() -> None:
    text = "Kyiv has accused Tehran of supplying Moscow with drones used in attacks on Ukraine."
    found = props(_arms_trade_engine(), text)
    assert found == {
        ("Iran", "transfer", "drones", "Russia", "affirmed", "asserted"),
        ("Russia", "use", "drones", "Ukraine", "affirmed", "asserted"),
    }


def test_a_verb_that_takes_supplies_of_an_item_keeps_their_recipient() -> None:
    text = 'The Kremlin said there was "no proof" North Korea was sending supplies of ammunition to Russia.'
    found = props(_arms_trade_engine(), text)
    assert found == {("North Korea", "transfer", "ammunition", "Russia", "affirmed", "unsure")}


def test_every_actor_listed_as_the_subject_does_the_act() -> None:
    text = (
        "He added that the United States, Ukraine, and Iran had kept their word "
        "in delivering the drones to Russia."
    )
    found = props(_arms_trade_engine(), text)
    assert {p[0] for p in found if p[1] == "transfer"} == {"United States", "Ukraine", "Iran"}


def test_the_source_of_an_alternative_is_not_the_supplier() -> None:
    text = "US officials urged Ukraine to buy Abrams tanks rather than the drones from Iran."
    assert not any(p[0] == "Iran" for p in props(_arms_trade_engine(), text))


def test_a_request_is_made_of_the_actor_the_sentence_names_before_the_speakers_country() -> None:
    found = props(
        _arms_trade_engine(), "Kirby warned that China is considering Russian requests for weapons."
    )
    assert found == {("Russia", "request", "weapons", "China", "affirmed", "possible")}


def test_export_controls_are_no_act() -> None:
    assert props(_arms_trade_engine(), "China maintains strict export controls on drones.") == set()


def test_used_before_an_item_describes_it_and_cuts_no_act_short() -> None:
    found = props(_arms_trade_engine(), "The US supplied Ukraine with used tanks.")
    assert found == {("United States", "transfer", "tanks", "Ukraine", "affirmed", "asserted")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The US promised Abrams tanks to Ukraine.",
            ("United States", "transfer", "Abrams", "Ukraine", "affirmed", "planned"),
        ),
        ("Iran pledged drones to Russia.", ("Iran", "transfer", "drones", "Russia", "affirmed", "planned")),
    ],
)
def test_a_promise_or_pledge_of_items_is_a_planned_transfer(text: str, expected: Prop) -> None:
    assert props(_arms_trade_engine(), text) == {expected}


def test_speaker_after_a_comma_is_not_a_second_recipient(news: RuleClaimEngine) -> None:
    text = "Russia has sold the S-400 to India, Washington said."
    assert props(news, text) == {("Russia", "transfer", "S-400", "India", "affirmed", "asserted")}


def test_passive_doer_then_recipient_each_take_their_own_preposition(news: RuleClaimEngine) -> None:
    text = "The S-400 systems were delivered by Russia to India on Friday."
    assert props(news, text) == {("Russia", "transfer", "S-400", "India", "affirmed", "asserted")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia handed over the S-400 to India.", "asserted"),  # "over" here is no alternative
        ("Russia approved the sale of the S-400 to India.", "planned"),
        ("India ordered the S-400 from Russia.", "planned"),  # an order is a plan
    ],
)
def test_everyday_wordings_of_a_transfer(news: RuleClaimEngine, text: str, expected: str) -> None:
    assert props(news, text) == {("Russia", "transfer", "S-400", "India", "affirmed", expected)}


def test_whoever_completes_a_delivery_made_it() -> None:
    # drones have no known maker here: the doer can only come from "completed"
    engine = RuleClaimEngine(load_watchlist(ARMS_TRADE))
    text = "Iran completed the delivery of drones to Russia."
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "affirmed", "asserted")}


def test_there_are_no_plans_is_a_negated_plan_not_a_presence(news: RuleClaimEngine) -> None:
    text = "There are no plans to supply the S-400 to India, Russia said."
    assert ("Russia", "transfer", "S-400", "India", "negated", "planned") in props(news, text)


@pytest.mark.parametrize(
    ("system", "maker"),
    [("BrahMos", "India"), ("Typhon", "United States"), ("Piorun", "Poland"), ("Astros", "Brazil")],
)
def test_makers_of_widely_exported_systems_are_known(system: str, maker: str) -> None:
    watchlist = load_watchlist(
        {
            "systems": [{"name": system, "category": "missile"}],
            "actors": [{"name": maker}, {"name": "Philippines", "aliases": ["Manila"]}],
        }
    )
    found = props(RuleClaimEngine(watchlist), f"Manila received the first {system} systems on Friday.")
    assert found == {(maker, "transfer", system, "Philippines", "affirmed", "asserted")}


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian pilots are being trained in Germany to fly the Leopard.",  # passive: the host trains
        "Germany is training Ukrainian crews on the Leopard.",  # "on": what they learn, not an instrument
    ],
)
def test_who_trains_whom_on_what(text: str) -> None:
    watchlist = load_watchlist(
        {
            "systems": [{"name": "Leopard", "category": "tank"}],
            "actors": [{"name": "Germany"}, {"name": "Ukraine", "demonyms": ["Ukrainian"]}],
        }
    )
    assert props(RuleClaimEngine(watchlist), text) == {
        ("Germany", "train", "Leopard", "Ukraine", "affirmed", "asserted")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The first S-400 systems reached India on Friday.", {("Russia", "transfer", "S-400", "India")}),
        ("Russian S-400 systems ended up in Turkey.", {("Russia", "transfer", "S-400", "Turkey")}),
        (
            "Russia and India reached an agreement on training.",
            set(),
        ),  # an agreement is not reached by an item
    ],
)
def test_an_item_that_reaches_a_country_was_delivered(
    news: RuleClaimEngine, text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert {c[:4] for c in props(news, text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("North Korean soldiers were seen in Russia.", ("North Korea", "deploy", "troops", "Russia")),
        ("Russia attacked Ukraine with Shahed drones.", ("Russia", "use", "Shahed", "Ukraine")),
        ("Russia struck Kyiv with Shahed drones overnight.", ("Russia", "use", "Shahed", "Ukraine")),
    ],
)
def test_troops_seen_somewhere_and_the_weapon_of_an_attack(text: str, expected: tuple[str, ...]) -> None:
    watchlist = load_watchlist(
        {
            "systems": [
                {"name": "troops", "aliases": ["soldiers"], "category": "military personnel"},
                {"name": "Shahed", "aliases": ["Shahed drones"], "category": "drone"},
            ],
            "actors": [
                {"name": "North Korea", "demonyms": ["North Korean"]},
                {"name": "Russia"},
                {"name": "Ukraine", "aliases": ["Kyiv"]},
            ],
        }
    )
    assert expected in {c[:4] for c in props(RuleClaimEngine(watchlist), text)}


@pytest.mark.parametrize(
    "text", ["Storm Shadow is produced by the UK.", "The UK produces Storm Shadow missiles."]
)
def test_a_maker_produces_at_home_unless_told_where(text: str) -> None:
    watchlist = load_watchlist(
        {
            "systems": [
                {"name": "Storm Shadow", "aliases": ["Storm Shadow missiles"], "category": "missile"}
            ],
            "actors": [{"name": "United Kingdom", "aliases": ["the UK", "UK"]}],
        }
    )
    assert props(RuleClaimEngine(watchlist), text) == {
        ("United Kingdom", "produce", "Storm Shadow", "United Kingdom", "affirmed", "asserted")
    }


@pytest.mark.parametrize(
    ("text", "fragment", "modality"),
    [
        (
            "Russia sent S-400 systems to India in May. More S-400 systems followed in June.",
            "followed",
            "asserted",
        ),
        (
            "Russia will deliver the S-400 to India. The first S-400 units are expected in May.",
            "expected",
            "planned",
        ),
    ],
)
def test_what_follows_or_is_expected_arrives(
    news: RuleClaimEngine, text: str, fragment: str, modality: str
) -> None:
    assert claims_in(news, text, fragment) == {("Russia", "transfer", "S-400", "India", "affirmed", modality)}


def test_designed_or_produced_by_a_demonym_names_the_supplier() -> None:
    watchlist = load_watchlist(
        {
            "systems": [{"name": "drones", "category": "drone"}],
            "actors": [{"name": "Iran", "demonyms": ["Iranian"]}, {"name": "Russia"}],
        }
    )
    text = "Iranian-designed drones have reached Russia."
    assert {c[:4] for c in props(RuleClaimEngine(watchlist), text)} == {
        ("Iran", "transfer", "drones", "Russia")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Iranian military aid to Russia has included drones.",
        "The new Iranian aid package for Russia includes drones.",
    ],
)
def test_aid_named_by_a_demonym_is_that_country_s_transfer(text: str) -> None:
    engine = RuleClaimEngine(load_watchlist(ARMS_TRADE))
    assert props(engine, text) == {("Iran", "transfer", "drones", "Russia", "affirmed", "asserted")}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            "Russia has sent tanks to Ukraine. "
            "Moscow retains the discretion to expand its military assistance to Kyiv.",
            "expand",
        ),
        ("Washington has not provided military aid to Iran, officials said.", "provided"),
    ],
)
def test_aid_that_is_a_verb_s_object_is_no_act_of_its_own(text: str, fragment: str) -> None:
    found = claims_in(RuleClaimEngine(load_watchlist(ARMS_TRADE)), text, fragment)
    assert not {p for p in found if p[4] == "affirmed"}, found


@pytest.mark.parametrize(
    ("text", "polarity", "modality"),
    [
        ("Germany blocked Poland from re-exporting Leopard tanks to Ukraine.", "negated", "planned"),
        ("Germany prevented Poland from sending Leopard tanks to Ukraine.", "negated", "planned"),
        ("Germany barred Poland from sending Leopard tanks to Ukraine.", "negated", "planned"),
        ("Germany allowed Poland to re-export Leopard tanks to Ukraine.", "affirmed", "planned"),
        ("Germany has given Poland the green light to send Leopard tanks to Ukraine.", "affirmed", "planned"),
        ("Poland is not allowed to send Leopard tanks to Ukraine.", "negated", "planned"),
    ],
)
def test_a_permission_or_a_veto_concerns_the_one_who_would_send(
    leopards: RuleClaimEngine, text: str, polarity: str, modality: str
) -> None:
    assert props(leopards, text) == {("Poland", "transfer", "Leopard", "Ukraine", polarity, modality)}


@pytest.mark.parametrize(
    "text",
    [
        "Russia has been attacking Ukraine with drones supplied by Iran.",
        "Russia fired drones made in Iran at Ukraine.",
    ],
)
def test_items_an_attacker_uses_came_to_the_attacker(text: str) -> None:
    found = props(RuleClaimEngine(load_watchlist(ARMS_TRADE)), text)
    assert ("Russia", "use", "drones", "Ukraine", "affirmed", "asserted") in found
    assert not {p for p in found if p[1] == "transfer" and p[3] != "Russia"}, found


@pytest.mark.parametrize(
    "text", ["Russia has no mercenaries in Mali.", "Russia said it had no fighters in Libya."]
)
def test_having_none_somewhere_denies_a_deployment(news: RuleClaimEngine, text: str) -> None:
    place = "Mali" if "Mali" in text else "Libya"
    assert props(news, text) == {("Russia", "deploy", "mercenaries", place, "negated", "asserted")}


def test_a_denied_request_is_not_a_refused_one(news: RuleClaimEngine) -> None:
    assert props(news, "Ukraine denied asking Germany for Leopards.") == {
        ("Ukraine", "request", "Leopard", "Germany", "negated", "asserted")
    }


def test_production_of_an_item_is_its_maker_producing_it() -> None:
    watchlist = {
        "systems": [{"name": "Su-35", "aliases": ["Su-35 jets"], "category": "combat aircraft"}],
        "actors": [{"name": "Russia"}, {"name": "Egypt"}],
    }
    found = props(RuleClaimEngine(load_watchlist(watchlist)), "Russia has begun production of Su-35 jets.")
    assert found == {("Russia", "produce", "Su-35", "Russia", "affirmed", "asserted")}


@pytest.mark.parametrize(
    ("text", "polarity", "modality"),
    [
        ("There will be no Leopard tanks for Ukraine, Germany said.", "negated", "planned"),
        ("Germany rules out Leopard tanks for Ukraine", "negated", "planned"),
        ("Germany approves Leopard tanks for Ukraine", "affirmed", "planned"),
    ],
)
def test_an_item_for_a_country_names_a_transfer_without_a_verb(
    leopards: RuleClaimEngine, text: str, polarity: str, modality: str
) -> None:
    assert props(leopards, text) == {("Germany", "transfer", "Leopard", "Ukraine", polarity, modality)}


def test_an_item_for_a_country_is_no_act_when_a_verb_carries_it(news: RuleClaimEngine) -> None:
    assert props(news, "Germany sent Leopards for Ukraine.") == {
        ("Germany", "transfer", "Leopard", "Ukraine", "affirmed", "asserted")
    }
    assert not props(news, "Leopards are a game changer for Ukraine.")


def test_a_possessor_before_a_gerund_does_the_act() -> None:
    watchlist = {
        "systems": [{"name": "artillery", "category": "artillery"}],
        "actors": [{"name": "France"}, {"name": "Armenia"}, {"name": "Azerbaijan"}],
    }
    text = "France's equipping of Armenia with artillery angered Azerbaijan."
    assert props(RuleClaimEngine(load_watchlist(watchlist)), text) == {
        ("France", "transfer", "artillery", "Armenia", "affirmed", "asserted")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv is providing evidence of Iran's drone deliveries to Moscow.",
        "The US gave no details of Iran's drone deliveries to Moscow.",
    ],
)
def test_evidence_or_details_given_are_no_transfer(text: str) -> None:
    found = props(RuleClaimEngine(load_watchlist(ARMS_TRADE)), text)
    assert {p[0] for p in found} == {"Iran"}, found


@pytest.mark.parametrize(
    "text", ["About 1,000 Wagner fighters are based in Mali.", "Wagner has around 1,000 fighters in Mali."]
)
def test_forces_based_or_counted_somewhere_are_deployed_there(news: RuleClaimEngine, text: str) -> None:
    assert props(news, text) == {("Wagner Group", "deploy", "mercenaries", "Mali", "affirmed", "asserted")}


def test_each_item_bought_from_its_own_supplier() -> None:
    text = "Russia has received drones from Iran and ammunition from North Korea."
    assert {p[:4] for p in props(RuleClaimEngine(load_watchlist(ARMS_TRADE)), text)} == {
        ("Iran", "transfer", "drones", "Russia"),
        ("North Korea", "transfer", "ammunition", "Russia"),
    }
