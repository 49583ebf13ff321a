"""Alert decisions as pure functions: who gets an event, when, and what a send outcome means.

Nothing here does I/O or reads a clock: `now`, randomness and configuration are
passed in, so every decision is a plain function that tests can call directly.
"""

from claimwatch.common.core.alerts.filters import AlertFacts, SubscriptionFilter, accepts, facts_of
from claimwatch.common.core.alerts.grouping import BurstPolicy, GroupPlan, next_digest_flush, plan_group
from claimwatch.common.core.alerts.outcomes import SendOutcome, classify_slack, classify_smtp_code
from claimwatch.common.core.alerts.quiet import QuietHours, quiet_until
from claimwatch.common.core.alerts.retry import Decision, RetryPolicy, backoff_delay, decide

__all__ = [
    "AlertFacts",
    "BurstPolicy",
    "Decision",
    "GroupPlan",
    "QuietHours",
    "RetryPolicy",
    "SendOutcome",
    "SubscriptionFilter",
    "accepts",
    "backoff_delay",
    "classify_slack",
    "classify_smtp_code",
    "decide",
    "facts_of",
    "next_digest_flush",
    "plan_group",
    "quiet_until",
]
