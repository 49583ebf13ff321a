"""Slack Block Kit messages for matches, mentions and digests.

All text from articles is escaped (`&`, `<`, `>`) so `<!channel>`, `<@U…>` or
`<https://evil|Bank>` show literally and notify nobody. Every section stays
under Slack's 3,000-character limit and a message under 50 blocks; what does
not fit is cut with a link to the full match in the API.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlsplit

from claimwatch.alerter.content import (
    INDEPENDENCE_TEXT,
    AlertEvent,
    DigestSummary,
    confidence_text,
    deliveries_link,
    digest_line,
    headline,
    match_link,
    short_date,
    source_line,
)
from claimwatch.common.events import ClaimMatched, EvidencePublic, MentionFound

SECTION_LIMIT = 3000
FIELD_LIMIT = 2000
HEADER_LIMIT = 150
MAX_BLOCKS = 50
DIGEST_MAX_ITEMS = 20
SENTENCE_LIMIT = 900
URL_LIMIT = 500  # longer article URLs are shown as text, not linked

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

Block = dict[str, Any]


def escape(text: str) -> str:
    """Slack mrkdwn escaping: only these three characters are control characters."""
    return "".join(_ESCAPES.get(ch, ch) for ch in _CONTROL.sub("", text))


def escape_cut(text: str, limit: int) -> str:
    """Escape `text` and cut it so the escaped result fits `limit`, never splitting an entity."""
    out: list[str] = []
    used = 0
    for ch in _CONTROL.sub("", text):
        piece = _ESCAPES.get(ch, ch)
        if used + len(piece) > limit - 1:
            return "".join(out).rstrip() + "…"
        out.append(piece)
        used += len(piece)
    return "".join(out)


def link(url: str, label: str, label_limit: int = 200) -> str:
    """`<url|label>` for http(s) URLs; anything else is shown as escaped text, not linked."""
    safe_label = escape_cut(label, label_limit).replace("|", "¦")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return safe_label
    # Characters that would end or split the link are percent-encoded; & is an entity.
    cleaned = quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~-._")
    if len(cleaned) > URL_LIMIT:
        return safe_label
    return f"<{cleaned.replace('&', '&amp;')}|{safe_label}>"


def _text(text: str, kind: str = "mrkdwn") -> dict[str, Any]:
    return {"type": kind, "text": text}


def _header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": escape_cut(text, HEADER_LIMIT)}}


def _side_field(label: str, side: EvidencePublic) -> dict[str, Any]:
    body = (
        f"*{label}*\n"
        f">{escape_cut(side.sentence, SENTENCE_LIMIT)}\n"
        f"{escape_cut(source_line(side), 300)}\n"
        f"{link(side.article_url, side.title or 'Read the article', 200)}"
    )
    return _text(body)


def match_blocks(event: ClaimMatched, public_url: str) -> list[Block]:
    full = match_link(public_url, event.match_id)
    new_label, stored_label = (
        ("New claim", "Contradicts")
        if event.relation == "contradicts"
        else (
            "New claim",
            "Corroborates",
        )
    )
    explanation = escape_cut(event.explanation, SECTION_LIMIT - 200)
    verdict = INDEPENDENCE_TEXT.get(event.independence, event.independence)
    return [
        _header(headline(event)),
        {
            "type": "section",
            "fields": [_side_field(new_label, event.new), _side_field(stored_label, event.stored)],
        },
        {"type": "section", "text": _text(f"*Why:* {explanation}\n{link(full, 'Full match')}")},
        {
            "type": "context",
            "elements": [
                _text(f"*Confidence:* {confidence_text(event.confidence)}"),
                _text(f"*Independence:* {escape(verdict)}"),
                _text(f"Match {link(full, '#' + str(event.match_id))}"),
            ],
        },
    ]


def mention_blocks(event: MentionFound, public_url: str) -> list[Block]:
    quoted = "\n".join(f">{escape_cut(s, 500)}" for s in event.sentences[:3]) or "_no sentence kept_"
    meta = escape_cut(f"{event.outlet or 'unknown outlet'} · {short_date(event.published)}", 300)
    title = link(event.article_url, event.title or event.article_url, 300)
    return [
        _header(headline(event)),
        {"type": "section", "text": _text(f"{title}\n{meta}\n{quoted}")},
    ]


def digest_blocks(summary: DigestSummary, public_url: str, subscription_id: int) -> list[Block]:
    events = summary.events
    shown = events[:DIGEST_MAX_ITEMS]
    blocks: list[Block] = [_header(summary.title)]
    for event in shown:
        if isinstance(event, ClaimMatched):
            target = link(match_link(public_url, event.match_id), "details")
        else:
            target = link(event.article_url, "article")
        blocks.append(
            {"type": "section", "text": _text(f"• {escape_cut(digest_line(event), 2000)} {target}")}
        )
    if len(events) > len(shown):
        rest = len(events) - len(shown)
        more = link(deliveries_link(public_url, subscription_id), "see them all")
        blocks.append({"type": "context", "elements": [_text(f"…and {rest} more: {more}")]})
    return blocks[:MAX_BLOCKS]


def fallback_text(event_or_title: AlertEvent | str) -> str:
    """The notification text (shown in push notifications and where blocks are not)."""
    text = event_or_title if isinstance(event_or_title, str) else headline(event_or_title)
    return escape_cut(text, 300)


def slack_message(blocks: Sequence[Block], text: str) -> dict[str, Any]:
    return {"text": text, "blocks": list(blocks)[:MAX_BLOCKS], "unfurl_links": False, "unfurl_media": False}


def render_event(event: AlertEvent, public_url: str) -> dict[str, Any]:
    blocks = (
        match_blocks(event, public_url)
        if isinstance(event, ClaimMatched)
        else mention_blocks(event, public_url)
    )
    return slack_message(blocks, fallback_text(event))


def render_digest(summary: DigestSummary, public_url: str, subscription_id: int) -> dict[str, Any]:
    return slack_message(digest_blocks(summary, public_url, subscription_id), fallback_text(summary.title))
