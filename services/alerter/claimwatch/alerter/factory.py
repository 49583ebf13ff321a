"""Build the alerter's parts from settings: its config and one notifier per configured channel.

Called by a composition root; nothing here runs at import.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO

import httpx

from claimwatch.alerter.alerter import AlerterConfig
from claimwatch.alerter.notifier import Notifier
from claimwatch.alerter.notifiers import ConsoleNotifier, EmailNotifier, SlackNotifier, SmtpConfig
from claimwatch.common.core.alerts import BurstPolicy, RetryPolicy
from claimwatch.common.http.guard import AddressGuard
from claimwatch.common.http.transport import GuardedTransport
from claimwatch.common.settings import Settings


def alerter_config(settings: Settings) -> AlerterConfig:
    return AlerterConfig(
        retry=RetryPolicy(
            base=timedelta(seconds=settings.alert_backoff_base_s),
            cap=timedelta(seconds=settings.alert_backoff_cap_s),
            max_attempts=settings.alert_max_attempts,
        ),
        burst=BurstPolicy(
            max_messages=settings.alert_burst_max,
            window=timedelta(seconds=settings.alert_burst_window_s),
        ),
        stale_after=timedelta(
            seconds=max(settings.alert_stale_after_s, settings.alert_send_timeout_s, settings.smtp_timeout_s)
        ),
    )


def slack_client(settings: Settings) -> httpx.AsyncClient:
    """The HTTP client for webhooks; the caller closes it. No redirects: a webhook answers itself."""
    timeout = httpx.Timeout(settings.alert_send_timeout_s, connect=min(5.0, settings.alert_send_timeout_s))
    # Webhook URLs are user input: the same address guard as every fetch (no private networks
    # unless CLAIMWATCH_ALLOW_NETWORKS opens them).
    transport = GuardedTransport(
        AddressGuard(settings.allow_networks), limits=httpx.Limits(max_connections=20)
    )
    return httpx.AsyncClient(
        transport=transport,
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent},
        trust_env=False,
    )


def build_notifiers(
    settings: Settings, client: httpx.AsyncClient, stream: TextIO | None = None
) -> dict[str, Notifier]:
    """Slack and console always; email when an SMTP host is configured."""
    notifiers: dict[str, Notifier] = {
        "slack": SlackNotifier(
            client, public_url=settings.public_url, timeout_s=settings.alert_send_timeout_s
        ),
        "console": ConsoleNotifier(stream, public_url=settings.public_url),
    }
    if settings.smtp_host:
        smtp = SmtpConfig(
            host=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password,
            start_tls=settings.smtp_starttls,
            use_tls=settings.smtp_use_tls,
            sender=settings.email_from,
            timeout_s=settings.smtp_timeout_s,
        )
        notifiers["email"] = EmailNotifier(smtp, public_url=settings.public_url)
    return notifiers
