import yaml
from fastapi.testclient import TestClient

from tests.api.conftest import RecordingPublisher

WATCHLIST = """
systems:
  - name: Shahed-136
    aliases: [Shahed 136, Shahed, Geran-2]
    category: drone
  - name: Pantsir-S1
    category: air defence
actors:
  - name: Iran
    kind: country
  - name: Russia
    kind: country
    aliases: [Moscow, the Kremlin]
"""


def _import(client: TestClient, text: str = WATCHLIST):  # type: ignore[no-untyped-def]
    return client.put("/watchlist/import", content=text, headers={"Content-Type": "application/yaml"})


def test_a_watchlist_document_round_trips(client: TestClient, publisher: RecordingPublisher) -> None:
    assert _import(client).json() == {"entries": 4}
    exported = yaml.safe_load(client.get("/watchlist/export").text)
    assert {s["name"] for s in exported["systems"]} == {"Shahed-136", "Pantsir-S1"}
    assert {"Moscow", "the Kremlin"} <= set(
        next(a for a in exported["actors"] if a["name"] == "Russia")["aliases"]
    )
    assert ("config.changed", "watchlist") in [(t, e.entity) for t, e in publisher.events]


def test_an_invalid_watchlist_is_refused_naming_the_entry(client: TestClient) -> None:
    bad = "systems:\n  - name: Buk-M2E\n    variant_of: Buk-M2\n"
    response = _import(client, bad)
    assert response.status_code == 422
    assert "Buk-M2E" in response.json()["detail"]
    assert _import(client, "systems: [").status_code == 422


def test_watchlist_entries_can_be_added_edited_and_removed(client: TestClient) -> None:
    _import(client)
    entry = client.post("/watchlist", json={"name": "Kalibr", "kind": "system", "category": "cruise missile"})
    assert entry.status_code == 201
    entry_id = entry.json()["id"]
    edited = client.patch(f"/watchlist/{entry_id}", json={"aliases": ["3M-54"]})
    assert edited.json()["aliases"] == ["3M-54"]
    assert client.post("/watchlist", json={"name": "Kalibr", "kind": "system"}).status_code == 409
    assert client.delete(f"/watchlist/{entry_id}").status_code == 204
    assert all(e["name"] != "Kalibr" for e in client.get("/watchlist").json())


def test_a_tracked_claim_is_parsed_and_stored(client: TestClient) -> None:
    _import(client)
    response = client.post("/tracked-claims", json={"text": "Iran delivered Shahed drones to Russia"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert any("Iran" in p and "Shahed-136" in p and "Russia" in p for p in body["parsed"])
    assert [t["text"] for t in client.get("/tracked-claims").json()] == [
        "Iran delivered Shahed drones to Russia"
    ]
    claims = client.get("/claims").json()
    assert claims and all(c["tracked_claim_id"] == body["tracked"]["id"] for c in claims)


def test_a_tracked_claim_about_nothing_watched_is_refused(client: TestClient) -> None:
    _import(client)
    response = client.post("/tracked-claims", json={"text": "The weather was fine on Tuesday"})
    assert response.status_code == 422
    assert "watched" in response.json()["detail"]


def test_queries_answer_with_empty_lists_on_an_empty_store(client: TestClient) -> None:
    for path in ("/articles", "/claims", "/matches", "/deliveries", "/dead-letters"):
        assert client.get(path).json() == []
    assert client.get("/matches/1").status_code == 404
