"""A first check of URLs users hand the API; the fetcher checks again at connect time."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import HTTPException, status


def check_user_url(url: str) -> None:
    """422 unless `url` is an absolute http(s) URL with a host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "the URL must be absolute and use http or https"
        )
