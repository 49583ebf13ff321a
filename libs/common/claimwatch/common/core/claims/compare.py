"""Set a new claim against stored ones: keys to find them, rules to relate them, words to say why.

Same proposition = same predicate, subject and recipient, and items on one line
of the hierarchy. Same polarity corroborates; opposite polarity contradicts
when the denied item is the asserted one or above it ("no military assistance"
denies "Pantsir-S1 delivered", not the other way round). A denial of past
transfers says nothing of a plan; a doubt is never corroborated, and a
possibility only by another possibility. Two tellings of one event that state incompatible values
(dates, totals: `values`) contradict instead of corroborating. Same speaker is an echo; one side
citing the other's outlet is a citation. How likely a match is to be right, and which are too
unlikely to emit, is `confidence`'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from ..knowledge import TOP_ITEMS
from ..model import Claim, Independence, Match, Relation
from ..watchlist import Watchlist
from .confidence import MIN_CONFIDENCE, Named, confidence, memo
from .speakers import same_source
from .values import Quantity, conflict

# A body that speaks for its country's government.
_GOVERNMENT = re.compile(
    r"\b(?:ministry|government|spokes(?:man|woman|person)|foreign office|state department|embassy|cabinet)\b",
    re.IGNORECASE,
)
_SYNDICATED = 90.0  # sentences this similar are one text republished, never two witnesses
# predicate -> (base verb, past tense, preposition before the recipient)
_VERBS = {
    "transfer": ("transfer", "transferred", "to"),
    "request": ("request", "requested", "from"),
    "deploy": ("deploy", "deployed", "to"),
    "use": ("use", "used", "against"),
    "produce": ("produce", "produced", "in"),
    "train": ("train", "trained", "for"),
    "possess": ("operate", "operates", ""),
    "sanction": ("sanction", "sanctioned", ""),
}


def _triple(c: Claim) -> str:
    return f"{c.predicate}|{c.subject}|{c.recipient}"


def index_keys(claim: Claim, w: Watchlist) -> list[str]:
    """The exact item, and every item at or above it, so a general claim finds specific ones."""
    base = _triple(claim)
    return [f"E|{base}|{claim.object}"] + [f"A|{base}|{x}" for x in w.chain(claim.object)]


def lookup_keys(claim: Claim, w: Watchlist) -> list[str]:
    """Stored claims at or below the new item, and stored claims exactly at an item above it."""
    base = _triple(claim)
    return [f"A|{base}|{claim.object}"] + [f"E|{base}|{x}" for x in w.chain(claim.object)[1:]]


def _steps(a: str, b: str, w: Watchlist) -> int | None:
    """Levels between two items on one line of the hierarchy, or None when they are not on one."""
    ca, cb = w.chain(a), w.chain(b)
    if a in cb:
        return cb.index(a)
    if b in ca:
        return ca.index(b)
    return None


def _asserts(c: Claim) -> bool:
    return c.modality in ("asserted", "reported")


def relate(
    new: Claim, old: Claim, w: Watchlist, new_words: str | None = None
) -> tuple[Relation, int, str] | None:
    """The relation between two claims, the hierarchy levels between their items and the note
    naming that path, or None.
    `new_words` is the new sentence as the similarity test reads it, when the caller has it."""
    found = _relation(new, old, w)
    if found is None:
        return None
    words = default_process(new.sentence) if new_words is None else new_words
    if fuzz.ratio(words, default_process(old.sentence)) >= _SYNDICATED:
        return None  # one text republished, never two witnesses
    return found


def _relation(new: Claim, old: Claim, w: Watchlist) -> tuple[Relation, int, str] | None:
    if new.article_url == old.article_url or _triple(new) != _triple(old):
        return None
    steps = _steps(new.object, old.object, w)
    if steps is None:
        return None
    link = _link(new.object, old.object, w) if steps else ""
    if new.polarity == old.polarity:
        if "unsure" in (new.modality, old.modality) or (
            "possible" in (new.modality, old.modality) and (new.modality != old.modality)
        ):
            return None
        return "corroborates", steps, link
    neg, pos = (new, old) if new.polarity == "negated" else (old, new)
    generic = neg.object in TOP_ITEMS and pos.object in TOP_ITEMS
    if neg.object not in w.chain(pos.object) and not generic:
        return None  # a narrower denial says nothing of a broader assertion
    if pos.modality == "planned" and _asserts(neg):
        return None  # "did not deliver" says nothing of a plan
    if "unsure" in (new.modality, old.modality):
        return None
    return "contradicts", steps, link


def _link(a: str, b: str, w: Watchlist) -> str:
    low, high = (a, b) if b in w.chain(a) else (b, a)
    chain = w.chain(low)
    return f"; {low} is " + ", which is ".join(chain[1 : chain.index(high) + 1])


def voice(speaker: str, w: Watchlist, named: Named) -> str:
    """Whose voice a speaker is: a country's ministry, government or spokesperson ('the North Korean
    Defense Ministry') speaks for that country ('North Korea'); anyone else for themselves."""
    if not speaker or speaker.startswith("outlet:") or not _GOVERNMENT.search(speaker):
        return speaker
    countries = [e for e in named(speaker) if e in w.countries]
    return countries[0] if len(countries) == 1 else speaker


def _one_voice(a: str, b: str, w: Watchlist, named: Named) -> bool:
    return bool(a) and not a.startswith("outlet:") and voice(a, w, named) == voice(b, w, named)


def independence(
    new: Claim, old: Claim, w: Watchlist | None = None, named: Named | None = None
) -> Independence:
    if new.speaker and not new.speaker.startswith("outlet:") and same_source(new.speaker, old.speaker):
        return "echo"  # "WP" and "The Washington Post" are one source
    if w is not None and named is not None and _one_voice(new.speaker, old.speaker, w, named):
        return "echo"  # "the North Korean Defense Ministry" and "North Korea"
    if new.outlet and new.outlet == old.outlet:
        return "echo"
    if same_source(new.cited_source, old.outlet) or same_source(new.cited_source, old.cited_source):
        return "citation"
    if same_source(new.cited_source, old.speaker.removeprefix("outlet:")):
        return "citation"
    return "independent"


def describe(c: Claim) -> str:
    """'Russia does not plan to transfer military assistance to Venezuela (Sergey Lavrov)'."""
    base, past, prep = _VERBS.get(c.predicate, (c.predicate, c.predicate, "to"))
    no = c.polarity == "negated"
    verb = {
        "planned": f"{'does not plan' if no else 'plans'} to {base}",
        "possible": f"{'may not' if no else 'may'} {base}",
        "unsure": f"is said, unconfirmed, to have {'not ' if no else ''}{past}",
        "reported": f"{'reportedly did not' if no else 'reportedly'} {base if no else past}",
    }.get(c.modality, f"did not {base}" if no else past)
    thing = c.recipient if c.predicate == "sanction" else c.object
    to = f" {prep} {c.recipient}" if c.recipient and prep else ""
    who = c.speaker.removeprefix("outlet:") or "the article"
    return f"{c.subject} {verb} {thing}{to} ({who})"


def explain(
    relation: Relation, new: Claim, old: Claim, ind: Independence, link: str, values: str = ""
) -> str:
    how = {
        "independent": "independent sources",
        "echo": f"echo: same voice ({new.speaker.removeprefix('outlet:') or new.outlet})",
        "citation": f"citation: the new article cites {new.cited_source or old.outlet}",
    }[ind]
    verb = "corroborates" if relation == "corroborates" else "contradicts"
    why = f"; {values}" if values else ""
    return f"New: {describe(new)} {verb} stored: {describe(old)}{link}{why}; {how}."


def compare(
    new: Claim, candidates: Sequence[Claim], w: Watchlist, named: Named, quantity: Quantity | None = None
) -> list[Match]:
    """Matches of `new` at or above `MIN_CONFIDENCE`; `named(sentence)` lists the watched entities
    a sentence names, which tells whether a claim's item and recipient come from its own words;
    `quantity(claim)` the count of its item it states (default: the one it keeps)."""
    out: list[Match] = []
    seen: set[tuple[str, str, str]] = set()
    words = default_process(new.sentence)
    named = memo(named)
    for old in candidates:
        r = relate(new, old, w, words)
        if r is None:
            continue
        relation, steps, link = r
        values = conflict(new, old, quantity or _kept) if relation == "corroborates" and not steps else ""
        if values:
            relation = "contradicts"  # one event told with values that cannot both be right
        conf = confidence(relation, new, old, steps, named, values=bool(values))
        key = (old.article_url, old.sentence, old.object)
        if conf < MIN_CONFIDENCE or key in seen:
            continue  # likely wrong: an analyst would reject most matches like it
        seen.add(key)
        ind = independence(new, old, w, named)
        out.append(Match(relation, new, old, ind, conf, explain(relation, new, old, ind, link, values)))
    return out


def _kept(c: Claim) -> int | None:
    return c.quantity
