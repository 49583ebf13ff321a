from claimwatch.common.core.alerts import AlertFacts, SubscriptionFilter, accepts
from claimwatch.common.events import MentionFound


def _facts(**changes: object) -> AlertFacts:
    base: dict[str, object] = {
        "relation": "contradicts",
        "entities": ("Russia", "Venezuela", "Buk-M2E"),
        "confidence": 0.8,
        "independent": True,
        "outlets": ("Defence Blog",),
    }
    base.update(changes)
    return AlertFacts(**base)  # type: ignore[arg-type]


def test_empty_filter_accepts_every_relation() -> None:
    flt = SubscriptionFilter.build()
    for relation in ("corroborates", "contradicts", "mention"):
        assert accepts(flt, _facts(relation=relation))


def test_relation_not_subscribed_is_refused() -> None:
    flt = SubscriptionFilter.build(relations=["contradicts"])
    assert accepts(flt, _facts(relation="contradicts"))
    assert not accepts(flt, _facts(relation="corroborates"))
    assert not accepts(flt, _facts(relation="mention"))


def test_entities_match_ignoring_case_and_hyphens() -> None:
    flt = SubscriptionFilter.build(entities=["buk m2e"])
    assert accepts(flt, _facts())
    assert not accepts(flt, _facts(entities=("Pantsir-S1",)))


def test_confidence_below_minimum_is_refused_for_matches_only() -> None:
    flt = SubscriptionFilter.build(min_confidence=0.9)
    assert not accepts(flt, _facts(confidence=0.8))
    assert accepts(flt, _facts(confidence=0.95))
    assert accepts(flt, _facts(relation="mention", confidence=0.0))


def test_independent_only_drops_echoed_corroborations_but_keeps_contradictions() -> None:
    flt = SubscriptionFilter.build(independent_only=True)
    assert not accepts(flt, _facts(relation="corroborates", independent=False))
    assert accepts(flt, _facts(relation="corroborates", independent=True))
    assert accepts(flt, _facts(relation="contradicts", independent=False))


def test_ignored_outlet_of_the_new_article_is_refused() -> None:
    flt = SubscriptionFilter.build(ignore_outlets=["defence blog"])
    assert not accepts(flt, _facts())
    assert accepts(flt, _facts(outlets=("TASS",)))


def test_accepts_takes_events_directly() -> None:
    event = MentionFound(article_id=1, article_url="https://x.example/a", entities=["Oreshnik"])
    assert accepts(SubscriptionFilter.build(entities=["oreshnik"]), event)
    assert not accepts(SubscriptionFilter.build(relations=["contradicts"]), event)
