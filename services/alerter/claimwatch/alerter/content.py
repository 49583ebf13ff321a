"""What an alert says, independent of the channel: headline, sides, verdict, links.

Every string built here is raw text (possibly hostile: it comes from articles);
each channel's renderer escapes it for its own format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from claimwatch.common.events import ClaimMatched, EvidencePublic, MentionFound

AlertEvent = ClaimMatched | MentionFound

RELATION_TITLES = {"contradicts": "Contradiction", "corroborates": "Corroboration"}
INDEPENDENCE_TEXT = {
    "independent": "independent (different speakers and sources)",
    "echo": "echo (the same speaker said it again)",
    "citation": "citation (one article cites the other)",
}


class PayloadError(ValueError):
    """A delivery's payload is not an event the alerter can render."""


def event_from_payload(kind: str, payload: Mapping[str, Any]) -> AlertEvent:
    try:
        if kind == "mention" or payload.get("type") == "mention.found":
            return MentionFound.model_validate(payload)
        return ClaimMatched.model_validate(payload)
    except ValueError as exc:
        raise PayloadError(f"delivery payload is not a {kind} event: {str(exc).splitlines()[0]}") from exc


def speaker_name(side: EvidencePublic) -> str:
    """A short name for who made the claim: "Sergey Lavrov" -> "Lavrov"; the outlet when it speaks itself."""
    speaker = side.speaker.strip()
    if not speaker or speaker.startswith("outlet:"):
        return speaker.removeprefix("outlet:").strip() or side.outlet or "an unnamed source"
    parts = speaker.split()
    return parts[-1] if len(parts) > 1 else speaker


def topic(entities: Sequence[str], limit: int = 4) -> str:
    names = [e for e in entities if e.strip()]
    if not names:
        return "a watched subject"
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown} and {len(names) - limit} more"


def headline(event: AlertEvent) -> str:
    """E.g. "Contradiction: Lavrov vs Zhuravlev on Russia, Venezuela, military assistance"."""
    if isinstance(event, MentionFound):
        title = event.title or event.article_url
        return f"Mention: {topic(event.entities)} in “{title}”"
    joiner = "vs" if event.relation == "contradicts" else "and"
    who = f"{speaker_name(event.new)} {joiner} {speaker_name(event.stored)}"
    about = event.topic or topic(event.entities)
    return f"{RELATION_TITLES[event.relation]}: {who} on {about}"


def short_date(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "date unknown"


def source_line(side: EvidencePublic) -> str:
    """ "Alexei Zhuravlev · Business Insider · 2025-11-01"."""
    speaker = side.speaker.removeprefix("outlet:").strip() or "unattributed"
    return " · ".join([speaker, side.outlet or "unknown outlet", short_date(side.published)])


def confidence_text(confidence: float) -> str:
    return f"{round(confidence * 100)}%"


def match_link(public_url: str, match_id: int) -> str:
    return f"{public_url.rstrip('/')}/matches/{match_id}"


def deliveries_link(public_url: str, subscription_id: int) -> str:
    return f"{public_url.rstrip('/')}/deliveries?subscription_id={subscription_id}"


def unsubscribe_link(public_url: str, subscription_id: int) -> str:
    return f"{public_url.rstrip('/')}/subscriptions/{subscription_id}"


@dataclass(frozen=True)
class DigestSummary:
    subscription_name: str
    events: tuple[AlertEvent, ...]

    @property
    def title(self) -> str:
        matches = sum(isinstance(e, ClaimMatched) for e in self.events)
        mentions = len(self.events) - matches
        parts = []
        if matches:
            parts.append(f"{matches} match{'es' if matches != 1 else ''}")
        if mentions:
            parts.append(f"{mentions} mention{'s' if mentions != 1 else ''}")
        return f"Digest for {self.subscription_name}: {' and '.join(parts)}"


def digest_line(event: AlertEvent) -> str:
    """One line per event in a digest: the headline and the new sentence."""
    if isinstance(event, MentionFound):
        return headline(event)
    return f"{headline(event)} — “{event.new.sentence}”"
