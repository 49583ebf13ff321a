"""Find watched systems, actors and categories in text.

One Aho-Corasick automaton over normalised text (lower case, punctuation and
hyphens as spaces, accents folded, ё as е), so the cost per article does not
depend on the number of watched names. Matches must sit on word boundaries:
keys and text are padded with a space, so nothing matches inside a word.
Person surnames written in another romanisation are caught by a bounded fuzzy
look-up: only capitalised words not already matched, compared with the few
watched surnames sharing their first two letters.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick
from rapidfuzz import fuzz

from .coref import resolve_generic
from .knowledge import (
    CATEGORIES,
    GENERIC_HEADS,
    HEAD_FAMILIES,
    TOP_TERMS,
    country_forms,
    plural,
    transliterations,
)
from .model import Mention
from .text import Normalised, normalise, normalise_key
from .watchlist import Watchlist

# A place name followed by one of these is the name of a newspaper or an institute.
_OUTLET_WORD = re.compile(
    r"\s+(?:Post|Times|Examiner|Independent|Herald|Review|Daily|Today|Journal|Institute|Free Beacon)\b"
)
_PRIORITY = {"name": 0, "alias": 1, "metonym": 2, "demonym": 3, "generic": 4, "head": 5}
_FUZZY_MIN = 88.0
_FOLDS = (
    ("yo", "e"),
    ("io", "e"),
    ("ye", "e"),
    ("w", "v"),
    ("kh", "h"),
    ("iy", "y"),
    ("ii", "y"),
    ("ei", "ey"),
)


def _fold(name: str) -> str:
    """One spelling for the romanisations of a Slavic name: Zhuravlyov, Zhurawlev -> zhuravlev."""
    for a, b in _FOLDS:
        name = name.replace(a, b)
    return name


def _skeletons(key: str) -> set[str]:
    """The consonant skeleton and its one-deletion variants: the buckets a surname sits in, so a
    fuzzy look-up compares a word with a handful of names, however many are watched."""
    bones = _VOWELS.sub("", key)
    return {bones} | {bones[:i] + bones[i + 1 :] for i in range(len(bones))}


_VOWELS = re.compile(r"[aeiouy]")
_CAP_WORD = re.compile(r"\b[A-Z\u0410-\u042f][\w'’-]{4,}")


@dataclass(frozen=True)
class _Entry:
    entity: str
    kind: str  # system | actor | category | head
    form: str
    upper: bool = False  # a short all-capitals alias ("US") must be written in capitals
    heads: tuple[str, ...] = ()  # for "the <head>": the categories it may stand for


def _is_demonym(alias: str, known: tuple[str, ...]) -> bool:
    """An alias that is the country's adjective ('Russian', 'Turkish'), however the watchlist files it."""
    return alias in known or (
        alias[:1].isupper() and " " not in alias and alias.endswith(("ian", "ese", "ish"))
    )


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    no_digits = not any(c.isdigit() for c in alias)  # "S-400s" is still the S-400
    return no_digits and 0 < len(letters) <= 4 and all(c.isupper() for c in letters)


class MentionMatcher:
    """Built once per watchlist; `find` is pure and thread-safe."""

    def __init__(self, watchlist: Watchlist) -> None:
        self._watchlist = watchlist
        self._keys: dict[str, _Entry] = {}
        cats = set(watchlist.watched_categories()) | set(CATEGORIES)
        self._category_of = {
            s.name: next((x for x in watchlist.chain(s.name) if x in cats), "") for s in watchlist.systems
        }
        self._surnames: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._prefixes: set[str] = set()  # first two letters of watched surnames: a cheap first filter
        self._add_all()
        self._automaton = ahocorasick.Automaton()
        for key, entry in self._keys.items():
            # Padded with spaces, a key matches on word boundaries only: no hit inside a word.
            self._automaton.add_word(f" {key} ", (len(key), entry))
        if self._keys:
            self._automaton.make_automaton()

    def _add(self, surface: str, entry: _Entry, plurals: bool = False) -> None:
        entry = _Entry(entry.entity, entry.kind, entry.form, _is_acronym(surface), entry.heads)
        keys = {normalise_key(surface)}
        squeezed = normalise_key(surface).replace(" ", "")
        if any(c.isdigit() for c in surface):
            keys.add(squeezed)  # "Su-30MK2" is also written "Su30MK2"
        if plurals:
            keys |= {k + "s" for k in list(keys)} | {plural(k) for k in list(keys)}
        for key in keys:
            if not key:
                continue
            old = self._keys.get(key)
            if old is None or _PRIORITY[entry.form] < _PRIORITY[old.form]:
                self._keys[key] = entry

    def _add_all(self) -> None:
        w = self._watchlist
        for s in w.systems:
            self._add(s.name, _Entry(s.name, "system", "name"), plurals=True)
            for alias in s.aliases:
                self._add(alias, _Entry(s.name, "system", "alias"), plurals=True)
        for a in w.actors:
            self._add(a.name, _Entry(a.name, "actor", "name"))
            aliases, demonyms, metonyms = country_forms(a.name) if a.kind == "country" else ((), (), ())
            for x in (*a.aliases, *aliases):
                form = "demonym" if a.kind == "country" and _is_demonym(x, demonyms) else "alias"
                self._add(x, _Entry(a.name, "actor", form))
            for x in metonyms:
                self._add(x, _Entry(a.name, "actor", "metonym"))
            for x in demonyms:
                self._add(x, _Entry(a.name, "actor", "demonym"))
            if a.kind == "person":
                self._add_person(a.name, a.aliases)
        heads: dict[str, list[str]] = defaultdict(list)
        for cat in w.watched_categories():
            terms, cat_heads = CATEGORIES.get(cat) or ((cat,), _family_heads(cat, w))
            for t in (cat, *terms):
                self._add(t, _Entry(cat, "category", "generic"), plurals=True)
            for h in cat_heads:
                heads[h].append(cat)
        for item, terms in TOP_TERMS.items():
            for t in terms:
                self._add(t, _Entry(item, "category", "generic"))
        every = tuple(w.watched_categories())
        for h in GENERIC_HEADS:
            heads[h].extend(every)
        for h, cats in heads.items():
            self._add(h, _Entry("", "head", "head", heads=tuple(dict.fromkeys(cats))), plurals=True)

    def _add_person(self, name: str, aliases: tuple[str, ...]) -> None:
        for full in (name, *aliases):
            if not full.isascii():
                continue
            surname = full.split()[-1]
            for form in {full, surname, *transliterations(full), *transliterations(surname)}:
                if len(form) >= 4:
                    self._add(form, _Entry(name, "actor", "alias"))
            key = _fold(normalise_key(surname))
            if len(key) >= 5:
                self._prefixes.add(key[:2])
                for bucket in _skeletons(key):
                    self._surnames[bucket].append((key, name))

    def find(self, text: str) -> list[Mention]:
        """Mentions in text order, longest match first, none overlapping."""
        norm = normalise(text)
        found = self._exact(norm, text)
        found += self._fuzzy(text, found)
        found.sort(key=lambda m: m.start)
        return self._resolve_heads(found, text)

    def _exact(self, norm: Normalised, text: str) -> list[Mention]:
        hits: list[tuple[int, int, _Entry]] = []
        for end, (length, entry) in self._automaton.iter(f" {norm.text} ") if self._keys else ():
            hits.append((end - length - 1, end - 1, entry))  # end is the padding space after the key
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[Mention] = []
        last = -1
        for s, e, entry in hits:
            if s < last:
                continue
            a, b = norm.span(s, e)
            surface = text[a:b]
            if entry.upper and not all(c.isupper() for c in surface if c.isalpha()):
                continue
            if entry.kind == "actor" and _OUTLET_WORD.match(text, b):
                continue  # "the Washington Post", "the Kyiv Independent": a newspaper, not the place
            last = e
            if entry.kind == "head":
                out.append(Mention("|".join(entry.heads), "head", surface, a, b, "head"))
            else:
                out.append(Mention(entry.entity, entry.kind, surface, a, b, entry.form))
        return out

    def _fuzzy(self, text: str, found: list[Mention]) -> list[Mention]:
        if not self._surnames:
            return []
        starts = [m.start for m in found]  # found is sorted and non-overlapping
        out = []
        prefixes = self._prefixes
        for m in _CAP_WORD.finditer(text):
            word = m.group(0)
            if word[:2].lower() not in prefixes and word.isascii():
                continue  # most capitalised words: no watched surname starts like them
            word = word.removesuffix("'s").removesuffix("’s")
            if word[:2].lower() not in prefixes and word.isascii():
                continue
            i = bisect_left(starts, m.end())
            if i and found[i - 1].end > m.start():
                continue
            key = _fold(word.lower() if word.isascii() else normalise_key(word))
            if len(key) < 5 or not key.isalnum():
                continue
            candidates = {c for b in _skeletons(key) for c in self._surnames.get(b, ())}
            best = max(
                ((fuzz.ratio(key, k), n) for k, n in candidates if abs(len(k) - len(key)) <= 2),
                default=(0.0, ""),
            )
            if best[0] >= _FUZZY_MIN:
                out.append(Mention(best[1], "actor", word, m.start(), m.start() + len(word), "fuzzy"))
        return out

    def _resolve_heads(self, found: list[Mention], text: str) -> list[Mention]:
        return resolve_generic(found, text, self._category_of, self._watchlist.chain)


def _family_heads(cat: str, w: Watchlist) -> tuple[str, ...]:
    """Heads for a category the watchlist names itself: the families its words belong to."""
    names = [cat, *(n for s in w.systems if s.category == cat for n in (s.name, *s.aliases))]
    words = {x.rstrip("s") for n in names for x in re.split(r"[\s-]+", n.lower())}
    return tuple(h for family in HEAD_FAMILIES if words & set(family) for h in family)
