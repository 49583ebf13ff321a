"""Slack incoming webhooks: Block Kit over HTTPS POST.

Slack answers 200 "ok" when it posted; 429 with Retry-After when we are too
fast; 400/403/404/410 or bodies like `channel_not_found` when the webhook can
never work. At most one message per second goes to one webhook.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time

import httpx

from claimwatch.alerter.content import DigestSummary
from claimwatch.alerter.notifier import content_of
from claimwatch.alerter.ports import DeliveryRecord, SubscriptionRecord
from claimwatch.alerter.ratelimit import KeyedRateLimiter
from claimwatch.alerter.redact import redact_http_client_logs, secret_value
from claimwatch.alerter.slack_render import render_digest, render_event
from claimwatch.common.core.alerts import SendOutcome, classify_slack

log = logging.getLogger(__name__)

_HEADERS = {"Content-Type": "application/json; charset=utf-8"}


class SlackNotifier:
    """Posts to each subscription's webhook with one shared `httpx.AsyncClient`.

    The client is owned by the caller (close it on shutdown); its timeouts
    bound every send, and a whole send is also bounded by `timeout_s`.
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        public_url: str,
        timeout_s: float = 10.0,
        per_webhook_interval_s: float = 1.0,
        limiter: KeyedRateLimiter | None = None,
    ) -> None:
        self._client = client
        self._public_url = public_url
        self._timeout = timeout_s
        self._limiter = limiter or KeyedRateLimiter(per_webhook_interval_s)
        redact_http_client_logs()  # webhook URLs are secrets

    def __repr__(self) -> str:
        return f"SlackNotifier(public_url={self._public_url!r})"

    async def send(self, delivery: DeliveryRecord, subscription: SubscriptionRecord) -> SendOutcome:
        url = secret_value(subscription.slack_webhook_url)
        if not url.startswith(("https://", "http://")):
            return SendOutcome.dead("slack: subscription has no valid webhook URL", broken=True)
        content = content_of(delivery, subscription.name)
        if isinstance(content, DigestSummary):
            message = render_digest(content, self._public_url, subscription.id)
        else:
            message = render_event(content, self._public_url)
        body = json.dumps(message, ensure_ascii=False).encode()
        await self._limiter.acquire(hashlib.sha256(url.encode()).hexdigest())
        started = time.monotonic()
        try:
            response = await _post(self._client, url, body, self._timeout)
        except TimeoutError:
            return SendOutcome.retry(f"slack: no answer within {self._timeout:g}s")
        except httpx.TimeoutException:
            return SendOutcome.retry("slack: timed out")
        except httpx.HTTPError as exc:
            # The exception text may hold the URL; only its type is kept.
            return SendOutcome.retry(f"slack: {type(exc).__name__}")
        outcome = classify_slack(response.status_code, response.text, response.headers.get("retry-after"))
        log.debug("slack delivery %s: %s in %.3fs", delivery.id, outcome.kind, time.monotonic() - started)
        return outcome


async def _post(client: httpx.AsyncClient, url: str, body: bytes, deadline_s: float) -> httpx.Response:
    """POST with a deadline on the whole exchange (httpx's timeouts are per operation)."""
    async with asyncio.timeout(deadline_s):
        return await client.post(url, content=body, headers=_HEADERS)
