from __future__ import annotations

import pytest

from claimwatch.common.core.claims import RuleClaimEngine, parse_tracked_claim
from claimwatch.common.core.model import ArticleText, Claim
from claimwatch.common.core.watchlist import Watchlist, load_watchlist
from tests.common.core.support import props


def claims(engine: RuleClaimEngine, text: str, outlet: str = "Daily") -> list[Claim]:
    return list(engine.extract(ArticleText(url="https://daily.example/a", text=text, outlet=outlet)).claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia delivered Buk-M2E systems to Venezuela.", ("Russia", "transfer", "Buk-M2E", "Venezuela")),
        ("Venezuela received the Buk-M2E from Russia.", ("Russia", "transfer", "Buk-M2E", "Venezuela")),
        ("Turkey bought S-400 batteries from Moscow.", ("Russia", "transfer", "S-400", "Turkey")),
        ("The S-400 was supplied to Turkey by Russia.", ("Russia", "transfer", "S-400", "Turkey")),
        ("Moscow sent Caracas new air defence systems.", ("Russia", "transfer", "air defence", "Venezuela")),
        ("Iran is supplying Russia with Shahed drones.", ("Iran", "transfer", "Shahed-136", "Russia")),
        (
            "Venezuela requested military aid from Russia.",
            ("Venezuela", "request", "military assistance", "Russia"),
        ),
        ("Russia deployed Pantsir-S1 units in Venezuela.", ("Russia", "deploy", "Pantsir-S1", "Venezuela")),
        ("Russia used Shahed drones against Ukraine and Turkey.", ("Russia", "use", "Shahed-136", "Turkey")),
    ],
)
def test_direction_is_always_supplier_to_recipient(
    engine: RuleClaimEngine, text: str, expected: tuple[str, str, str, str]
) -> None:
    assert (*expected, "affirmed", "asserted") in props(engine, text)


def test_each_item_of_a_list_gives_its_own_claim(engine: RuleClaimEngine) -> None:
    found = props(engine, "Russia delivered Pantsir-S1 and Buk-M2 air defence systems to Venezuela.")
    assert {c[2] for c in found} == {
        "Pantsir-S1",
        "Buk-M2",
    }  # the category is their head noun, not a third item


@pytest.mark.parametrize(
    ("text", "polarity", "modality"),
    [
        ("Russia never supplied Pantsir-S1 systems to Venezuela.", "negated", "asserted"),
        ("Russia did not deliver the Buk-M2 to Venezuela.", "negated", "asserted"),
        ("Russia denied it had delivered Buk-M2 systems to Venezuela.", "negated", "asserted"),
        ("Russia does not plan to provide military assistance to Venezuela.", "negated", "planned"),
        ("Russia will not supply Buk-M2 systems to Venezuela.", "negated", "planned"),
        ("Russia plans to deliver Buk-M2 systems to Venezuela.", "affirmed", "planned"),
        ("Russia is preparing to ship Buk-M2 systems to Venezuela.", "affirmed", "planned"),
        ("Russia may deliver Buk-M2 systems to Venezuela.", "affirmed", "possible"),
        ("Russia is reportedly considering sending Buk-M2 systems to Venezuela.", "affirmed", "possible"),
        ("Officials cannot confirm that Russia delivered Buk-M2 systems to Venezuela.", "affirmed", "unsure"),
        ("Russia reportedly delivered Buk-M2 systems to Venezuela.", "affirmed", "reported"),
        (
            "He sees no obstacles to supplying Venezuela with Buk-M2 systems, Sergey Lavrov said.",
            "affirmed",
            "possible",
        ),
    ],
)
def test_polarity_and_modality_follow_the_cues(
    engine: RuleClaimEngine, text: str, polarity: str, modality: str
) -> None:
    found = props(engine, text)
    assert {(c[4], c[5]) for c in found} == {(polarity, modality)}, found


def test_negative_answer_to_a_whether_question_is_a_denial(engine: RuleClaimEngine) -> None:
    text = (
        "“No, they have not come to us,” Lavrov said when asked whether Venezuela had requested military aid."
    )
    assert props(engine, text) == {
        ("Venezuela", "request", "military assistance", "Russia", "negated", "asserted")
    }


def test_unanswered_question_states_nothing(engine: RuleClaimEngine) -> None:
    assert props(engine, "Reporters asked whether Russia delivered Buk-M2 systems to Venezuela.") == set()


def test_sentence_without_a_recipient_gives_no_transfer(engine: RuleClaimEngine) -> None:
    assert props(engine, "Russia delivered Buk-M2 systems last year.") == set()


def test_instrument_of_a_transfer_is_not_its_object(engine: RuleClaimEngine) -> None:
    found = props(
        engine, "The Buk-M2E systems had been transported to Venezuela via Il-76 cargo planes, Russia said."
    )
    assert {c[2] for c in found} == {"Buk-M2E"}


def test_speaker_is_the_named_person_and_the_outlet_is_cited(engine: RuleClaimEngine) -> None:
    (c,) = claims(engine, "Zhuravlyov told Gazeta that Russia delivered Buk-M2 systems to Venezuela.")
    assert c.speaker == "Alexei Zhuravlev"
    assert c.cited_source == "Gazeta"


def test_pronoun_speaker_refers_to_the_last_named_person(engine: RuleClaimEngine) -> None:
    text = "Sergey Lavrov spoke on Monday. He said Russia will supply Buk-M2 systems to Venezuela."
    assert [c.speaker for c in claims(engine, text)] == ["Sergey Lavrov"]


def test_article_own_voice_is_the_outlet(engine: RuleClaimEngine) -> None:
    (c,) = claims(engine, "Russia delivered Buk-M2 systems to Venezuela.", outlet="Daily")
    assert (c.speaker, c.outlet) == ("outlet:Daily", "Daily")


def test_according_to_names_the_speaker_and_the_report_cited(engine: RuleClaimEngine) -> None:
    text = (
        "According to a Defense Express report citing Ukrainian intelligence, "
        "Russia may send Buk-M2 to Venezuela."
    )
    (c,) = claims(engine, text)
    assert (c.speaker, c.cited_source) == ("Ukrainian intelligence", "Defense Express")


def test_country_voice_is_its_one_official_speaking_in_the_article(engine: RuleClaimEngine) -> None:
    text = "Russia has claimed it delivered Buk-M2 systems to Venezuela.\nZhuravlyov said so on Tuesday."
    assert [c.speaker for c in claims(engine, text)] == ["Alexei Zhuravlev"]


def test_claim_keeps_its_sentence_and_span(engine: RuleClaimEngine) -> None:
    text = "Nothing here. Russia delivered Buk-M2 systems to Venezuela. Nothing more."
    (c,) = claims(engine, text)
    assert text[c.span[0] : c.span[1]] == c.sentence == "Russia delivered Buk-M2 systems to Venezuela."


def test_tracked_claim_is_parsed_into_a_user_claim(watchlist: Watchlist) -> None:
    (c,) = parse_tracked_claim("Iran delivered Shahed drones to Russia", watchlist)
    assert (c.subject, c.predicate, c.object, c.recipient, c.polarity, c.speaker) == (
        "Iran",
        "transfer",
        "Shahed-136",
        "Russia",
        "affirmed",
        "user",
    )


def test_tracked_text_without_a_watched_claim_gives_nothing(watchlist: Watchlist) -> None:
    assert parse_tracked_claim("The weather was fine", watchlist) == []


def test_sending_personnel_is_a_deployment(watchlist: Watchlist) -> None:
    w = load_watchlist({"systems": [{"name": "mercenaries", "category": "military personnel"}], **_ACTORS})
    found = props(RuleClaimEngine(w), "Russia sent mercenaries to Venezuela.")
    assert found == {("Russia", "deploy", "mercenaries", "Venezuela", "affirmed", "asserted")}


def test_negated_step_back_is_an_affirmation(engine: RuleClaimEngine) -> None:
    text = "Turkey will not take any steps back from purchasing Russia's S-400 systems."
    assert {(c[0], c[3], c[4]) for c in props(engine, text)} == {("Russia", "Turkey", "affirmed")}


def test_verdict_after_a_gerund_negates_it(engine: RuleClaimEngine) -> None:
    text = "Giving the S-400 system to Ukraine is out of the question, Turkey said."
    assert {c[4] for c in props(engine, text)} == {"negated"}


def test_known_producer_supplies_when_the_sentence_names_none(engine: RuleClaimEngine) -> None:
    assert props(engine, "Turkey received the first batch of S-400 air defence systems.") == {
        ("Russia", "transfer", "S-400", "Turkey", "affirmed", "asserted")
    }


def test_open_recipient_is_taken_from_the_article(engine: RuleClaimEngine) -> None:
    text = "Russia delivered S-400 systems to Turkey in July.\nMore S-400 batteries were delivered in May."
    assert [(c.subject, c.recipient) for c in claims(engine, text)] == [("Russia", "Turkey")] * 2


def test_a_transfer_someone_asks_for_is_not_a_transfer(engine: RuleClaimEngine) -> None:
    assert props(engine, "Turkey has asked its allies to supply Ukraine with Buk-M2 systems.") == set()


_ACTORS = {"actors": [{"name": "Russia"}, {"name": "Venezuela"}]}
