"""Text plumbing: a normalised form with an offset map back, sentences, file headers."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import add

_WORD = re.compile(r"[^\W_]+")
_NON_ASCII_WORD = re.compile(r"(?![\x00-\x7f])\w")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACES = re.compile(r" {2,}")


@dataclass(frozen=True)
class Normalised:
    """Lower-case words of a text joined by single spaces (punctuation, hyphens and spaces
    all count as one separator; accents folded; ё as е), with the way back to the original.

    Piece i (a word, or a stretch of words at one offset) starts at `starts[i]` in the
    normalised text and at `origins[i]` in the original; `maps` holds a per-character map
    only for the rare words whose folding changed length.
    """

    text: str
    starts: tuple[int, ...]
    origins: tuple[int, ...]
    maps: dict[int, tuple[int, ...]]

    def _orig(self, pos: int) -> int:
        i = bisect_right(self.starts, pos) - 1
        delta = pos - self.starts[i]
        char_map = self.maps.get(i)
        return self.origins[i] + (char_map[delta] if char_map else delta)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of normalised characters [start, end)."""
        return self._orig(start), self._orig(end - 1) + 1


def _fold_word(word: str) -> tuple[str, tuple[int, ...] | None]:
    low = word.lower()
    if low.isascii():
        return low, None
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(low.replace("ё", "е")):
        for c in unicodedata.normalize("NFKD", ch):
            if not unicodedata.combining(c):
                out.append(c)
                origin.append(i)
    folded = "".join(out)
    return folded, (None if len(folded) == len(word) else tuple(origin))


def normalise(text: str) -> Normalised:
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lower case is longer: fold word by word
        return _normalise_slow(text)
    chars = set(low)
    plain = _normalise_plain(low, chars)
    if all(c.isascii() or not c.isalnum() for c in chars):
        return plain
    # Fold the few words with accents ("Nicolás") in place while their length stays the same.
    starts, origins = plain.starts, plain.origins
    folded = plain.text
    done: set[int] = set()
    for m in _NON_ASCII.finditer(low):
        if not m.group().isalnum():
            continue  # quotes and dashes are separators
        start = m.start()
        while start and low[start - 1].isalnum():
            start -= 1
        if start in done:
            continue
        done.add(start)
        end = _WORD.match(low, start).end()  # type: ignore[union-attr]
        word, char_map = _fold_word(low[start:end])
        if char_map is not None:
            return _normalise_words(low)  # folding changed a word's length: map it char by char
        i = bisect_right(origins, start) - 1
        at = starts[i] + start - origins[i]
        folded = folded[:at] + word + folded[at + len(word) :]
    return Normalised(folded, starts, origins, {})


def _normalise_words(low: str) -> Normalised:
    found = list(_WORD.finditer(low))
    origins = tuple(map(re.Match.start, found))  # map over a C method: no per-word Python frame
    words = list(map(re.Match.group, found))
    maps: dict[int, tuple[int, ...]] = {}
    for i in {bisect_right(origins, m.start()) - 1 for m in _NON_ASCII_WORD.finditer(low)}:
        words[i], char_map = _fold_word(words[i])
        if char_map is not None:
            maps[i] = char_map
    return Normalised(" ".join(words), _starts(words), origins, maps)


def _normalise_plain(low: str, chars: set[str]) -> Normalised:
    """Every separator a space (one C scan per distinct character), runs of spaces collapsed; the
    offset back to the original changes only after separators longer than one ("., ", " - ")."""
    for c in chars:
        if c != " " and not c.isalnum():  # what regex \W and "_" match: punctuation, quotes, newlines
            low = low.replace(c, " ")
    shift = len(low) - len(low.lstrip(" "))  # the separators before the first word are dropped
    starts, origins = [0], [shift]
    for gap in _SPACES.finditer(low, shift):
        shift += gap.end() - gap.start() - 1
        starts.append(gap.end() - shift)
        origins.append(gap.end())
    return Normalised(" ".join(low.split()), tuple(starts), tuple(origins), {})


def _starts(words: list[str]) -> tuple[int, ...]:
    """Where each word begins once joined by single spaces."""
    return tuple(map(add, accumulate(map(len, words[:-1]), initial=0), range(len(words))))


def _normalise_slow(text: str) -> Normalised:
    found = list(_WORD.finditer(text))
    origins = tuple(m.start() for m in found)
    folded = [(w.lower(), None) if w.isascii() else _fold_word(w) for w in (m.group(0) for m in found)]
    words = [w for w, _ in folded]
    maps = {i: char_map for i, (_, char_map) in enumerate(folded) if char_map is not None}
    starts = tuple(accumulate((len(w) + 1 for w in words[:-1]), initial=0)) if words else ()
    return Normalised(" ".join(words), starts, origins, maps)


def normalise_key(text: str) -> str:
    return normalise(text).text.strip()


# Sentence ends: . ! ? (maybe a closing quote) then space then a capital, digit or opening quote,
# unless the word before the stop is a known abbreviation or an initial.
_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘'(A-Z0-9\u0400-\u042f])")
_ABBREV = re.compile(
    r"(?:\b(?:U\.S|U\.K|U\.N|E\.U|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Adm|St|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul"
    r"|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Ltd|Co|vs|etc|approx|est)|\b[A-Z])$"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text`: paragraphs split on newlines, then on sentence ends."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cut = start
        for m in _END.finditer(line):
            if _ABBREV.search(line[max(0, m.start() - 12) : m.start()]):
                continue
            spans.append((cut, start + m.start() + len(m.group(0).rstrip())))
            cut = start + m.end()
        spans.append((cut, start + len(line)))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_HEADER_LINE = re.compile(r"^[A-Za-z_]+\s*:")


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """An optional header of `key: value` lines closed by `---`, and the body after it."""
    lines = raw.splitlines()
    if "---" not in lines[:20]:
        return {}, raw
    cut = lines.index("---")
    head = lines[:cut]
    if not head or not all(_HEADER_LINE.match(ln) for ln in head if ln.strip()):
        return {}, raw
    meta = {}
    for ln in head:
        if ":" in ln:
            key, value = ln.split(":", 1)
            meta[key.strip().lower()] = value.strip()
    return meta, "\n".join(lines[cut + 1 :])
