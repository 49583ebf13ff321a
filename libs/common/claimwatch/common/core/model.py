"""Plain data shared by the pure core: articles, mentions, claims and matches.

Everything here is a frozen dataclass with no I/O, so the claim engine can be
used from the extractor service, from `claimwatch replay` and from tests alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

Polarity = Literal["affirmed", "negated"]
Modality = Literal["asserted", "reported", "possible", "planned", "unsure"]
Relation = Literal["corroborates", "contradicts"]
Independence = Literal["independent", "echo", "citation"]


@dataclass(frozen=True)
class ArticleText:
    """One article as the extractor hands it to the core."""

    url: str
    text: str
    title: str = ""
    outlet: str = ""
    published: datetime | None = None


@dataclass(frozen=True)
class Mention:
    """A watched entity found in a text, with the span of the surface form."""

    entity: str  # canonical watchlist name, e.g. "Russia"
    kind: str  # "system" | "actor" | "category"
    surface: str  # the text as written, e.g. "the Kremlin"
    start: int
    end: int
    form: str = "name"  # how it was found: name, alias, demonym, metonym, fuzzy, generic


@dataclass(frozen=True)
class Claim:
    """One proposition found in one sentence of one article."""

    subject: str  # canonical actor ("" when unresolved)
    predicate: str  # canonical relation: transfer, request, deploy, use, produce, train, ...
    object: str  # canonical system, category, "weapons" or "military assistance"
    recipient: str  # canonical actor receiving / targeted ("" when none)
    polarity: Polarity
    modality: Modality
    speaker: str  # whose claim it is ("outlet:<name>" when the article says it itself)
    sentence: str
    span: tuple[int, int]  # character span of the sentence in the article text
    article_url: str
    outlet: str = ""
    cited_source: str = ""  # "according to Defense Express" -> "Defense Express"
    when: str = ""  # its sentence's first explicit time, normalised: "2019-07-12", "2019-07", "2019"
    published: datetime | None = None
    # The watched entities its own sentence names, so a match can tell an item or recipient the
    # sentence states from one taken from elsewhere in the article; None when not known (a claim
    # read back from storage), and then worked out again from `sentence`.
    named: frozenset[str] | None = field(default=None, compare=False, repr=False)
    # The count of the item its sentence states ("all 4 squadrons" -> 4); None when it states none
    # or when not known (the store does not keep it: comparison reads it again from `sentence`).
    quantity: int | None = None


@dataclass(frozen=True)
class Match:
    """A new claim set against a stored one, with the reason in words."""

    relation: Relation
    new: Claim
    stored: Claim
    independence: Independence
    confidence: float
    explanation: str

    @property
    def independent(self) -> bool:
        return self.independence == "independent"


@dataclass(frozen=True)
class Extraction:
    """What the core found in one article."""

    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = field(default_factory=tuple)


class ClaimEngine(Protocol):
    """The seam between the extractor service and the claim logic.

    Pure: no I/O, no clocks, no globals. Safe to call from worker threads.
    """

    def extract(self, article: ArticleText) -> Extraction:
        """Mentions of watched entities and the claims made about them."""
        ...

    def index_keys(self, claim: Claim) -> Sequence[str]:
        """Normalised keys under which the store indexes a stored claim."""
        ...

    def lookup_keys(self, claim: Claim) -> Sequence[str]:
        """Keys to fetch the stored claims that may match `claim`.

        The store returns every stored claim having any of these among its
        index keys, so comparison cost does not grow with the size of the store.
        """
        ...

    def chain(self, item: str) -> Sequence[str]:
        """The item and everything above it in the watchlist hierarchy, nearest first."""
        ...

    def compare(self, new: Claim, candidates: Sequence[Claim]) -> list[Match]:
        """Matches of `new` against stored candidates (same article never matches)."""
        ...
