"""Keep secrets out of logs, errors and reprs."""

from __future__ import annotations

import logging
import re
from typing import Any

from pydantic import SecretStr

_URL = re.compile(r"(?P<scheme>https?)://(?P<host>[^/\s:@]+(?::\d+)?)(?P<rest>[^\s'\"<>]*)", re.IGNORECASE)
_USERINFO = re.compile(r"//[^/\s@]+@")


def redact_urls(text: str) -> str:
    """Replace the path and query of every URL (where webhook tokens live) with "…"."""
    text = _USERINFO.sub("//", text)
    return _URL.sub(lambda m: f"{m['scheme']}://{m['host']}/…" if m["rest"] else m[0], text)


def secret_value(value: Any) -> str:
    """The plain value of a SecretStr, a plain string, or None."""
    if value is None:
        return ""
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    return str(value)


class RedactUrlsFilter(logging.Filter):
    """Rewrites a record's message with URL paths removed (httpx logs every request URL at INFO)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_urls(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


def redact_http_client_logs() -> None:
    """Install the filter on the HTTP client's loggers, once."""
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactUrlsFilter) for f in logger.filters):
            logger.addFilter(RedactUrlsFilter())
