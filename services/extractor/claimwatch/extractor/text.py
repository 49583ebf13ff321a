"""Plain text from the small HTML fragments feeds put in summaries."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]{0,2000}>")
_SPACE = re.compile(r"[ \t\r\f\v]+")


def html_to_text(fragment: str) -> str:
    """Tags dropped, entities decoded, whitespace folded; bounded regexes only."""
    if not fragment:
        return ""
    text = _TAG.sub(" ", fragment.replace("<br", "\n<br").replace("</p>", "</p>\n"))
    text = html.unescape(text)
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
