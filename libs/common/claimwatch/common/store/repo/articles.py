"""Articles, stored once per canonical URL hash, and the watchlist mentions found in them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlmodel import col, select

from claimwatch.common.core.model import Mention
from claimwatch.common.store.base import utcnow
from claimwatch.common.store.models.articles import Article, ExtractionStatus, MentionRecord
from claimwatch.common.store.models.feeds import Feed
from claimwatch.common.store.repo.base import RepoBase, chunks


class ArticleRepo(RepoBase):
    def known_url_hashes(self, *, hashes: Iterable[str]) -> set[str]:
        """Those of `hashes` whose article is stored."""
        wanted = sorted(set(hashes))
        found: set[str] = set()
        with self._read("look up articles") as s:
            for part in chunks(wanted):
                found.update(s.exec(select(Article.url_hash).where(col(Article.url_hash).in_(part))).all())
        return found

    def stored_entry_versions(self, *, hashes: Iterable[str]) -> dict[str, datetime]:
        """For those of `hashes` whose article is stored: the feed entry version it reflects.

        That is the entry's `updated` time the text was read at or, when the feed gave
        none, the article's discovery time. A feed entry updated later is an edit.
        """
        wanted = sorted(set(hashes))
        found: dict[str, datetime] = {}
        q = select(Article.url_hash, Article.entry_updated, Article.discovered_at)
        with self._read("look up articles") as s:
            for part in chunks(wanted):
                for url_hash, updated, discovered in s.exec(q.where(col(Article.url_hash).in_(part))):
                    found[url_hash] = updated or discovered
        return found

    def upsert_article(
        self,
        *,
        url_hash: str,
        canonical_url: str,
        url: str,
        text: str,
        text_hash: str,
        extraction_status: ExtractionStatus,
        title: str = "",
        outlet: str = "",
        published: datetime | None = None,
        feed_id: int | None = None,
        extraction_error: str | None = None,
        discovered_at: datetime | None = None,
        entry_updated: datetime | None = None,
        now: datetime | None = None,
    ) -> tuple[Article, bool, bool]:
        """Stores an article by `url_hash`: (article, created, text_changed).

        An article seen again with a different `text_hash` is updated in place (an
        edit), never duplicated. A failed extraction never overwrites stored text,
        nor the entry version it reflects. `entry_updated` (the feed entry's
        `updated` time) only ever moves forward.
        """
        now = now or utcnow()
        extracted_at = None if extraction_status == "failed" else now
        values = {
            "url_hash": url_hash,
            "canonical_url": canonical_url,
            "url": url,
            "feed_id": feed_id,
            "title": title,
            "outlet": outlet,
            "published": published,
            "text": text,
            "text_hash": text_hash,
            "extraction_status": extraction_status,
            "extraction_error": extraction_error,
            "discovered_at": discovered_at or now,
            "extracted_at": extracted_at,
            "updated_at": now,
            "entry_updated": entry_updated,
        }
        with self._write(f"store article {canonical_url}") as s:
            if feed_id is not None and s.get(Feed, feed_id) is None:
                values["feed_id"] = None  # the feed was deleted meanwhile
            stmt = self._insert_ignore(Article, [values], ["url_hash"]).returning(col(Article.id))
            new_id = s.execute(stmt).scalar_one_or_none()
            article = s.exec(select(Article).where(Article.url_hash == url_hash).with_for_update()).one()
            if new_id is not None:
                return article, True, False
            unchanged = article.text_hash == text_hash and article.extraction_status == extraction_status
            keeps_text = extraction_status == "failed" and article.extraction_status != "failed"
            newer = entry_updated is not None and (
                article.entry_updated is None or entry_updated > article.entry_updated
            )
            if keeps_text or (unchanged and not newer):
                return article, False, False
            if newer:
                article.entry_updated = entry_updated
            if unchanged:  # the same text at a newer entry version: remember the version only
                s.add(article)
                return article, False, False
            text_changed = article.text_hash != text_hash
            for name in ("title", "outlet", "published", "text", "text_hash", "extraction_status"):
                setattr(article, name, values[name])
            article.extraction_error = extraction_error
            article.extracted_at = extracted_at
            article.updated_at = now
            s.add(article)
            return article, False, text_changed

    def get_article(self, *, article_id: int | None = None, url_hash: str | None = None) -> Article | None:
        """By id or by URL hash."""
        with self._read("get article") as s:
            if article_id is not None:
                return s.get(Article, article_id)
            if url_hash is None:
                raise ValueError("get_article needs article_id or url_hash")
            return s.exec(select(Article).where(Article.url_hash == url_hash)).one_or_none()

    def list_articles(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        since: datetime | None = None,
        feed_id: int | None = None,
        entity: str | None = None,
    ) -> list[Article]:
        """Newest first; `since` filters on discovery time, `entity` on watchlist mentions."""
        q = select(Article)
        if since is not None:
            q = q.where(col(Article.discovered_at) >= since)
        if feed_id is not None:
            q = q.where(Article.feed_id == feed_id)
        if entity is not None:
            mentioned = select(MentionRecord.article_id).where(MentionRecord.entity == entity)
            q = q.where(col(Article.id).in_(mentioned))
        q = q.order_by(col(Article.id).desc()).offset(offset).limit(limit)
        with self._read("list articles") as s:
            return list(s.exec(q).all())

    def add_mentions(self, *, article_id: int, mentions: Sequence[Mention]) -> int:
        """Stores an article's mentions, skipping those already stored; returns how many were new."""
        rows = {
            (m.entity, m.start): {
                "article_id": article_id,
                "entity": m.entity,
                "kind": m.kind,
                "surface": m.surface,
                "start": m.start,
                "end": m.end,
            }
            for m in mentions
        }
        if not rows:
            return 0
        with self._write("add mentions") as s:
            stmt = self._insert_ignore(MentionRecord, list(rows.values()), ["article_id", "entity", "start"])
            return len(s.execute(stmt.returning(col(MentionRecord.id))).all())

    def list_mentions(self, *, article_id: int) -> list[MentionRecord]:
        q = select(MentionRecord).where(MentionRecord.article_id == article_id)
        with self._read("list mentions") as s:
            return list(s.exec(q.order_by(col(MentionRecord.start))).all())
