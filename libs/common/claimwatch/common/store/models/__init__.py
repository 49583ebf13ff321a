"""Store models: one SQLModel family per entity (Base, Create, Update, table, Public)."""

from claimwatch.common.store.models.articles import Article, ArticlePublic, ExtractionStatus, MentionRecord
from claimwatch.common.store.models.claims import (
    ClaimKey,
    ClaimPublic,
    ClaimRecord,
    MatchPublic,
    MatchRecord,
    TrackedClaim,
    TrackedClaimCreate,
    TrackedClaimPublic,
)
from claimwatch.common.store.models.feeds import (
    Feed,
    FeedCreate,
    FeedPublic,
    FeedState,
    FeedStatus,
    FeedUpdate,
)
from claimwatch.common.store.models.outbox import (
    DeadLetter,
    DeadLetterPublic,
    Delivery,
    DeliveryKind,
    DeliveryPublic,
    DeliveryState,
)
from claimwatch.common.store.models.subscriptions import (
    Channel,
    QuietHours,
    Subscription,
    SubscriptionCreate,
    SubscriptionPublic,
    SubscriptionUpdate,
    mask_secret_url,
)
from claimwatch.common.store.models.watchlist import (
    EntryKind,
    WatchlistEntry,
    WatchlistEntryCreate,
    WatchlistEntryPublic,
    WatchlistEntryUpdate,
)

__all__ = [
    "Article",
    "ArticlePublic",
    "Channel",
    "ClaimKey",
    "ClaimPublic",
    "ClaimRecord",
    "DeadLetter",
    "DeadLetterPublic",
    "Delivery",
    "DeliveryKind",
    "DeliveryPublic",
    "DeliveryState",
    "EntryKind",
    "ExtractionStatus",
    "Feed",
    "FeedCreate",
    "FeedPublic",
    "FeedState",
    "FeedStatus",
    "FeedUpdate",
    "MatchPublic",
    "MatchRecord",
    "MentionRecord",
    "QuietHours",
    "Subscription",
    "SubscriptionCreate",
    "SubscriptionPublic",
    "SubscriptionUpdate",
    "TrackedClaim",
    "TrackedClaimCreate",
    "TrackedClaimPublic",
    "WatchlistEntry",
    "WatchlistEntryCreate",
    "WatchlistEntryPublic",
    "WatchlistEntryUpdate",
    "mask_secret_url",
]
