"""Email over SMTP with aiosmtplib: 5xx replies are permanent, 4xx and drops temporary."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import aiosmtplib
from pydantic import SecretStr

from claimwatch.alerter.email_render import build_email
from claimwatch.alerter.notifier import content_of
from claimwatch.alerter.ports import DeliveryRecord, SubscriptionRecord
from claimwatch.common.core.alerts import SendOutcome, classify_smtp_code

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 25
    username: str = ""
    password: SecretStr | None = field(default=None, repr=False)
    start_tls: bool = False
    use_tls: bool = False
    sender: str = "claimwatch@localhost"
    timeout_s: float = 30.0


class EmailNotifier:
    """One SMTP connection per message: simple, and nothing half-open to recover."""

    def __init__(
        self, config: SmtpConfig, *, public_url: str, clock: Callable[[], datetime] | None = None
    ) -> None:
        self._config = config
        self._public_url = public_url
        self._clock = clock or (lambda: datetime.now(UTC))

    def __repr__(self) -> str:
        return f"EmailNotifier(host={self._config.host!r}, port={self._config.port})"

    async def send(self, delivery: DeliveryRecord, subscription: SubscriptionRecord) -> SendOutcome:
        cfg = self._config
        content = content_of(delivery, subscription.name)
        try:
            message = build_email(
                content,
                dedupe_key=delivery.dedupe_key,
                sender=cfg.sender,
                recipients=list(subscription.email_to or ()),
                public_url=self._public_url,
                subscription_id=subscription.id,
                now=self._clock(),
            )
        except ValueError as exc:
            return SendOutcome.dead(f"email: {exc}", broken=True)
        try:
            async with asyncio.timeout(cfg.timeout_s + 5):
                await aiosmtplib.send(
                    message,
                    hostname=cfg.host,
                    port=cfg.port,
                    username=cfg.username or None,
                    password=cfg.password.get_secret_value() if cfg.password else None,
                    start_tls=cfg.start_tls,
                    use_tls=cfg.use_tls,
                    timeout=cfg.timeout_s,
                )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [r.code for r in exc.recipients] or [550]
            return classify_smtp_code(min(codes), "all recipients refused")
        except aiosmtplib.SMTPResponseException as exc:
            return classify_smtp_code(exc.code, exc.message)
        except (aiosmtplib.SMTPTimeoutError, TimeoutError):
            return SendOutcome.retry(f"smtp: no answer within {cfg.timeout_s:g}s")
        except (aiosmtplib.SMTPException, OSError) as exc:
            # Dropped connections, refused connects: temporary. Credentials are not in these messages.
            return SendOutcome.retry(f"smtp: {type(exc).__name__}")
        return SendOutcome.sent()
