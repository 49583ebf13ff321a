"""The fetcher's one error type: every network, HTTP and guard failure, with a kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

FetchErrorKind = Literal[
    "bad_url",
    "bad_scheme",
    "blocked_address",
    "dns",
    "connect",
    "timeout",
    "too_large",
    "too_many_redirects",
    "http_status",
    "content_type",
    "content_encoding",
    "network",
]


class FetchError(Exception):
    """A fetch failed. `kind` is stable (metrics, feed health); `message` is for people.

    For kind "http_status", `status` and the response `headers` are set (the
    poller reads Retry-After from them).
    """

    def __init__(
        self,
        kind: FetchErrorKind,
        message: str,
        *,
        url: str = "",
        status: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind: FetchErrorKind = kind
        self.message = message
        self.url = url
        self.status = status
        self.headers: Mapping[str, str] = headers or {}
