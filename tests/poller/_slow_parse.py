"""A feed parser that is slow on purpose, run inside parse workers (importable by spawned processes)."""

from __future__ import annotations

import time
from collections.abc import Mapping

from claimwatch.poller.parsing import Reply, parse_reply


def slow_on_marker(body: bytes, url: str, headers: Mapping[str, str]) -> Reply:
    """Hangs on a feed containing `slow-parse` (as feedparser can on a hostile one); parses others."""
    if b"slow-parse" in body:
        time.sleep(60)
    return parse_reply(body, url, headers)
