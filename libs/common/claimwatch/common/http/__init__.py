"""Guarded HTTP fetching: one shared fetcher for feeds and article pages."""

from claimwatch.common.http.errors import FetchError, FetchErrorKind
from claimwatch.common.http.fetcher import FEED_ACCEPT, HTML_ACCEPT, FetchResult, GuardedFetcher
from claimwatch.common.http.guard import AddressGuard

__all__ = [
    "FEED_ACCEPT",
    "HTML_ACCEPT",
    "AddressGuard",
    "FetchError",
    "FetchErrorKind",
    "FetchResult",
    "GuardedFetcher",
]
