"""The sync `Store`, awaitable: each call runs in a worker thread.

The event loop of a service must not wait on the database; this wrapper gives
services that want coroutines (the alerter, the poller) exactly that.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any

from claimwatch.common.store.store import Store


class ThreadedStore:
    def __init__(self, store: Store) -> None:
        self.sync = store

    def __getattr__(self, name: str) -> Callable[..., Coroutine[Any, Any, Any]]:
        method = getattr(self.sync, name)
        if not callable(method):
            raise AttributeError(name)

        @functools.wraps(method)
        async def call(*args: Any, **kwargs: Any) -> Any:
            return await asyncio.to_thread(method, *args, **kwargs)

        return call
