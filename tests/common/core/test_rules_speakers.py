"""Rules that read roles from who is speaking and from what an item is said to be: "we", "his
country", an item's capabilities. One real-looking sentence each."""

from __future__ import annotations

import pytest

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.model import ArticleText, Claim
from claimwatch.common.core.watchlist import load_watchlist
from tests.common.core.support import claims_in, props

WATCHLIST = {
    "systems": [
        {"name": "nuclear weapons", "aliases": ["nukes", "nuclear warheads"], "category": "nuclear weapon"},
        {"name": "Iskander", "aliases": ["Iskander-M"], "category": "ballistic missile"},
        {"name": "Su-35", "aliases": ["Sukhoi Su-35"], "category": "fighter aircraft"},
    ],
    "actors": [
        {"name": "Russia", "aliases": ["Moscow"]},
        {"name": "Belarus", "aliases": ["Minsk"]},
        {"name": "Iran", "aliases": ["Tehran"]},
        {"name": "Alexander Lukashenko", "kind": "person", "aliases": ["Lukashenko"]},
        {"name": "Vladimir Putin", "kind": "person", "aliases": ["Putin"]},
        {"name": "Mohammad Reza Ashtiani", "kind": "person", "country": "Iran", "aliases": ["Ashtiani"]},
    ],
}


@pytest.fixture(scope="module")
def engine() -> RuleClaimEngine:
    return RuleClaimEngine(load_watchlist(WATCHLIST))


def test_we_in_a_quote_is_the_speakers_country(engine: RuleClaimEngine) -> None:
    text = (
        'Belarusian President Alexander Lukashenko spoke on Tuesday. "We have missiles and bombs that we '
        'have received from Russia," Lukashenko said in an interview, adding that the nuclear warheads '
        "were three times more powerful."
    )
    assert ("Russia", "transfer", "nuclear weapons", "Belarus", "affirmed", "asserted") in props(engine, text)


def test_his_country_is_the_country_of_the_person_before_it(engine: RuleClaimEngine) -> None:
    text = (
        "Belarusian President Alexander Lukashenko on Tuesday said his country began taking deliveries of "
        "Russian nuclear warheads."
    )
    assert ("Russia", "transfer", "nuclear weapons", "Belarus", "affirmed", "asserted") in props(engine, text)


def test_a_watchlisted_persons_country_gives_us_its_meaning(engine: RuleClaimEngine) -> None:
    text = '"Moscow will deliver the Su-35 jets to us soon," Ashtiani told reporters on Sunday.'
    assert ("Russia", "transfer", "Su-35", "Iran", "affirmed", "planned") in props(engine, text)


def test_us_without_a_speaker_with_a_country_is_nobody(engine: RuleClaimEngine) -> None:
    text = "Russia will deliver the Su-35 jets to us soon, the newspaper's editor wrote."
    assert not any(p[3] == "Iran" for p in props(engine, text))


def test_what_an_item_can_carry_is_not_a_second_item(engine: RuleClaimEngine) -> None:
    text = (
        "Moscow has already provided Minsk with Iskander tactical missile systems capable of carrying "
        "nuclear weapons."
    )
    found = props(engine, text)
    assert ("Russia", "transfer", "Iskander", "Belarus", "affirmed", "asserted") in found
    assert not any(p[2] == "nuclear weapons" for p in found)


@pytest.mark.parametrize(
    "text",
    [
        "Iran's defence minister, Mohammad Reza Ashtiani, spoke on Sunday. "
        '"We have bought Su-35 jets from Russia," Ashtiani said.',
        "Mohammad Reza Ashtiani, Iran's defence minister, spoke on Sunday. "
        '"We have bought Su-35 jets from Russia," Ashtiani said.',
    ],
)
def test_a_title_set_off_by_commas_gives_the_speakers_country(text: str) -> None:
    unlisted = {
        **WATCHLIST,
        "actors": [a for a in WATCHLIST["actors"] if a["name"] != "Mohammad Reza Ashtiani"],
    }
    unlisted["actors"].append({"name": "Mohammad Reza Ashtiani", "kind": "person", "aliases": ["Ashtiani"]})
    found = props(RuleClaimEngine(load_watchlist(unlisted)), text)
    assert ("Russia", "transfer", "Su-35", "Iran", "affirmed", "asserted") in found


VOICES = {
    "systems": [{"name": "artillery shells", "aliases": ["shells"], "category": "artillery ammunition"}],
    "actors": [
        {"name": "North Korea", "aliases": ["Pyongyang", "North Korean", "DPRK"]},
        {"name": "Russia", "aliases": ["Moscow"]},
        {"name": "United States", "aliases": ["U.S.", "Washington"]},
        {"name": "John Kirby", "kind": "person", "aliases": ["Kirby"]},
    ],
}


@pytest.fixture(scope="module")
def voices() -> RuleClaimEngine:
    return RuleClaimEngine(load_watchlist(VOICES))


def _claims(engine: RuleClaimEngine, text: str, url: str) -> list[Claim]:
    outlet = url.split("/")[2]  # one outlet per article: the same outlet twice is an echo anyway
    return list(engine.extract(ArticleText(url=url, text=text, outlet=outlet)).claims)


def test_a_denial_reported_by_someone_else_keeps_the_denier_as_speaker(voices: RuleClaimEngine) -> None:
    text = (
        '"In September, North Korea publicly denied that it intended to provide artillery shells to Russia," '
        "Kirby said in a virtual press briefing."
    )
    (claim,) = _claims(voices, text, "https://a.example/1")
    assert (claim.subject, claim.polarity, claim.speaker) == ("North Korea", "negated", "North Korea")


def test_a_countrys_ministry_and_the_country_are_one_voice(voices: RuleClaimEngine) -> None:
    first = _claims(
        voices,
        "North Korea publicly denied that it would provide artillery shells to Russia, Kirby said.",
        "https://a.example/1",
    )
    second = _claims(
        voices,
        "The North Korean Defense Ministry said Pyongyang does not have plans to supply artillery shells "
        "to Russia.",
        "https://b.example/2",
    )
    assert second[0].speaker == "North Korean Defense Ministry"
    (match,) = voices.compare(second[0], first)
    assert (match.relation, match.independence) == ("corroborates", "echo")


def test_a_ministry_of_another_country_is_another_voice(voices: RuleClaimEngine) -> None:
    first = _claims(
        voices, "North Korea said it will not provide artillery shells to Russia.", "https://a.example/1"
    )
    second = _claims(
        voices,
        "Pyongyang will not supply artillery shells to Russia, the U.S. State Department said.",
        "https://b.example/2",
    )
    (match,) = voices.compare(second[0], first)
    assert match.independence == "independent"


DEALS = {
    "systems": [
        {"name": "Su-35", "aliases": ["Sukhoi Su-35"], "category": "fighter aircraft"},
        {"name": "nuclear weapons", "aliases": ["tactical nuclear weapons"], "category": "nuclear weapon"},
    ],
    "actors": [
        {"name": "Russia", "aliases": ["Moscow"]},
        {"name": "Egypt", "aliases": ["Cairo"]},
        {"name": "Belarus", "aliases": ["Minsk"]},
        {"name": "United States", "aliases": ["Washington"]},
    ],
}


@pytest.fixture(scope="module")
def deals() -> RuleClaimEngine:
    return RuleClaimEngine(load_watchlist(DEALS))


def test_a_demonym_owning_a_plan_is_the_buyer(deals: RuleClaimEngine) -> None:
    text = "The United States was looking closely at Egyptian plans to purchase 24 Su-35s from Russia."
    assert ("Russia", "transfer", "Su-35", "Egypt", "affirmed", "planned") in props(deals, text)


def test_the_other_party_of_a_deal_to_station_weapons_is_where_they_go(deals: RuleClaimEngine) -> None:
    text = (
        "Russia has struck a deal with neighboring Belarus to station tactical nuclear weapons on its "
        "territory, President Vladimir Putin said on Saturday."
    )
    found = props(deals, text)
    assert ("Russia", "deploy", "nuclear weapons", "Belarus", "affirmed", "planned") in found
    assert not any(p[0] == "Belarus" for p in found)


PLANES = {
    "systems": [
        {"name": "Su-35", "aliases": ["Sukhoi Su-35", "Su-35 fighter jets"], "category": "combat aircraft"},
    ],
    "actors": [{"name": "Russia", "aliases": ["Moscow"]}, {"name": "Egypt", "aliases": ["Cairo"]}],
}


@pytest.fixture(scope="module")
def planes() -> RuleClaimEngine:
    return RuleClaimEngine(load_watchlist(PLANES))


@pytest.mark.parametrize("noun", ["planes", "jets", "fighters", "aircraft"])
def test_a_plane_word_stands_for_the_watched_aircraft_named_before(
    planes: RuleClaimEngine, noun: str
) -> None:
    text = (
        "Moscow is building Su-35 fighter jets at its plant in Komsomolsk-on-Amur. "
        f"Analysts said that Russia will deliver these {noun} to Egypt."
    )
    assert ("Russia", "transfer", "Su-35", "Egypt", "affirmed", "planned") in props(planes, text)


def test_a_question_left_unanswered_states_no_purchase(planes: RuleClaimEngine) -> None:
    text = "The report did not say which Su-35 variant Cairo was about to buy from Russia."
    assert props(planes, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“We have not supplied any drones to Russia,” Iran's foreign minister said.",
            ("Iran", "transfer", "drones", "Russia", "negated", "asserted"),
        ),
        (
            "“We will never sell drones to Russia,” the Iranian president said.",
            ("Iran", "transfer", "drones", "Russia", "negated", "planned"),
        ),
        (
            "The Iranian foreign ministry said it had not delivered drones to Russia.",
            ("Iran", "transfer", "drones", "Russia", "negated", "asserted"),
        ),
    ],
)
def test_we_and_it_stand_for_the_country_a_titled_speaker_speaks_for(
    text: str, expected: tuple[str, ...]
) -> None:
    watchlist = load_watchlist(
        {
            "systems": [{"name": "drones", "category": "drone"}],
            "actors": [{"name": "Iran", "demonyms": ["Iranian"]}, {"name": "Russia"}],
        }
    )
    assert expected in props(RuleClaimEngine(watchlist), text)


def test_a_right_to_export_is_no_export(engine: RuleClaimEngine) -> None:
    text = (
        "Russia has sent Su-35 jets to Iran, Kyiv says. "
        "A senior Russian official said Russia is within its rights to export Su-35 jets."
    )
    assert claims_in(engine, text, "within its rights") == set()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Russia will deliver Iskander missiles to Belarus, said Iran.", "Iran"),
        ("“Russia will deliver Iskander missiles to Belarus,” said Iran's foreign ministry.", "Iran"),
        (
            "Russia will deliver Iskander missiles to Belarus, said a government spokesman.",
            "government spokesman",
        ),
        (
            "Russia will deliver Iskander missiles to Belarus, said Iranian spokesman Nasser Kanaani.",
            "Iranian spokesman",
        ),
    ],
)
def test_a_speaker_after_its_verb_speaks(engine: RuleClaimEngine, text: str, speaker: str) -> None:
    found = engine.extract(ArticleText(url="https://daily.example/a", text=text, outlet="Daily")).claims
    assert {c.speaker for c in found} == {speaker}


def test_a_headline_opening_on_a_country_and_a_colon_is_its_voice(engine: RuleClaimEngine) -> None:
    found = engine.extract(
        ArticleText(url="https://daily.example/a", text="Iran: we bought no Su-35 from Russia")
    ).claims
    assert {(c.speaker, c.subject, c.recipient, c.polarity) for c in found} == {
        ("Iran", "Russia", "Iran", "negated")
    }


def test_a_source_cited_by_according_to_keeps_all_its_words(engine: RuleClaimEngine) -> None:
    text = "Russia delivered Iskander missiles to Belarus, according to US officials."
    found = engine.extract(ArticleText(url="https://daily.example/a", text=text, outlet="Daily")).claims
    assert {c.speaker for c in found} == {"US officials"}
