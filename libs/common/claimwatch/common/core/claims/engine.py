"""RuleClaimEngine: the ClaimEngine the services use, built once per watchlist."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from urllib.parse import urlsplit

from ..folded import Folded
from ..matching import MentionMatcher
from ..model import ArticleText, Claim, Extraction, Match, Mention
from ..text import sentences
from ..watchlist import Watchlist
from . import compare as cmp
from .anaphora import denied_after, label_denier, names_an_act, refer_back
from .defaults import fill_from_article, known_producers
from .frames import Proposition, extract_propositions
from .lexicon import SAY, find_triggers, items_for, merged
from .origins import item_origins, organisations
from .pronouns import item_anaphor, may_open_on_items, pronoun_mentions, subject_actor
from .speaker_roles import speaker_mentions
from .speakers import person_countries, sentence_voice
from .times import time_of
from .values import quantity_of

TRACKED_OUTLET = "user"
_SPOKESMAN = re.compile(r"\bspokes(?:man|woman|person)$", re.IGNORECASE)  # unnamed: "a spokesman said"
_SANCTION = Folded(r"sanction|blacklist", re.IGNORECASE)


def outlet_of(article: ArticleText) -> str:
    """The outlet's name, else the host of its address without 'www.'."""
    if article.outlet:
        return article.outlet
    host = urlsplit(article.url).hostname or ""
    return host.removeprefix("www.")


class RuleClaimEngine:
    """Rule-based claims over watchlist mentions. Pure and thread-safe after construction."""

    def __init__(self, watchlist: Watchlist) -> None:
        self.watchlist = watchlist
        self.chain = watchlist.chain  # the ClaimEngine seam's hierarchy
        self._matcher = MentionMatcher(watchlist)
        self._persons = {a.name: a.country for a in watchlist.actors if a.kind == "person"}
        self._actors = {a.name for a in watchlist.actors if a.kind != "person"}
        self._producers = known_producers(watchlist)
        self._orgs = organisations(watchlist)
        self._categories = frozenset(watchlist.watched_categories())

    def _country_of(self, speaker: str, mentions: Sequence[Mention], persons: dict[str, str]) -> str:
        """The country a speaker speaks for: itself, a watched person's, or the one its own words
        name ("Iran's foreign minister", "the Iranian foreign ministry")."""
        if speaker in self._actors:
            return speaker
        if speaker in persons:
            return persons[speaker]
        named = (m for m in mentions if m.kind == "actor" and m.entity in self._actors)
        return next((m.entity for m in named if m.surface and m.surface in speaker), "")

    def find_mentions(self, text: str) -> list[Mention]:
        return self._matcher.find(text)

    def extract(self, article: ArticleText) -> Extraction:
        text = article.text
        mentions = self._matcher.find(text)
        outlet = outlet_of(article)
        pending: list[tuple[Proposition, str, str, tuple[int, int], str]] = []
        last_person = ""
        voices: set[str] = set()
        context = ("", "")
        origins: dict[str, str] = {}
        persons = dict(self._persons)
        watched_people = self.watchlist.people
        named: list[tuple[int, list[Mention]]] = []  # sentences naming an actor: where "it" looks back
        names: dict[tuple[int, int], frozenset[str]] = {}  # what each sentence names by itself
        spans: dict[tuple[int, int], list[Mention]] = {}  # each sentence's mentions: where counts sit

        def previous(before: int) -> str:
            """The subject of the nearest sentence before that has one: what "it" stands for."""
            for lo, raw in reversed(named):
                found = subject_actor(text, raw, watched_people, raw[-1].end, lo) if lo < before else ""
                if found:
                    return found
            return ""

        last_end = first = 0
        last_span = (-1, -1)  # the sentence before: where an opening "They" looks back
        for start, end in sentences(text):
            if "\n" in text[last_end:start]:
                context = ("", "")  # a new paragraph
            last_end = end
            while first < len(mentions) and mentions[first].start < start:
                first += 1
            raw = []
            for m in mentions[first:]:
                if m.start >= end:
                    break
                if m.end <= end:
                    raw.append(m)
            if any(m.kind == "actor" and m.entity not in watched_people for m in raw):
                named.append((start, raw))
            # A system found through "the systems" was named elsewhere in the article.
            names[(start, end)] = frozenset(
                m.entity for m in raw if m.form != "generic" or m.kind != "system"
            )
            spans[(start, end)] = raw
            if len(raw) > 1:
                persons.update(person_countries(text, raw, watched_people))
            sentence = text[start:end]
            # A claim needs an item (or names a sanction): other sentences only carry voices.
            has_item = any(m.kind != "actor" for m in raw)
            triggers = find_triggers(sentence) if has_item or _SANCTION.search(sentence) else []
            local = [_shift(m, -start) for m in raw] if has_item or triggers else []
            if has_item and " for " in sentence:
                triggers = merged(triggers, items_for(sentence, local, triggers))
            antecedent = pending[-1][0] if pending and pending[-1][3] == last_span else None
            if antecedent and not has_item and may_open_on_items(sentence):
                kind = "category" if antecedent.object in self._categories else "system"
                opening = find_triggers(sentence)
                anaphor = item_anaphor(sentence, opening, antecedent.object, kind)
                if anaphor is not None:  # "They were supplied by Iran": the items just named
                    local = sorted([anaphor, *(_shift(m, -start) for m in raw)], key=_start)
                    has_item, triggers = True, opening
                    context = (antecedent.subject, antecedent.recipient)
            last_span = (start, end)
            here = item_origins(sentence, local, orgs=self._orgs) if has_item else {}
            for item, source in here.items():
                origins.setdefault(item, source)  # "Russia's S-400" holds for the whole article
            if not triggers:
                people = {m.entity for m in raw if m.entity in persons}
                if len(people) == 1:
                    last_person = people.pop()
                    if SAY.search(sentence):
                        voices.add(last_person)
                if pending and not has_item and names_an_act(sentence):
                    local = [_shift(m, -start) for m in raw]
                    voice = sentence_voice(sentence, local, persons, last_person)
                    country = self._country_of(voice.speaker, local, persons)
                    earlier = [p for p, *_ in pending]
                    again = refer_back(sentence, local, earlier, self.watchlist, country)
                    refuted = bool(again) and all(p.polarity == "negated" for p in again)
                    denier = label_denier(sentence, local, country, watched_people) if refuted else ""
                    speaker = voice.speaker or denier or f"outlet:{outlet}"
                    pending += [(p, speaker, sentence, (start, end), voice.cited) for p in again]
                continue
            pronouns = pronoun_mentions(sentence, local, triggers, watched_people, partial(previous, start))
            local = sorted([*local, *pronouns], key=_start) if pronouns else local
            voice = sentence_voice(sentence, local, persons, last_person)
            if voice.speaker in persons:
                last_person = voice.speaker
                voices.add(voice.speaker)
            country = self._country_of(voice.speaker, local, persons)
            ours = speaker_mentions(sentence, local, country, persons)
            local = sorted([*local, *ours], key=_start) if ours else local
            found, context = extract_propositions(
                sentence,
                local,
                triggers,
                self.watchlist,
                country,
                context,
                {**self._producers, **origins, **here},
                persons,
            )
            speaker = voice.speaker or f"outlet:{outlet}"
            pending += [(p, speaker, sentence, (start, end), voice.cited) for p in found]
            denier, denied = denied_after(sentence, local, found)
            pending += [(p, denier, sentence, (start, end), "") for p in denied]
        times: dict[tuple[int, int], str] = {}  # one sentence often holds several claims
        counts: dict[tuple[tuple[int, int], str], int | None] = {}

        def when(sentence: str, span: tuple[int, int]) -> str:
            if span not in times:
                times[span] = time_of(sentence, article.published)
            return times[span]

        def count(sentence: str, span: tuple[int, int], item: str) -> int | None:
            if (span, item) not in counts:
                items = [_shift(m, -span[0]) for m in spans[span] if m.entity == item]
                counts[(span, item)] = quantity_of(sentence, items)
            return counts[(span, item)]

        filled = fill_from_article([p for p, *_ in pending], origins, self._producers)
        claims = [
            Claim(
                p.subject,
                p.predicate,
                p.object,
                p.recipient,
                p.polarity,
                p.modality,
                speaker,
                sentence,
                span,
                article.url,
                outlet,
                cited,
                when=when(sentence, span),
                published=article.published,
                named=names[span],
                quantity=count(sentence, span, p.object),
            )
            for p, (_, speaker, sentence, span, cited) in zip(filled, pending, strict=True)
            if p is not None
        ]
        return Extraction(tuple(mentions), tuple(_attribute(_unique(claims), voices, persons)))

    def index_keys(self, claim: Claim) -> Sequence[str]:
        return cmp.index_keys(claim, self.watchlist)

    def lookup_keys(self, claim: Claim) -> Sequence[str]:
        return cmp.lookup_keys(claim, self.watchlist)

    def compare(self, new: Claim, candidates: Sequence[Claim]) -> list[Match]:
        return cmp.compare(new, candidates, self.watchlist, self.named, self.quantity)

    def named(self, sentence: str) -> frozenset[str]:
        """The watched entities a sentence names on its own, without its article."""
        return frozenset(m.entity for m in self._matcher.find(sentence))

    def quantity(self, claim: Claim) -> int | None:
        """The count of its item a claim's sentence states, read again when the claim does not keep
        it (read back from storage); a generic phrase needs its article, so there it is None."""
        if claim.quantity is not None:
            return claim.quantity
        items = [m for m in self._matcher.find(claim.sentence) if m.entity == claim.object]
        return quantity_of(claim.sentence, items)

    def parse_tracked(self, text: str, url: str = "tracked:") -> list[Claim]:
        """Claims in a sentence a user typed, spoken by the user."""
        found = self.extract(ArticleText(url=url, text=text.strip(), outlet=TRACKED_OUTLET)).claims
        return [_replace_speaker(c, TRACKED_OUTLET) if c.speaker.startswith("outlet:") else c for c in found]


def parse_tracked_claim(text: str, watchlist: Watchlist, url: str = "tracked:") -> list[Claim]:
    """'Iran delivered Shahed drones to Russia' -> the claims it states (builds a matcher: reuse
    `RuleClaimEngine.parse_tracked` when parsing many)."""
    return RuleClaimEngine(watchlist).parse_tracked(text, url)


def _shift(m: Mention, by: int) -> Mention:
    return Mention(m.entity, m.kind, m.surface, m.start + by, m.end + by, m.form)


def _start(m: Mention) -> int:
    return m.start


def _replace_speaker(c: Claim, speaker: str) -> Claim:
    return replace(c, speaker=speaker)


def _unique(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for c in claims:
        key = (c.subject, c.predicate, c.object, c.recipient, c.polarity, c.modality, c.span)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _attribute(claims: list[Claim], speakers: set[str], persons: dict[str, str]) -> list[Claim]:
    """'Russia has claimed ...' in an article where one Russian official speaks: that official; an
    unnamed 'spokesman' in an article where one watched person speaks: that person."""
    out = []
    for c in claims:
        people = [p for p in speakers if persons.get(p) == c.speaker]
        if _SPOKESMAN.search(c.speaker) and len(speakers) == 1:
            people = list(speakers)  # "a White House spokesman said" ... "John Kirby also said"
        if len(people) == 1:
            c = _replace_speaker(c, people[0])
        out.append(c)
    return out
