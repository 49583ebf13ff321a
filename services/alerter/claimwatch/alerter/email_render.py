"""Build the email for a delivery: multipart text + HTML, safe headers.

Subject names the relation and the entities; `Message-ID` is derived from the
delivery's dedupe key so a resend carries the same id (mail systems drop the
duplicate); `List-Unsubscribe` points at the subscription in the API.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from claimwatch.alerter.content import AlertEvent, DigestSummary, headline, unsubscribe_link
from claimwatch.alerter.headers import address_safe, header_safe
from claimwatch.alerter.text_render import render_digest_html, render_digest_text, render_html, render_text

SUBJECT_PREFIX = "[claimwatch] "


def subject_for(content: AlertEvent | DigestSummary) -> str:
    text = content.title if isinstance(content, DigestSummary) else headline(content)
    return header_safe(SUBJECT_PREFIX + text, limit=200)


def message_id(dedupe_key: str, sender: str) -> str:
    domain = sender.rsplit("@", 1)[-1] if "@" in sender else "claimwatch.invalid"
    digest = hashlib.sha256(dedupe_key.encode()).hexdigest()[:32]
    return f"<{digest}@{header_safe(domain, 100) or 'claimwatch.invalid'}>"


def build_email(
    content: AlertEvent | DigestSummary,
    *,
    dedupe_key: str,
    sender: str,
    recipients: Sequence[str],
    public_url: str,
    subscription_id: int,
    now: datetime,
) -> EmailMessage:
    """The complete message; raises ValueError when no recipient address is usable."""
    to = [a for a in (address_safe(r) for r in recipients) if a]
    if not to:
        raise ValueError("no usable recipient address")
    if isinstance(content, DigestSummary):
        text = render_digest_text(content, public_url)
        html = render_digest_html(content, public_url)
    else:
        text = render_text(content, public_url)
        html = render_html(content, public_url)
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = subject_for(content)
    msg["From"] = address_safe(sender) or "claimwatch@localhost"
    msg["To"] = ", ".join(to)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id(dedupe_key, sender)
    unsubscribe = header_safe(unsubscribe_link(public_url, subscription_id), 500)
    msg["List-Unsubscribe"] = f"<{unsubscribe}>"
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg
