"""Feed parsing that cannot hang the poller.

Small feeds parse inline (well under a millisecond or two each). A large one
can keep feedparser busy for a long time, and a thread running it could never
be stopped, so large feeds are parsed in a killable worker process
(`claimwatch.common.workers.WorkerPool`) under a time limit that also covers
waiting for a free worker. A feed over the limit fails with
FeedParseError("parse_timeout"); its worker is killed and replaced.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from claimwatch.common.core.feeds.entries import ParsedFeed
from claimwatch.common.feedparse import FeedParseError, parse_feed
from claimwatch.common.workers import WorkerCrashed, WorkerPool, WorkerTimeout

if TYPE_CHECKING:
    from claimwatch.common.settings import Settings

INLINE_PARSE_BYTES = 256 * 1024  # smaller feeds parse in well under a millisecond or two
WORKER_MEMORY_MB = 1024  # address-space cap of a parse worker: a 15 MiB feed needs far less

Reply = tuple[bool, Any, str]  # (True, ParsedFeed, "") or (False, kind, message)
ParseFn = Callable[[bytes, str, Mapping[str, str]], Reply]


def parse_reply(body: bytes, url: str, headers: Mapping[str, str]) -> Reply:
    """`parse_feed` with its error as a value: what a worker process sends back."""
    try:
        return True, parse_feed(body, url, headers), ""
    except FeedParseError as exc:
        return False, exc.kind, str(exc)


class FeedParsing:
    """Parses feeds, large ones in killable workers. One event loop; close when done.

    `workers=0` parses large feeds in a thread instead (it cannot be stopped: a
    timed-out parse there finishes in the background).
    """

    def __init__(
        self,
        *,
        workers: int = 1,
        timeout_s: float = 10.0,
        inline_bytes: int = INLINE_PARSE_BYTES,
        memory_limit_mb: int = WORKER_MEMORY_MB,
        fn: ParseFn = parse_reply,
    ) -> None:
        self._inline_bytes = inline_bytes
        self._timeout_s = timeout_s
        self._fn = fn
        self._pool = WorkerPool(
            fn,
            workers=workers,
            timeout_s=timeout_s,
            memory_limit_mb=memory_limit_mb,
            name="claimwatch-parse",
        )

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> FeedParsing:
        options: dict[str, Any] = {
            "workers": settings.poll_parse_workers,
            "timeout_s": settings.poll_parse_timeout_s,
        }
        options.update(overrides)
        return cls(**options)

    @property
    def restarts(self) -> int:
        """Workers replaced after a timeout or crash."""
        return self._pool.restarts

    async def parse(
        self, body: bytes, url: str, headers: Mapping[str, str], *, timeout_s: float | None = None
    ) -> ParsedFeed:
        """The parsed feed, or FeedParseError (kind `parse_timeout` when over the time limit).

        `timeout_s` shortens the pool's time limit for this feed (never lengthens it).
        """
        if len(body) <= self._inline_bytes:
            ok, value, message = self._fn(body, url, headers)
        else:
            limit = self._timeout_s if timeout_s is None else min(timeout_s, self._timeout_s)
            ok, value, message = await self._in_worker(body, url, dict(headers), limit)
        if ok:
            return value
        raise FeedParseError(value, message)

    async def _in_worker(self, body: bytes, url: str, headers: dict[str, str], limit: float) -> Reply:
        try:
            # The limit covers waiting for a free worker too, so a feed's poll stays bounded.
            async with asyncio.timeout(max(limit, 0.0)):
                reply: Reply = await self._pool.run(body, url, headers, timeout_s=limit, label=url)
        except (WorkerTimeout, TimeoutError):
            raise FeedParseError("parse_timeout", f"parsing took longer than {limit:.3g} s") from None
        except WorkerCrashed as exc:
            raise FeedParseError("parse_crashed", f"the parse worker failed: {exc.message}") from exc
        return reply

    def close(self) -> None:
        self._pool.close()
