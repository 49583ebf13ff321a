"""The events the extractor publishes carry what subscriptions filter on."""

from claimwatch.common.analysis import StoredMatch
from claimwatch.common.core.alerts import SubscriptionFilter, accepts
from claimwatch.common.core.model import ArticleText, Claim, Match, Mention
from claimwatch.extractor.service import match_event, mention_event

CHAIN = {
    "Pantsir-S1": ("Pantsir-S1", "air defence", "weapons", "military assistance"),
    "military assistance": ("military assistance",),
}


def _claim(obj: str, polarity: str, speaker: str, url: str) -> Claim:
    return Claim(
        subject="Russia",
        predicate="transfer",
        object=obj,
        recipient="Venezuela",
        polarity=polarity,  # type: ignore[arg-type]
        modality="asserted",
        speaker=speaker,
        sentence="s",
        span=(0, 1),
        article_url=url,
    )


def test_a_match_names_its_topic_and_the_categories_above_its_items() -> None:
    denial = _claim("military assistance", "negated", "Sergey Lavrov", "https://b")
    delivery = _claim("Pantsir-S1", "affirmed", "Alexei Zhuravlev", "https://a")
    stored = StoredMatch(7, True, Match("contradicts", denial, delivery, "independent", 0.7, "why"))
    event = match_event(stored, None, CHAIN.__getitem__)
    assert event.topic == "Russia's transfer of military assistance to Venezuela"
    assert {"air defence", "Pantsir-S1", "Russia", "Venezuela", "Sergey Lavrov"} <= set(event.entities)
    assert accepts(SubscriptionFilter.build(entities=["air defence"]), event)
    assert not accepts(SubscriptionFilter.build(entities=["drone"]), event)


def test_a_mention_of_a_system_reaches_subscribers_of_its_category() -> None:
    article = ArticleText(url="https://a", text="Pantsir-S1 systems were seen in Caracas.")
    mentions = [Mention("Pantsir-S1", "system", "Pantsir-S1", 0, 10)]
    event = mention_event(1, article, mentions, None, CHAIN.__getitem__)
    assert event.entities == ["Pantsir-S1"]
    assert "air defence" in event.categories
    assert accepts(SubscriptionFilter.build(relations=["mention"], entities=["air defence"]), event)
