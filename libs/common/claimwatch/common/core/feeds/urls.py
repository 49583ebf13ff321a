"""Canonical URLs: one article, one identity, however a feed spells its link.

`canonicalize_url` lowercases scheme and host, drops default ports, fragments
and tracking parameters, sorts the query and resolves relative links;
`url_hash` is the article's key in the store and on the bus.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}

# Parameters that identify a campaign or a click, never the page.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "wt_mc",
        "cmpid",
        "ocid",
        "ref_src",
    }
)
TRACKING_PREFIXES = ("utm_", "ga_", "pk_", "mtm_", "at_", "itm_")

# Characters a path may keep unescaped (RFC 3986 pchar plus "/").
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_WS = re.compile(r"\s+")
_ABSOLUTE = re.compile(r"^https?://", re.IGNORECASE)
# Already canonical: lowercase http(s) host, no default or odd port, no userinfo, query,
# fragment or escapes. Ports 80 and 443 (default for one scheme or the other) take the general path.
_PLAIN = re.compile(
    r"^https?://[a-z0-9-]+(\.[a-z0-9-]+)*(:(?!80/|443/)([1-5][0-9]{4}|[1-9][0-9]{0,3}))?/[A-Za-z0-9._~/-]*$"
)


class InvalidURL(ValueError):
    """The text is not an absolute http(s) URL, even after resolving it."""


def is_tracking_param(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def _normalise_path(path: str) -> str:
    # Decode then re-encode so "%7E" and "~" (or "a b" and "a%20b") compare equal.
    return quote(unquote(path), safe=_PATH_SAFE) or "/"


def canonicalize_url(url: str, base: str | None = None) -> str:
    """The canonical form of `url` (resolved against `base` when relative).

    Raises InvalidURL when the result is not an absolute http(s) URL.
    """
    text = _WS.sub("", url or "")
    if _PLAIN.match(text):
        return text  # the common case, ~40x cheaper than the general path
    if base and not _ABSOLUTE.match(text):
        text = urljoin(base, text)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:  # e.g. a port that is not a number
        raise InvalidURL(f"not a URL: {url!r}") from exc
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise InvalidURL(f"not an absolute http(s) URL: {url!r}")
    # Credentials (user:pass@) are never part of an article's identity: netloc is rebuilt.
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query_pairs = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)
    ]
    query = urlencode(sorted(query_pairs), quote_via=quote)
    return urlunsplit((scheme, netloc, _normalise_path(parts.path), query, ""))


def url_hash(canonical: str) -> str:
    """sha256 hex of a canonical URL: the article's identity."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
