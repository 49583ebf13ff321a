from fastapi.testclient import TestClient

from tests.api.conftest import READ, as_reader


def test_a_request_without_a_token_is_refused_with_a_bearer_challenge(client: TestClient) -> None:
    response = client.get("/feeds", headers={"Authorization": ""})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_wrong_token_is_refused(client: TestClient) -> None:
    assert client.get("/feeds", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_a_read_token_reads_but_cannot_write(client: TestClient) -> None:
    assert client.get("/feeds", headers=as_reader(client)).status_code == 200
    response = client.post("/feeds", json={"url": "https://example.org/feed.xml"}, headers=as_reader(client))
    assert response.status_code == 403
    assert READ not in response.text


def test_health_and_metrics_need_no_token(client: TestClient) -> None:
    assert client.get("/healthz", headers={"Authorization": ""}).json()["status"] == "ok"
    metrics = client.get("/metrics", headers={"Authorization": ""})
    assert "# HELP claimwatch_matches_total" in metrics.text


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/feeds", "/watchlist", "/subscriptions", "/tracked-claims", "/matches", "/deliveries"):
        assert path in paths
