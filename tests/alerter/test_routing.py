from claimwatch.alerter import Alerter
from claimwatch.common.events import ArticleDiscovered
from tests.alerter.fakes import MemoryOutbox, Sub, lavrov_vs_zhuravlev, mention


async def test_alert_is_enqueued_once_per_subscription_and_channel() -> None:
    store = MemoryOutbox([Sub(1, channel="slack"), Sub(2, channel="email")])
    alerter = Alerter(store, {})
    routed = await alerter.handle(lavrov_vs_zhuravlev(match_id=7))
    assert sorted(r.dedupe_key for r in routed) == ["sub:1:match:7:slack", "sub:2:match:7:email"]
    assert store.states() == ["pending", "pending"]
    assert store.rows[1].payload["relation"] == "contradicts"
    assert store.rows[1].discovered_at is not None


async def test_alert_is_not_enqueued_twice_for_same_match() -> None:
    store = MemoryOutbox([Sub(1)])
    alerter = Alerter(store, {})
    first = await alerter.handle(lavrov_vs_zhuravlev())
    again = await alerter.handle(lavrov_vs_zhuravlev())
    assert [r.created for r in first + again] == [True, False]
    assert len(store.rows) == 1


async def test_only_accepting_enabled_unbroken_subscriptions_get_the_event() -> None:
    store = MemoryOutbox(
        [
            Sub(1, relations=["corroborates"]),
            Sub(2, entities=["Oreshnik"]),
            Sub(3, enabled=False),
            Sub(4, broken_reason="slack: 404 no_service"),
            Sub(5, entities=["pantsir s1"]),
        ]
    )
    routed = await Alerter(store, {}).handle(lavrov_vs_zhuravlev())
    assert [r.subscription_id for r in routed] == [5]


async def test_mentions_go_to_mention_subscriptions_and_other_events_are_ignored() -> None:
    store = MemoryOutbox([Sub(1, relations=["mention"]), Sub(2, relations=["contradicts"])])
    alerter = Alerter(store, {})
    routed = await alerter.handle(mention(article_id=3))
    assert [r.dedupe_key for r in routed] == ["sub:1:mention:3:console"]
    other = ArticleDiscovered(url="https://x.example", canonical_url="https://x.example", url_hash="h")
    assert await alerter.handle(other) == []
