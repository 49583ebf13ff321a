"""The claim engine for the watchlist in the store, rebuilt only when it changes.

Services call `current()` for every article; the watchlist is read again after
`invalidate()` (a ConfigChanged event for the watchlist) and the engine rebuilt
only when the entries differ, so edits apply without a restart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.model import ClaimEngine
from claimwatch.common.core.watchlist import Watchlist
from claimwatch.common.watchlist_entries import EntryLike, entries_to_document, watchlist_from_entries


class WatchlistEngine:
    def __init__(self, load_entries: Callable[[], Sequence[EntryLike]]) -> None:
        self._load = load_entries
        self._lock = threading.Lock()
        self._engine: ClaimEngine | None = None
        self._watchlist: Watchlist | None = None
        self._document: object = None
        self._stale = True

    def invalidate(self) -> None:
        self._stale = True

    def current(self) -> ClaimEngine:
        """The engine for the newest watchlist (blocking: call from a thread)."""
        with self._lock:
            if self._stale or self._engine is None:
                entries = self._load()
                document = entries_to_document(entries)
                if document != self._document or self._engine is None:
                    self._watchlist = watchlist_from_entries(entries)
                    self._engine = RuleClaimEngine(self._watchlist)
                    self._document = document
                self._stale = False
            return self._engine

    @property
    def watchlist(self) -> Watchlist:
        self.current()
        assert self._watchlist is not None
        return self._watchlist
