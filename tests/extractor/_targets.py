"""Extraction functions that misbehave on purpose, run inside pool workers.

They live in a module of their own so a spawned worker can import them cheaply.
A URL picks the behaviour; anything else is extracted for real.
"""

from __future__ import annotations

import os
import time

from claimwatch.extractor.pages import PageContent, extract_page


def misbehaving(html: bytes | str, url: str, charset: str | None) -> PageContent:
    if url.startswith("slow:"):
        time.sleep(float(url.removeprefix("slow:")))
        return PageContent(text=f"slept {url}")
    if url == "crash:":
        os._exit(3)
    if url == "pid:":
        return PageContent(text=str(os.getpid()))
    if url == "hog:":
        hog = bytearray(4 * 1024**3)  # more than the worker's address-space cap
        return PageContent(text=str(len(hog)))
    if url == "raise:":
        raise KeyError("boom")
    return extract_page(html, url, charset)
