import email
import email.policy
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

import pytest

from claimwatch.alerter.email_render import build_email, message_id, subject_for
from claimwatch.alerter.headers import address_safe, header_safe
from claimwatch.common.events import ClaimMatched
from tests.alerter.fakes import lavrov_vs_zhuravlev

NOW = datetime(2025, 11, 4, 12, 0, tzinfo=UTC)
INJECTION = "Oreshnik " + "x" * 60 + " =?utf-8?Q?=0A?=Bcc: victim@evil.example"


def _build(event: ClaimMatched | None = None, **kw: Any) -> EmailMessage:
    args: dict[str, Any] = {
        "dedupe_key": "sub:1:match:7:email",
        "sender": "alerts@claimwatch.example",
        "recipients": ["analyst@example.org"],
        "public_url": "https://claimwatch.example",
        "subscription_id": 1,
        "now": NOW,
    }
    args.update(kw)
    return build_email(event or lavrov_vs_zhuravlev(), **args)


def _part(msg: EmailMessage, subtype: str) -> str:
    part = msg.get_body((subtype,))
    assert part is not None
    return str(part.get_content())


def test_email_is_multipart_text_and_html_with_subject_naming_relation_and_entities() -> None:
    msg = _build()
    assert msg["Subject"].startswith("[claimwatch] Contradiction: Lavrov vs Zhuravlev on Russia, Venezuela")
    assert msg.get_content_type() == "multipart/alternative"
    text = _part(msg, "plain")
    html = _part(msg, "html")
    assert "Russia does not plan to provide military assistance" in text
    assert "CONTRADICTS" in text and "Confidence: 82%" in text
    assert "<table" in html and "Buk-M2E" in html
    assert msg["List-Unsubscribe"] == "<https://claimwatch.example/subscriptions/1>"


def test_message_id_is_stable_per_delivery() -> None:
    assert _build()["Message-ID"] == _build()["Message-ID"]
    assert message_id("a", "x@d.example") != message_id("b", "x@d.example")
    assert message_id("a", "x@d.example").endswith("@d.example>")


def test_html_part_escapes_article_text() -> None:
    event = lavrov_vs_zhuravlev(explanation="<script>alert(1)</script>")
    html = _build(event)
    body = _part(html, "html")
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_encoded_newline_in_title_cannot_add_a_header() -> None:
    event = lavrov_vs_zhuravlev(entities=[INJECTION])
    raw = _build(event).as_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Bcc"] is None
    assert "=?" not in subject_for(event)
    assert b"\nBcc:" not in raw


def test_header_safe_strips_controls_and_encoded_words() -> None:
    assert header_safe("a\r\nBcc: x@y\x00") == "a Bcc: x@y"
    assert header_safe("=?utf-8?b?Cg==?=hi") == "hi"
    assert header_safe("=?=?utf-8?q?x?=?q?y?=") == "?q?y?="
    assert "=?" not in header_safe("=?=?utf-8?q?x?=?q?y?=")
    assert len(header_safe("x" * 500, 50)) == 50


def test_unusable_recipients_are_refused() -> None:
    assert address_safe("a@b.example\r\nBcc: c@d") == ""
    assert address_safe("a@b.example, c@d.example") == ""
    with pytest.raises(ValueError, match="recipient"):
        _build(recipients=["not-an-address", "x@y\n"])
