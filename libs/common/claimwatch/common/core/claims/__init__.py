"""Claims: sentences to propositions, comparison, explanation."""

from .engine import RuleClaimEngine, outlet_of, parse_tracked_claim

__all__ = ["RuleClaimEngine", "outlet_of", "parse_tracked_claim"]
