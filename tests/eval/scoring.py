"""Claim-level scoring of replay matches against the dev set's labelled claims.

Labels pin each claim an article makes to a verbatim anchor in one sentence
(see tests/data/devset/README.md). Relations are derived from the labels, never
listed, so an engine is judged on the sentences it actually pairs:

- same proposition: same act, `from` and `to`, items on one line of the hierarchy;
- contradicts: opposite polarity, and the denied item is the asserted one or above it;
- corroborates: same polarity.

A derivation is *required* (counted for recall) for a contradiction when neither side is
possible/unsure and it is not a denied past against a plan; for a corroboration when both
sides have the same, sure modality and the items are at most one level apart. Others are
acceptable: right when reported, never demanded. A replay line is right when both of its
sentences map to labelled claims of two different articles and some pair of those claims
derives the line's relation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

TOP = ("weapons", "military assistance")
RELATIONS = ("corroborates", "contradicts")
SOFT = {"possible", "unsure"}
MAX_SENTENCE = 600  # evidence longer than this is a paragraph, not a sentence: it maps to nothing

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"'})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def norm(text: str) -> str:
    text = _DASHES.sub("-", text.lower().translate(_QUOTES)).replace("«", '"').replace("»", '"')
    return " ".join(text.split())


@dataclass(frozen=True)
class Label:
    id: str
    file: str  # the article file name
    anchor: str
    frm: str
    act: str
    item: str
    to: str
    polarity: str
    modality: str
    speaker: str


def chains(watchlist: Mapping[str, Any]) -> dict[str, list[str]]:
    """item -> the item and everything above it, nearest first."""
    up: dict[str, str] = {"weapons": "military assistance", "non-lethal aid": "military assistance"}
    for s in watchlist.get("systems") or []:
        parent = s.get("variant_of") or s.get("category")
        if parent and parent != s["name"]:
            up[s["name"]] = parent
        cat = s.get("category")
        if cat and cat not in TOP:
            up.setdefault(cat, "weapons")

    def chain(x: str) -> list[str]:
        out = [x]
        while out[-1] in up and up[out[-1]] not in out:
            out.append(up[out[-1]])
        if out[-1] not in TOP and x != "non-lethal aid":
            out += [t for t in TOP if t not in out]
        return out

    return {n: chain(n) for n in {*up, *up.values()}}


def load_labels(data: Mapping[str, Any]) -> list[Label]:
    files = [str(f) for f in data["files"]]
    out = []
    for c in data["claims"]:
        name = next(f for f in files if f.startswith(str(c["file"])))
        out.append(
            Label(
                str(c["id"]),
                name,
                c["anchor"],
                c["from"],
                c["act"],
                c["item"],
                c["to"],
                str(c["polarity"]),
                c.get("modality", "asserted"),
                c.get("speaker") or "",
            )
        )
    return out


def derive(a: Label, b: Label, up: Mapping[str, list[str]]) -> tuple[str, bool] | None:
    """(relation, required) between a later label `a` and an earlier one `b`, or None."""
    if a.file == b.file or (a.act, a.frm, a.to) != (b.act, b.frm, b.to):
        return None
    ca, cb = up.get(a.item, [a.item, *TOP]), up.get(b.item, [b.item, *TOP])
    if a.item == b.item:
        steps = 0
    elif a.item in cb:
        steps = cb.index(a.item)
    elif b.item in ca:
        steps = ca.index(b.item)
    else:
        return None
    if a.polarity == b.polarity:
        return "corroborates", a.modality == b.modality and a.modality != "unsure" and steps <= 1
    neg, pos = (a, b) if a.polarity == "-" else (b, a)
    if neg.item not in up.get(pos.item, [pos.item, *TOP]):
        return None  # a narrower denial says nothing of a broader assertion
    soft = bool({a.modality, b.modality} & SOFT)
    return "contradicts", not soft and not (pos.modality == "planned" and neg.modality == "asserted")


@dataclass
class Score:
    lines: int = 0
    right: int = 0
    unmapped: int = 0
    wrong: int = 0
    required: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RELATIONS, 0))
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RELATIONS, 0))
    echo_scored: int = 0
    echo_right: int = 0

    def add(self, other: Score) -> None:
        for name in ("lines", "right", "unmapped", "wrong", "echo_scored", "echo_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for r in RELATIONS:
            self.required[r] += other.required[r]
            self.found[r] += other.found[r]

    def recall(self, relation: str) -> float:
        return self.found[relation] / self.required[relation] if self.required[relation] else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.lines if self.lines else 0.0


def _labels_in(sentence: str, file: str, labels: Sequence[Label]) -> list[Label]:
    s = norm(sentence)
    if not s or len(s) > MAX_SENTENCE:
        return []
    return [
        c
        for c in labels
        if c.file == file and (norm(c.anchor) in s or (len(s) >= 25 and s in norm(c.anchor)))
    ]


def score(
    labels: Sequence[Label],
    files: Sequence[str],
    watchlist: Mapping[str, Any],
    lines: Iterable[Mapping[str, Any]],
    file_of: Mapping[str, str],
) -> Score:
    """Score replay match objects; `file_of` maps each side's `article` reference to its file name."""
    up = chains(watchlist)
    order = {f: i for i, f in enumerate(files)}
    groups: dict[tuple[str, str], bool] = {}
    echo: dict[tuple[str, str], set[bool]] = {}
    for a in labels:
        for b in labels:
            if order[b.file] >= order[a.file] or (d := derive(a, b, up)) is None:
                continue
            groups[(a.id, d[0])] = groups.get((a.id, d[0]), False) or d[1]
            if d == ("corroborates", True):
                echo.setdefault((a.id, d[0]), set()).add(bool(a.speaker) and a.speaker == b.speaker)
    out = Score()
    found: dict[tuple[str, str], Mapping[str, Any]] = {}
    for line in lines:
        rel = line.get("relation")
        if rel not in RELATIONS:
            continue
        out.lines += 1
        new, old = line["new"], line["stored"]
        fn, fo = file_of.get(new["article"]), file_of.get(old["article"])
        if not fn or not fo or fn == fo:
            out.unmapped += 1
            continue
        if order[fo] > order[fn]:
            fn, fo, new, old = fo, fn, old, new
        pairs = [
            (a, b)
            for a in _labels_in(new["sentence"], fn, labels)
            for b in _labels_in(old["sentence"], fo, labels)
        ]
        if not pairs:
            out.unmapped += 1
            continue
        hits = [a for a, b in pairs if (d := derive(a, b, up)) and d[0] == rel]
        for a in hits:
            found.setdefault((a.id, rel), line)
        out.right += bool(hits)
        out.wrong += not hits
    for (cid, rel), required in groups.items():
        if required:
            out.required[rel] += 1
            out.found[rel] += (cid, rel) in found
    for key, expect in echo.items():
        if key in found and len(expect) == 1:
            out.echo_scored += 1
            out.echo_right += found[key].get("independent") is (not next(iter(expect)))
    return out
