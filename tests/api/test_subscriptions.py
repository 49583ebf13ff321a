from fastapi.testclient import TestClient

SECRET = "https://hooks.slack.com/services/T000/B000/VERYSECRETTOKEN"


def test_a_webhook_url_is_never_returned(client: TestClient) -> None:
    created = client.post(
        "/subscriptions", json={"name": "desk", "channel": "slack", "slack_webhook_url": SECRET}
    )
    assert created.status_code == 201
    sub_id = created.json()["id"]
    assert created.json()["has_webhook"] is True
    for response in (created, client.get("/subscriptions"), client.get(f"/subscriptions/{sub_id}")):
        assert "VERYSECRETTOKEN" not in response.text
    patched = client.patch(f"/subscriptions/{sub_id}", json={"min_confidence": 0.5})
    assert patched.json()["min_confidence"] == 0.5
    assert "VERYSECRETTOKEN" not in patched.text


def test_a_slack_subscription_needs_a_webhook_and_email_needs_recipients(client: TestClient) -> None:
    assert client.post("/subscriptions", json={"name": "s", "channel": "slack"}).status_code == 422
    assert client.post("/subscriptions", json={"name": "e", "channel": "email"}).status_code == 422
    ok = client.post("/subscriptions", json={"name": "e", "channel": "email", "email_to": ["a@example.org"]})
    assert ok.status_code == 201


def test_a_webhook_that_is_not_http_is_refused(client: TestClient) -> None:
    response = client.post(
        "/subscriptions", json={"name": "s", "channel": "slack", "slack_webhook_url": "file:///etc/passwd"}
    )
    assert response.status_code == 422


def test_quiet_hours_are_validated(client: TestClient) -> None:
    body = {"name": "q", "channel": "console", "quiet_hours": {"start": "25:00", "end": "07:00", "tz": "UTC"}}
    assert client.post("/subscriptions", json=body).status_code == 422


def test_a_missing_subscription_is_404(client: TestClient) -> None:
    assert client.get("/subscriptions/999").status_code == 404
    assert client.delete("/subscriptions/999").status_code == 404
