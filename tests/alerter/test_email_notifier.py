"""The email notifier against a real SMTP server (aiosmtpd)."""

from datetime import UTC, datetime

import pytest
from pydantic import SecretStr

from claimwatch.alerter import Alerter
from claimwatch.alerter.notifiers import EmailNotifier, SmtpConfig
from tests.alerter.fakes import MemoryOutbox, Sub, lavrov_vs_zhuravlev
from tests.fixtures.smtp import SmtpServer

pytestmark = pytest.mark.real

INJECTION = "Oreshnik " + "x" * 60 + " =?utf-8?Q?=0A?=Bcc: victim@evil.example"


def _setup(smtp: SmtpServer, **sub: object) -> tuple[MemoryOutbox, Alerter]:
    store = MemoryOutbox([Sub(1, channel="email", email_to=["analyst@example.org"], **sub)])  # type: ignore[arg-type]
    config = SmtpConfig(
        host=smtp.host,
        port=smtp.port,
        sender="alerts@claimwatch.example",
        timeout_s=3,
        password=SecretStr("pw"),
    )
    notifier = EmailNotifier(config, public_url="http://claimwatch.test")
    return store, Alerter(store, {"email": notifier})


@pytest.mark.parametrize(
    ("mode", "state", "broken"),
    [
        ("accept", "sent", False),
        ("tempfail", "retrying", False),
        ("reject", "dead", True),
        ("drop", "retrying", False),
    ],
)
async def test_every_smtp_answer_ends_in_the_documented_state(
    smtp_server: SmtpServer, mode: str, state: str, broken: bool
) -> None:
    smtp_server.set_mode(mode)  # type: ignore[arg-type]
    store, alerter = _setup(smtp_server)
    await alerter.handle(lavrov_vs_zhuravlev())
    await alerter.dispatch_due(datetime.now(UTC))
    assert store.rows[1].state == state
    assert (store.subscriptions[1].broken_reason is not None) == broken
    assert smtp_server.handler.attempts == 1
    assert len(smtp_server.messages) == (1 if mode == "accept" else 0)


async def test_delivered_email_is_multipart_with_stable_message_id(smtp_server: SmtpServer) -> None:
    _store, alerter = _setup(smtp_server)
    await alerter.handle(lavrov_vs_zhuravlev())
    await alerter.dispatch_due(datetime.now(UTC))
    (mail,) = smtp_server.messages
    msg = mail.message
    assert mail.recipients == ("analyst@example.org",)
    assert msg["Subject"].startswith("[claimwatch] Contradiction: Lavrov vs Zhuravlev")
    assert msg["Message-ID"].endswith("@claimwatch.example>")
    assert msg["List-Unsubscribe"] == "<http://claimwatch.test/subscriptions/1>"
    assert {p.get_content_type() for p in msg.iter_parts()} == {"text/plain", "text/html"}


async def test_header_injection_subject_produces_no_extra_header(smtp_server: SmtpServer) -> None:
    _store, alerter = _setup(smtp_server)
    await alerter.handle(lavrov_vs_zhuravlev(entities=[INJECTION]))
    await alerter.dispatch_due(datetime.now(UTC))
    (mail,) = smtp_server.messages
    head = mail.raw.split(b"\r\n\r\n", 1)[0]
    assert "bcc" not in mail.header_names()
    assert not any(line.lower().startswith(b"bcc") for line in head.split(b"\r\n"))
    assert mail.recipients == ("analyst@example.org",)
    assert "=?" not in mail.message["Subject"]


async def test_unreachable_smtp_server_is_retried_without_leaking_the_password() -> None:
    store = MemoryOutbox([Sub(1, channel="email", email_to=["analyst@example.org"])])
    config = SmtpConfig(host="127.0.0.1", port=1, timeout_s=2, password=SecretStr("hunter2-secret"))
    notifier = EmailNotifier(config, public_url="http://claimwatch.test")
    alerter = Alerter(store, {"email": notifier})
    await alerter.handle(lavrov_vs_zhuravlev())
    await alerter.dispatch_due(datetime.now(UTC))
    assert store.rows[1].state == "retrying"
    assert "hunter2" not in (store.rows[1].last_error or "") + repr(notifier) + repr(config)
