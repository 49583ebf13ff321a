from datetime import timedelta

from fastapi.testclient import TestClient

from claimwatch.common.store import Store, utcnow
from tests.api.conftest import RecordingPublisher


def test_a_feed_is_added_once_and_announced(client: TestClient, publisher: RecordingPublisher) -> None:
    first = client.post("/feeds", json={"url": "https://example.org/feed.xml", "title": "Example"})
    again = client.post("/feeds", json={"url": "https://example.org/feed.xml"})
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["status"] == "new"
    assert [e.entity for _topic, e in publisher.events] == ["feed", "feed"]


def test_a_feed_url_that_is_not_http_is_refused(client: TestClient) -> None:
    for url in ("file:///etc/passwd", "gopher://example.org/", "example.org/feed"):
        assert client.post("/feeds", json={"url": url}).status_code == 422


def test_failing_feeds_are_listed_with_their_last_error(client: TestClient, store: Store) -> None:
    ok = client.post("/feeds", json={"url": "https://ok.example/feed"}).json()["id"]
    bad = client.post("/feeds", json={"url": "https://bad.example/feed"}).json()["id"]
    now = utcnow()
    store.record_poll(feed_id=ok, owner="t", now=now, ok=True, next_poll_at=now, status=200)
    store.record_poll(
        feed_id=bad,
        owner="t",
        now=now,
        ok=False,
        next_poll_at=now,
        status=500,
        error_kind="http_status",
        error_message="500 Internal Server Error",
    )
    failing = client.get("/feeds", params={"status": "failing"}).json()
    assert [f["id"] for f in failing] == [bad]
    detail = client.get(f"/feeds/{bad}").json()
    assert (detail["last_error_kind"], detail["consecutive_failures"], detail["last_status"]) == (
        "http_status",
        1,
        500,
    )


def test_feeds_can_be_updated_and_deleted(client: TestClient) -> None:
    feed_id = client.post("/feeds", json={"url": "https://example.org/feed"}).json()["id"]
    assert client.patch(f"/feeds/{feed_id}", json={"enabled": False}).json()["enabled"] is False
    assert client.delete(f"/feeds/{feed_id}").status_code == 204
    assert client.get(f"/feeds/{feed_id}").status_code == 404
    assert client.delete(f"/feeds/{feed_id}").status_code == 404


def test_opml_round_trips_through_import_and_export(client: TestClient) -> None:
    opml = """<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>
      <outline text="Defence"><outline type="rss" text="A" xmlUrl="https://a.example/rss"/>
      <outline type="rss" text="B" xmlUrl="https://b.example/atom"/></outline></body></opml>"""
    imported = client.post("/feeds/import", content=opml, headers={"Content-Type": "text/x-opml"})
    assert imported.json() == {"found": 2, "added": 2}
    exported = client.get("/feeds/export").text
    assert "https://a.example/rss" in exported and "https://b.example/atom" in exported


def test_hostile_opml_is_refused_with_a_reason(client: TestClient) -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body>&a;</body></opml>'
    response = client.post("/feeds/import", content=bomb, headers={"Content-Type": "text/x-opml"})
    assert response.status_code == 422


def test_silent_feeds_are_listed_and_flagged(client: TestClient, store: Store) -> None:
    quiet = client.post("/feeds", json={"url": "https://quiet.example/feed"}).json()["id"]
    lively = client.post("/feeds", json={"url": "https://lively.example/feed"}).json()["id"]
    now = utcnow()
    for feed_id, newest in ((quiet, now - timedelta(days=10)), (lively, now - timedelta(hours=2))):
        store.record_poll(
            feed_id=feed_id,
            owner="t",
            now=now,
            ok=True,
            next_poll_at=now,
            status=200,
            mean_entry_interval_s=86_400.0,
            newest_entry_at=newest,
        )
    assert [f["id"] for f in client.get("/feeds", params={"status": "silent"}).json()] == [quiet]
    detail = client.get(f"/feeds/{quiet}").json()
    assert detail["silent"] is True and detail["status"] == "ok"
    assert detail["newest_entry_at"] is not None and detail["mean_entry_interval_s"] == 86_400.0
    assert client.get(f"/feeds/{lively}").json()["silent"] is False
    assert client.get("/feeds", params={"status": "asleep"}).status_code == 422


def test_a_new_feed_is_not_silent(client: TestClient) -> None:
    feed = client.post("/feeds", json={"url": "https://new.example/feed"}).json()
    assert feed["silent"] is False and feed["newest_entry_at"] is None
    assert client.get("/feeds", params={"status": "silent"}).json() == []
