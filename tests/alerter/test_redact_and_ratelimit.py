import logging

from claimwatch.alerter.ratelimit import KeyedRateLimiter
from claimwatch.alerter.redact import RedactUrlsFilter, redact_urls


def test_urls_lose_path_query_and_credentials() -> None:
    text = "POST https://hooks.slack.com/services/T0/B0/SECRET?x=1 failed; smtp://user:pw@mail.example"
    redacted = redact_urls(text)
    assert "SECRET" not in redacted and "pw@" not in redacted
    assert "https://hooks.slack.com/…" in redacted


def test_log_filter_rewrites_records_that_carry_urls() -> None:
    record = logging.LogRecord(
        "httpx", logging.INFO, "x", 1, "HTTP Request: POST %s", ("https://h.example/T/B/SECRET",), None
    )
    assert RedactUrlsFilter().filter(record)
    assert "SECRET" not in record.getMessage()


async def test_limiter_spaces_calls_per_key_but_not_across_keys() -> None:
    now = [0.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = KeyedRateLimiter(1.0, clock=lambda: now[0], sleep=sleep)
    await limiter.acquire("a")
    await limiter.acquire("b")
    assert slept == []
    now[0] += 0.25
    await limiter.acquire("a")
    assert slept == [0.75]
