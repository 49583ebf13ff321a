"""Explicit times in a sentence, normalised: "on 12 July 2019" -> "2019-07-12".

The first time expression of a sentence is its claim's `when`, in the most precise form written:
a day ("2019-07-12"), two days ("on 26 and 29 October" -> "2025-10-26/2025-10-29"), a month
("2019-07"), a year ("2019"). A date without a year takes the year of the article's publication
(the year before when that would put it more than a month after publication). Relative words
("on Saturday", "yesterday", "last month") are resolved against the publication date when it
is known, else kept as written. Nothing else is read: "recently", "soon" and "in the coming
weeks" are left unsaid.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MON = r"(?P<{}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<{}>(?:19|20)\d\d)"
_PATTERNS = [
    # 2019-07-12
    ("iso", r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"),
    # 26 and 29 October 2025, 26-29 October
    (
        "range_dm",
        _D.format("d")
        + r"\s*(?:and|to|-|–)\s*"
        + _D.format("d2")
        + r"\s+(?:of\s+)?"
        + _MON.format("m")
        + r"(?:,?\s+"
        + _Y.format("y")
        + r")?",
    ),
    # October 26 and 29, 2025
    (
        "range_md",
        _MON.format("m")
        + r"\s+"
        + _D.format("d")
        + r"\s*(?:and|to|-|–)\s*"
        + _D.format("d2")
        + r"(?:,?\s+"
        + _Y.format("y")
        + r")?",
    ),
    # 12 July 2019, 12th of July
    ("dm", _D.format("d") + r"\s+(?:of\s+)?" + _MON.format("m") + r"(?:,?\s+" + _Y.format("y") + r")?"),
    # July 12, 2019; July 12
    ("md", _MON.format("m") + r"\s+" + _D.format("d") + r"(?!\d)(?:,?\s+" + _Y.format("y") + r")?"),
    # July 2019, July of 2019
    ("my", _MON.format("m") + r"\s+(?:of\s+)?" + _Y.format("y")),
    # in 2019
    ("y", _Y.format("y")),
    (
        "rel",
        r"(?P<rel>yesterday|today|last\s+(?:week|month|year)|this\s+(?:month|year)|(?:on\s+|last\s+)?"
        r"(?P<wd>" + "|".join(_DAYS) + r"))",
    ),
]
# All shapes in one pattern, each group named after its shape; at a position the first shape listed
# wins. It runs on lowered text, which keeps positions and is faster than IGNORECASE.
_TIME = re.compile(
    r"(?<![\w.,$/-])(?:"
    + "|".join(f"(?P<{kind}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{kind}>", p) + ")" for kind, p in _PATTERNS)
    + r")(?![\w/-]|\.\d|,\d)"
)
# A bare year must not be a count ("2000 troops").
_NOT_AFTER_YEAR = re.compile(r"\s*(?:%|percent|per\s+cent|units|troops|tanks|km|kilomet|miles|people)")
# What every time the pattern reads holds: a relative word, a year, or a day's number beside a
# month. Most sentences hold none ("S-400", "Il-76") and are skipped far more cheaply than the
# pattern could be run over them.
_RELATIVE = ("day", "last week", "last month", "last year", "this month", "this year")
_MONTH_CUES = tuple(sorted({m[:3] for m in _MONTHS}))
_DIGITS = re.compile(r"\d+")


def _may_hold_time(low: str) -> bool:
    if any(w in low for w in _RELATIVE):
        return True
    for m in _DIGITS.finditer(low):
        run = m.group()
        if len(run) == 4 and run[:2] in ("19", "20"):
            return True
        if len(run) <= 2:
            near = low[max(0, m.start() - 12) : m.end() + 14]
            if any(month in near for month in _MONTH_CUES):
                return True
    return False


def time_of(sentence: str, published: datetime | None = None) -> str:
    """The sentence's first explicit time, normalised; "" when it names none."""
    low = sentence.lower()
    if len(low) != len(sentence) or not _may_hold_time(low):
        return ""  # (a text whose lower case changes length: too rare to read)
    today = published.date() if published else None
    for m in _TIME.finditer(low):
        kind = m.lastgroup or ""
        groups = {
            k.removesuffix(f"_{kind}"): v or "" for k, v in m.groupdict().items() if k.endswith(f"_{kind}")
        }
        when = _normalise(kind, m, groups, sentence, today)
        if when:
            return when
    return ""


def complete_day(when: str) -> date | None:
    """The day a `when` names exactly ("2019-07-12"), else None (a month, a range, words)."""
    if len(when) != 10:
        return None
    try:
        return date.fromisoformat(when)
    except ValueError:
        return None


def _normalise(kind: str, m: re.Match[str], g: dict[str, str], sentence: str, today: date | None) -> str:
    written = sentence[m.start() : m.end()]  # the match read the lowered text
    if kind == "iso":
        return written if complete_day(written) else ""
    if kind == "rel":
        return _relative(g["rel"], g["wd"], today) or re.sub(r"^on\s+", "", written, flags=re.I)
    if kind == "y":
        return "" if _NOT_AFTER_YEAR.match(m.string, m.end()) else g["y"]
    month = _MONTHS[g["m"].rstrip(".")] if g.get("m") else 0
    if kind == "my":
        return f"{g['y']}-{month:02d}"
    days = [int(d) for d in (g.get("d", ""), g.get("d2", "")) if d]
    if not days or not all(1 <= d <= 31 for d in days):
        return ""
    try:
        first = _dated(int(g["y"]) if g.get("y") else None, month, days[0], today)
        if first is None:
            return written.rstrip(".")  # no year written and none to take: as written
        if len(days) == 1:
            return first.isoformat()
        last = first.replace(day=days[1])
    except ValueError:
        return ""  # "31 February": not a date
    return f"{first.isoformat()}/{last.isoformat()}"


def _dated(year: int | None, month: int, day: int, today: date | None) -> date | None:
    if year is not None:
        return date(year, month, day)
    if today is None:
        return None
    found = date(today.year, month, day)
    if found > today + timedelta(days=31):
        found = date(today.year - 1, month, day)  # "on 28 December" in a January article
    return found


def _relative(rel: str, weekday: str, today: date | None) -> str:
    if today is None:
        return ""
    if weekday:
        back = (today.weekday() - _DAYS.index(weekday)) % 7
        return (today - timedelta(days=back or (7 if rel.startswith("last") else 0))).isoformat()
    if rel == "yesterday":
        return (today - timedelta(days=1)).isoformat()
    if rel == "today":
        return today.isoformat()
    if rel.endswith("week"):
        year, week, _ = (today - timedelta(days=7)).isocalendar()
        return f"{year}-W{week:02d}"
    if rel.endswith("month"):
        first = today.replace(day=1)
        return (first - timedelta(days=1) if rel.startswith("last") else first).strftime("%Y-%m")
    return str(today.year - 1 if rel.startswith("last") else today.year)
