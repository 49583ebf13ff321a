import pytest

from claimwatch.common.core.alerts import classify_slack, classify_smtp_code


@pytest.mark.parametrize(
    ("status", "body", "kind", "broken"),
    [
        (200, "ok", "sent", False),
        (429, "rate_limited", "retry", False),
        (500, "internal_error", "retry", False),
        (503, "", "retry", False),
        (400, "invalid_payload", "dead", True),
        (403, "action_prohibited", "dead", True),
        (404, "channel_not_found", "dead", True),
        (404, "no_service", "dead", True),
        (410, "channel_is_archived", "dead", True),
        (413, "too_large", "dead", False),
    ],
)
def test_slack_responses_are_classified(status: int, body: str, kind: str, broken: bool) -> None:
    outcome = classify_slack(status, body)
    assert (outcome.kind, outcome.subscription_broken) == (kind, broken)


def test_slack_429_carries_retry_after_seconds() -> None:
    assert classify_slack(429, "", "12").retry_after == 12.0
    assert classify_slack(429, "", "soon").retry_after is None


def test_smtp_5xx_is_permanent_and_4xx_temporary() -> None:
    assert classify_smtp_code(550, "5.1.1 Mailbox unavailable").kind == "dead"
    assert classify_smtp_code(451, "4.3.0 Try again").kind == "retry"
    assert "550" in classify_smtp_code(550, "x").reason
