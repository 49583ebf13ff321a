"""Make any text safe to put into an email header.

Python's email package (3.11.7 and others) folds long headers by decoding and
re-encoding RFC 2047 encoded words, so `=?utf-8?q?=0A?=Bcc: x@evil` inside a
subject can become a real `Bcc:` header. Anything going into a header loses
control characters and encoded-word sequences first.
"""

from __future__ import annotations

import re

# C0/C1 controls, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# An RFC 2047 encoded word; also its start alone, so a cut one cannot survive.
_ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[A-Za-z]\?[^?\s]*\?=")
_ENCODED_START = re.compile(r"=\?")


def header_safe(text: str, limit: int = 200) -> str:
    """One line of plain text, without controls or encoded words, at most `limit` characters."""
    cleaned = _CONTROL.sub(" ", text)
    previous = None
    while previous != cleaned:  # removing one may join the halves of another
        previous = cleaned
        cleaned = _ENCODED_WORD.sub("", cleaned)
        cleaned = _ENCODED_START.sub("", cleaned)
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return cleaned


def address_safe(address: str) -> str:
    """An email address for To/From, or "" when it holds anything a header must not."""
    value = address.strip(" ")
    if (
        not value
        or _CONTROL.search(value)
        or _ENCODED_START.search(value)
        or any(c in value for c in ",;<>\"'")
    ):
        return ""
    return value if value.count("@") == 1 else ""


def text_safe(text: str) -> str:
    """Body text for terminals and plain-text mail: controls removed except newline and tab."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", text)
