from datetime import timedelta

import httpx

from claimwatch.alerter import alerter_config, build_notifiers
from claimwatch.alerter.notifiers import EmailNotifier
from claimwatch.common.settings import Settings


async def test_notifiers_and_policies_follow_settings() -> None:
    settings = Settings(
        smtp_host="127.0.0.1", alert_max_attempts=4, alert_burst_max=2, alert_burst_window_s=60
    )
    async with httpx.AsyncClient() as client:
        notifiers = build_notifiers(settings, client)
        assert set(notifiers) == {"slack", "console", "email"}
        assert isinstance(notifiers["email"], EmailNotifier)
        assert set(build_notifiers(Settings(), client)) == {"slack", "console"}
    config = alerter_config(settings)
    assert config.retry.max_attempts == 4
    assert (config.burst.max_messages, config.burst.window) == (2, timedelta(seconds=60))
