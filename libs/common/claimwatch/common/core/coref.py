"""Generic mentions resolved to the watched system they stand for.

News names a system once and then says "the missiles", "these systems", "Three
squadrons", "the state-of-the-art system" or "Patriot missiles - a system they
refused to sell". Such a phrase is resolved when it is determined (article,
demonstrative, possessive or number, with at most two modifiers) or in apposition
to a system, and the article so far names exactly one system it fits (else the
nearest fitting one when all candidates lie on one line of the hierarchy, or the
only one within a short look-back). Unresolved, a category phrase stays a
category and a bare head ("the units") is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from .folded import Folded
from .model import Mention

LOOKBACK = 400  # characters a determined head may look back for the one system it names
_MOD = (
    r"(?:[a-z]+-[\w-]+|\d[\d,.]*|first|second|third|final|last|remaining|new|additional|promised|advanced"
    r"|modern|older|more|other|two|three|four|five|six|seven|eight|nine|ten|several|few|such|long|short"
    r"|air|missile|defen[cs]e|battle|main|combat|fighter|american|russian|german|american-made|russian-made)"
)
_DETERMINED = Folded(
    r"\b(?:the|these|those|this|that|its|their|our|his|her|both|all|such|each|\d[\d,.]*"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|several|some|more|additional|remaining)"
    rf"\s+(?:{_MOD}\s+){{0,2}}$",
    re.IGNORECASE,
)
_APPOSITION = re.compile(r"(?:\s[-—–]|,)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}$")


def resolve_generic(
    found: Sequence[Mention],
    text: str,
    category_of: Mapping[str, str],
    chain: Callable[[str], tuple[str, ...]],
) -> list[Mention]:
    """Mentions with determined generic phrases replaced by the system they name."""
    out: list[Mention] = []
    for m in found:
        generic = m.kind == "head" or (m.kind == "category" and m.form == "generic")
        if not generic:
            out.append(m)
            continue
        left = text[max(0, m.start - 60) : m.start]
        if out and out[-1].kind == "system" and not text[out[-1].end : m.start].strip():
            continue  # "S-400 units", "Patriot systems": the head belongs to the name before it
        apposed = _APPOSITION.search(left)
        prior = out[-1] if out else None
        if apposed and prior and prior.kind == "system" and prior.end >= m.start - len(apposed.group(0)) - 2:
            out.append(Mention(prior.entity, "system", m.surface, m.start, m.end, "generic"))
            continue
        cats = set(m.entity.split("|")) if m.kind == "head" else {m.entity}
        det = _DETERMINED.search(left)
        target = _antecedent(m, out, cats, category_of, chain) if det else ""
        if det and target:
            start = m.start - len(det.group(0))  # the phrase with its determiner: "the aircraft"
            out.append(Mention(target, "system", text[start : m.end], start, m.end, "generic"))
        elif m.kind == "category":
            out.append(m)
    return out


def _antecedent(
    m: Mention,
    before: Sequence[Mention],
    cats: set[str],
    category_of: Mapping[str, str],
    chain: Callable[[str], tuple[str, ...]],
) -> str:
    fitting = [p for p in before if p.kind == "system" and category_of.get(p.entity) in cats]
    names = list(dict.fromkeys(p.entity for p in reversed(fitting)))  # nearest first
    if len(names) == 1:
        return names[0]
    if names and all(n in chain(names[0]) or names[0] in chain(n) for n in names):
        return names[0]  # "Leopard 2" and "Leopard": one line, take the nearest
    near = {p.entity for p in fitting if p.start >= m.start - LOOKBACK}
    return near.pop() if len(near) == 1 else ""
