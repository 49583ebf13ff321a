"""Prints alerts as readable text: the embedded default when no channel is configured."""

from __future__ import annotations

import sys
from typing import TextIO

from claimwatch.alerter.content import DigestSummary
from claimwatch.alerter.notifier import content_of
from claimwatch.alerter.ports import DeliveryRecord, SubscriptionRecord
from claimwatch.alerter.text_render import render_digest_text, render_text
from claimwatch.common.core.alerts import SendOutcome

RULE = "═" * 72


class ConsoleNotifier:
    def __init__(self, stream: TextIO | None = None, *, public_url: str = "http://127.0.0.1:8080") -> None:
        self._stream = stream
        self._public_url = public_url

    async def send(self, delivery: DeliveryRecord, subscription: SubscriptionRecord) -> SendOutcome:
        content = content_of(delivery, subscription.name)
        if isinstance(content, DigestSummary):
            text = render_digest_text(content, self._public_url)
        else:
            text = render_text(content, self._public_url)
        stream = self._stream or sys.stdout
        try:
            stream.write(f"{RULE}\n{text.rstrip()}\n{RULE}\n")
            stream.flush()
        except (OSError, ValueError) as exc:  # closed or broken stream
            return SendOutcome.retry(f"console: {type(exc).__name__}")
        return SendOutcome.sent()
