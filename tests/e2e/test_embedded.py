"""`claimwatch run` in one process: feed → extractor → alerter → Slack and email, real servers only."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from claimwatch.cli.runtime import run_embedded
from tests.e2e.site import WATCHLIST, publish_seed_site
from tests.fixtures.http import LocalHTTPServer, make_settings
from tests.fixtures.kafka import free_port
from tests.fixtures.slack import FakeSlack
from tests.fixtures.smtp import SmtpServer

pytestmark = [pytest.mark.real, pytest.mark.slow, pytest.mark.timeout(180)]


async def _wait_for(condition, timeout_s: float = 90.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.2)


async def test_embedded_run_alerts_on_slack_and_email_from_a_polled_feed(
    tmp_path: Path, http_server: LocalHTTPServer, slack_server: FakeSlack, smtp_server: SmtpServer
) -> None:
    feed_url = publish_seed_site(http_server)
    api_port = free_port()
    settings = make_settings(
        data_dir=tmp_path / "data",
        feeds=[feed_url],
        watchlist_file=WATCHLIST,
        api_port=api_port,
        slack_webhook_url=slack_server.webhook_url(),
        smtp_host=smtp_server.host,
        smtp_port=smtp_server.port,
        email_to=["analyst@example.org"],
        extract_workers=1,
    )
    stop = asyncio.Event()
    service = asyncio.create_task(run_embedded(settings, stop))
    try:
        # Three seed articles all mention watched things; the third contradicts the first two.
        await _wait_for(lambda: len(slack_server.ok_bodies()) >= 3 and len(smtp_server.messages) >= 3)
        # Lavrov's denial contradicts the delivery claims: a Contradiction alert quoting him.
        await _wait_for(
            lambda: any("Contradiction" in str(b) and "Lavrov" in str(b) for b in slack_server.ok_bodies())
        )
        slack_text = " ".join(str(b) for b in slack_server.ok_bodies())
        assert "Pantsir-S1" in slack_text
        subjects = [m.message["Subject"] for m in smtp_server.messages]
        assert all(s for s in subjects)
        assert {m.recipients for m in smtp_server.messages} == {("analyst@example.org",)}

        token = (settings.data_dir / "api-token").read_text().strip()
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{api_port}") as api:
            assert (await api.get("/healthz")).json()["status"] == "ok"
            metrics = (await api.get("/metrics")).text
            assert 'claimwatch_articles_extracted_total{source="page"} 3.0' in metrics
            assert (await api.get("/articles")).status_code == 401
            articles = (await api.get("/articles", headers={"Authorization": f"Bearer {token}"})).json()
            assert len(articles) == 3
            assert all(a["extraction_status"] == "page" for a in articles)
    finally:
        stop.set()
        await asyncio.wait_for(service, 30)
    # Nothing was sent twice: every Slack message that went out is distinct.
    bodies = [str(b) for b in slack_server.ok_bodies()]
    assert len(bodies) == len(set(bodies))
