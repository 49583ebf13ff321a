"""What the rule tests share: a claim as a comparable tuple, read from one article."""

from __future__ import annotations

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.model import ArticleText

Prop = tuple[str, str, str, str, str, str]  # subject, predicate, object, recipient, polarity, modality


def props(engine: RuleClaimEngine, text: str) -> set[Prop]:
    found = engine.extract(ArticleText(url="https://daily.example/a", text=text, outlet="Daily")).claims
    return {(c.subject, c.predicate, c.object, c.recipient, c.polarity, c.modality) for c in found}
