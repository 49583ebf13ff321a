"""`claimwatch replay`: local article files through the production claim path.

Each file is stored as an article and analysed exactly as the extractor does
(same store, same engine, same comparison), in the order given; every match is
printed as a line of text or a JSON object.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import yaml

from claimwatch.common.analysis import StoredMatch, analyse_article, claim_in_words, text_hash
from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.feeds.urls import canonicalize_url, url_hash
from claimwatch.common.core.model import ArticleText, Claim
from claimwatch.common.core.watchlist import Watchlist, WatchlistError, load_watchlist
from claimwatch.common.store import Store, upgrade
from claimwatch.extractor.pages import ExtractionError, parse_date, read_article_file

from .errors import UserError


def read_watchlist_file(path: Path) -> Watchlist:
    try:
        data = yaml.safe_load(path.read_text())
    except OSError as exc:
        raise UserError(f"watchlist {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise UserError(f"watchlist {path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    try:
        return load_watchlist(data or {})
    except WatchlistError as exc:
        raise UserError(f"watchlist {path}: {exc}") from None


@dataclass(frozen=True)
class LocalArticle:
    ref: str  # the url from the header, else the file path: how matches name the article
    article: ArticleText


def load_article_file(path: Path) -> LocalArticle:
    """An article file: its header, and its text (HTML bodies are extracted as the extractor would)."""
    try:
        header, text = read_article_file(path)
    except OSError as exc:
        raise UserError(f"article {path}: {exc.strerror}") from None
    except ExtractionError as exc:
        raise UserError(f"article {path}: no text could be extracted ({exc})") from None
    ref = header.get("url") or str(path)
    published = parse_date(header.get("published", ""))
    article = ArticleText(
        url=ref,
        text=text,
        title=header.get("title", ""),
        outlet=header.get("outlet", ""),
        published=published,
    )
    return LocalArticle(ref, article)


@contextmanager
def replay_store(database_url: str | None) -> Iterator[Store]:
    """The given database, or a temporary SQLite one removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="claimwatch-replay-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'replay.db'}"
        upgrade(url)
        store = Store(url)
        try:
            yield store
        finally:
            store.close()


def replay_articles(
    store: Store, watchlist: Watchlist, articles: Sequence[LocalArticle]
) -> Iterator[StoredMatch]:
    engine = RuleClaimEngine(watchlist)
    for item in articles:
        canonical = canonicalize_url(item.ref) if "://" in item.ref else item.ref
        article, _, _ = store.upsert_article(
            url_hash=url_hash(canonical),
            canonical_url=canonical,
            url=item.ref,
            feed_id=None,
            title=item.article.title,
            outlet=item.article.outlet,
            published=item.article.published,
            text=item.article.text,
            text_hash=text_hash(item.article.text),
            extraction_status="page",
            discovered_at=datetime.now(UTC),
        )
        yield from analyse_article(
            store=store, engine=engine, article_id=article.id, article=item.article
        ).matches


def _side(claim: Claim) -> dict[str, Any]:
    return {
        "article": claim.article_url,
        "outlet": claim.outlet,
        "sentence": claim.sentence,
        "speaker": claim.speaker,
        "claim": claim_in_words(claim),
        "published": claim.published.isoformat() if claim.published else None,
    }


def match_json(stored: StoredMatch) -> dict[str, Any]:
    m = stored.match
    return {
        "match_id": stored.match_id,
        "relation": m.relation,
        "independent": m.independent,
        "independence": m.independence,
        "confidence": round(m.confidence, 3),
        "explanation": m.explanation,
        "new": _side(m.new),
        "stored": _side(m.stored),
    }


def print_match(stored: StoredMatch, fmt: str, out: IO[str]) -> None:
    if fmt == "jsonl":
        out.write(json.dumps(match_json(stored), ensure_ascii=False) + "\n")
        return
    m = stored.match
    verdict = m.independence if m.relation == "corroborates" else ""
    out.write(f"{m.relation.upper()} {verdict} (confidence {m.confidence:.2f})\n".replace("  (", " ("))
    out.write(f"  why:    {m.explanation}\n")
    for label, claim in (("new", m.new), ("stored", m.stored)):
        source = claim.outlet or claim.article_url
        out.write(f"  {label + ':':7} [{source}] {claim.speaker or '?'}: {claim_in_words(claim)}\n")
        out.write(f"          \u201c{claim.sentence.strip()}\u201d\n")
    out.write("\n")
