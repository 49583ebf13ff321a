"""What the rule tests share: a claim as a comparable tuple, read from one article."""

from __future__ import annotations

from typing import Any

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.model import ArticleText

# Actors and items of the arms trade that several rule tests share.
ARMS_TRADE: dict[str, Any] = {
    "systems": [
        {"name": "drones", "aliases": ["UAVs", "unmanned aerial vehicles"], "category": "drone"},
        {"name": "ammunition", "aliases": ["munitions"], "category": "ammunition"},
        {"name": "Abrams", "aliases": ["Abrams tanks"], "category": "tank"},
        {"name": "tanks", "category": "tank"},
    ],
    "actors": [
        {"name": "Russia", "aliases": ["Moscow", "the Kremlin"]},
        {"name": "Iran", "aliases": ["Tehran"], "demonyms": ["Iranian"]},
        {"name": "China", "aliases": ["Beijing"]},
        {"name": "North Korea", "aliases": ["Pyongyang"], "demonyms": ["North Korean"]},
        {"name": "Ukraine", "aliases": ["Kyiv"]},
        {"name": "United States", "aliases": ["US", "U.S.", "Washington"]},
        {"name": "John Kirby", "kind": "person", "aliases": ["Kirby"], "country": "United States"},
    ],
}

Prop = tuple[str, str, str, str, str, str]  # subject, predicate, object, recipient, polarity, modality


def claims_in(engine: RuleClaimEngine, text: str, fragment: str) -> set[Prop]:
    """The claims of one article whose sentence holds `fragment`: what one sentence of it adds."""
    found = engine.extract(ArticleText(url="https://daily.example/a", text=text, outlet="Daily")).claims
    return {
        (c.subject, c.predicate, c.object, c.recipient, c.polarity, c.modality)
        for c in found
        if fragment in c.sentence
    }


def props(engine: RuleClaimEngine, text: str) -> set[Prop]:
    return claims_in(engine, text, "")
