"""What a channel's answer means: sent, try again later, or never.

Notifiers turn a response (HTTP status and body, SMTP reply code, a timeout)
into a `SendOutcome`; the retry policy then turns that into a state change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

OutcomeKind = Literal["sent", "retry", "dead"]

# Slack webhook error bodies that mean the webhook itself is unusable.
_SLACK_BROKEN_BODIES = frozenset(
    {
        "invalid_payload",
        "channel_not_found",
        "channel_is_archived",
        "no_service",
        "no_service_id",
        "no_team",
        "team_disabled",
        "invalid_token",
        "action_prohibited",
        "posting_to_general_channel_denied",
        "user_not_found",
    }
)


@dataclass(frozen=True)
class SendOutcome:
    kind: OutcomeKind
    reason: str = ""  # short, safe to store and show: never contains a secret
    retry_after: float | None = None  # seconds the channel asked us to wait
    subscription_broken: bool = False  # the channel itself is unusable until a person fixes it

    @classmethod
    def sent(cls) -> SendOutcome:
        return cls("sent")

    @classmethod
    def retry(cls, reason: str, retry_after: float | None = None) -> SendOutcome:
        return cls("retry", reason, retry_after)

    @classmethod
    def dead(cls, reason: str, *, broken: bool = False) -> SendOutcome:
        return cls("dead", reason, subscription_broken=broken)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds form); None when absent or unparsable."""
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return max(0.0, seconds)


def classify_slack(status: int, body: str, retry_after: str | None = None) -> SendOutcome:
    """Classify a Slack incoming-webhook response."""
    text = body.strip()[:100]
    word = text.split()[0] if text else ""
    if status == 200:
        return SendOutcome.sent()
    if status == 429:
        return SendOutcome.retry("slack: rate limited (429)", parse_retry_after(retry_after))
    if status in (400, 401, 403, 404, 410) or word in _SLACK_BROKEN_BODIES:
        detail = word or "no body"
        return SendOutcome.dead(f"slack: {status} {detail}", broken=True)
    if status in (408, 425) or status >= 500:
        return SendOutcome.retry(f"slack: {status} {word}".rstrip(), parse_retry_after(retry_after))
    return SendOutcome.dead(f"slack: {status} {word}".rstrip())


def classify_smtp_code(code: int, message: str = "") -> SendOutcome:
    """Classify an SMTP reply: 5xx is permanent, 4xx is temporary."""
    detail = " ".join(message.split())[:200]
    reason = f"smtp: {code} {detail}".rstrip()
    if 500 <= code < 600:
        return SendOutcome.dead(reason, broken=True)
    if 400 <= code < 500:
        return SendOutcome.retry(reason)
    return SendOutcome.retry(f"smtp: unexpected reply {code}")
