"""Which subscriptions accept which events.

A subscription filter is plain data; `accepts` is a pure predicate over it and
an event (`ClaimMatched` or `MentionFound`, or their `AlertFacts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from claimwatch.common.events import ClaimMatched, MentionFound

AlertRelation = Literal["corroborates", "contradicts", "mention"]
ALL_RELATIONS: tuple[AlertRelation, ...] = ("corroborates", "contradicts", "mention")


def _norm(value: str) -> str:
    # Case- and hyphen-insensitive, like watchlist matching: "Buk M2E" == "buk-m2e".
    return " ".join(value.replace("-", " ").casefold().split())


@dataclass(frozen=True)
class SubscriptionFilter:
    """What a subscription wants. Empty `relations` or `entities` means "any"."""

    relations: frozenset[str] = frozenset(ALL_RELATIONS)
    entities: frozenset[str] = frozenset()  # canonical names or categories
    min_confidence: float = 0.0
    independent_only: bool = False
    ignore_outlets: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        *,
        relations: Iterable[str] | None = None,
        entities: Iterable[str] | None = None,
        min_confidence: float | None = None,
        independent_only: bool = False,
        ignore_outlets: Iterable[str] | None = None,
    ) -> SubscriptionFilter:
        return cls(
            relations=frozenset(relations) if relations else frozenset(ALL_RELATIONS),
            entities=frozenset(_norm(e) for e in entities or () if e.strip()),
            min_confidence=min_confidence or 0.0,
            independent_only=independent_only,
            ignore_outlets=frozenset(_norm(o) for o in ignore_outlets or () if o.strip()),
        )


@dataclass(frozen=True)
class AlertFacts:
    """The few facts of an event that filters look at."""

    relation: AlertRelation
    entities: tuple[str, ...]
    confidence: float  # mentions count as certain
    independent: bool  # mentions count as independent
    outlets: tuple[str, ...]  # outlets of the article(s) that triggered the event


def facts_of(event: ClaimMatched | MentionFound) -> AlertFacts:
    if isinstance(event, MentionFound):
        entities = (*event.entities, *event.categories)
        return AlertFacts("mention", entities, 1.0, True, (event.outlet,))
    return AlertFacts(
        event.relation,
        tuple(event.entities),
        event.confidence,
        event.independence == "independent",
        (event.new.outlet,),
    )


def accepts(subscription_filter: SubscriptionFilter, event: ClaimMatched | MentionFound | AlertFacts) -> bool:
    """True when a subscription with this filter should be alerted about `event`.

    The outlet filter looks at the new article only: a stored claim from an
    ignored outlet may still be contradicted by a new one worth seeing.
    """
    facts = event if isinstance(event, AlertFacts) else facts_of(event)
    flt = subscription_filter
    if facts.relation not in flt.relations:
        return False
    if facts.relation != "mention":
        if facts.confidence < flt.min_confidence:
            return False
        # Independence says something about corroborations only; a contradiction
        # from the same speaker is still news.
        if flt.independent_only and facts.relation == "corroborates" and not facts.independent:
            return False
    if flt.entities and not flt.entities.intersection(_norm(e) for e in facts.entities):
        return False
    return not any(_norm(o) in flt.ignore_outlets for o in facts.outlets if o)
