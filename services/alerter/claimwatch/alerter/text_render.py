"""Plain text and HTML renderings of alerts, from jinja2 templates.

The same text rendering is the email's text part and the console notifier's
output. HTML templates are autoescaped.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from claimwatch.alerter.content import (
    INDEPENDENCE_TEXT,
    AlertEvent,
    DigestSummary,
    confidence_text,
    headline,
    match_link,
    short_date,
    source_line,
)
from claimwatch.alerter.headers import text_safe
from claimwatch.common.events import ClaimMatched

_TEMPLATES = Path(__file__).parent / "templates"


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["clean"] = text_safe
    env.filters["safe_href"] = _safe_href
    return env


def _safe_href(url: str) -> str:
    # Only web links become clickable; javascript: and friends stay text.
    stripped = url.strip()
    return stripped if stripped.lower().startswith(("http://", "https://")) else ""


def _side(side: Any) -> dict[str, Any]:
    return {
        "sentence": side.sentence,
        "source": source_line(side),
        "url": side.article_url,
        "title": side.title or side.article_url,
        "claim": side.claim,
    }


def event_view(event: AlertEvent, public_url: str) -> dict[str, Any]:
    """The template context for one event."""
    if isinstance(event, ClaimMatched):
        return {
            "kind": "match",
            "headline": headline(event),
            "relation": event.relation,
            "new": _side(event.new),
            "stored": _side(event.stored),
            "explanation": event.explanation,
            "confidence": confidence_text(event.confidence),
            "independence": INDEPENDENCE_TEXT.get(event.independence, event.independence),
            "link": match_link(public_url, event.match_id),
        }
    return {
        "kind": "mention",
        "headline": headline(event),
        "title": event.title or event.article_url,
        "url": event.article_url,
        "outlet": event.outlet or "unknown outlet",
        "date": short_date(event.published),
        "entities": ", ".join(event.entities),
        "sentences": list(event.sentences[:3]),
        "link": event.article_url,
    }


def _render(name: str, **context: Any) -> str:
    return _environment().get_template(name).render(**context)


def render_text(event: AlertEvent, public_url: str) -> str:
    return _render("alert.txt.j2", items=[event_view(event, public_url)], digest_title=None)


def render_html(event: AlertEvent, public_url: str) -> str:
    return _render("alert.html.j2", items=[event_view(event, public_url)], digest_title=None)


def render_digest_text(summary: DigestSummary, public_url: str) -> str:
    items = [event_view(e, public_url) for e in summary.events]
    return _render("alert.txt.j2", items=items, digest_title=summary.title)


def render_digest_html(summary: DigestSummary, public_url: str) -> str:
    items = [event_view(e, public_url) for e in summary.events]
    return _render("alert.html.j2", items=items, digest_title=summary.title)
