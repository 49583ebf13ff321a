"""Small commands over one page, one claim or the feed list."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from claimwatch.common.analysis import analyse_tracked_claims, claim_in_words
from claimwatch.common.core.claims import parse_tracked_claim
from claimwatch.common.core.feeds.opml import OPMLError, OPMLFeed, export_opml, parse_opml
from claimwatch.common.engines import WatchlistEngine
from claimwatch.common.settings import Settings
from claimwatch.common.store import Store, upgrade

from .errors import UserError

if TYPE_CHECKING:
    from claimwatch.extractor.pages import PageContent


def _open_store(settings: Settings) -> Store:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.effective_database_url)
    return Store.from_settings(settings)


def extract_command(source: str, fmt: str, settings: Settings) -> None:
    from claimwatch.extractor.pages import ExtractionError, PageContent, read_article_file

    if fmt not in ("text", "json"):
        raise UserError(f"--format must be text or json, not {fmt!r}")
    try:
        if source.startswith(("http://", "https://")):
            page = asyncio.run(_fetch_and_extract(source, settings))
        else:
            header, text = read_article_file(Path(source))
            page = PageContent(text=text, title=header.get("title", ""), url=header.get("url", source))
    except OSError as exc:
        raise UserError(f"{source}: {exc.strerror}") from None
    except ExtractionError as exc:
        raise UserError(f"{source}: no text could be extracted ({exc})") from None
    if fmt == "json":
        data = {
            "url": page.url,
            "title": page.title,
            "author": page.author,
            "date": page.date.isoformat() if page.date else None,
            "sitename": page.sitename,
            "language": page.language,
            "text": page.text,
        }
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for label, value in (
        ("url", page.url),
        ("title", page.title),
        ("date", page.date),
        ("site", page.sitename),
    ):
        if value:
            typer.echo(f"{label}: {value}")
    typer.echo("---")
    typer.echo(page.text)


async def _fetch_and_extract(url: str, settings: Settings) -> PageContent:
    from claimwatch.common.http.errors import FetchError
    from claimwatch.common.http.fetcher import HTML_ACCEPT, GuardedFetcher
    from claimwatch.extractor.pages import extract_page

    async with GuardedFetcher(settings) as fetcher:
        try:
            result = await fetcher.fetch(url, accept=HTML_ACCEPT)
        except FetchError as exc:
            raise UserError(f"{url}: {exc}") from None
    return await asyncio.to_thread(extract_page, result.body, result.url)


def track_command(text: str, settings: Settings) -> None:
    from .runtime import import_watchlist_file

    store = _open_store(settings)
    try:
        import_watchlist_file(store, settings)
        engines = WatchlistEngine(store.list_watchlist)
        engine = engines.current()
        claims = parse_tracked_claim(text, engines.watchlist)
        if not claims:
            raise UserError(
                "no claim about watched systems and actors was understood; name a watched actor, "
                "an act (delivered, requested, deployed, ...) and a watched system or category"
            )
        tracked = store.add_tracked_claim(text=text)
        found = analyse_tracked_claims(store=store, engine=engine, tracked_claim_id=tracked.id, claims=claims)
        typer.echo(f"tracking claim {tracked.id}:")
        for claim in claims:
            typer.echo(f"  {claim_in_words(claim)}")
        typer.echo(f"{len(found)} stored claim(s) already corroborate or contradict it")
    finally:
        store.close()


def feeds_import_command(file: Path, settings: Settings) -> None:
    try:
        outlines = parse_opml(file.read_bytes())
    except OSError as exc:
        raise UserError(f"{file}: {exc.strerror}") from None
    except OPMLError as exc:
        raise UserError(f"{file}: {exc}") from None
    store = _open_store(settings)
    try:
        added = sum(int(store.add_feed(url=o.url, title=o.title)[1]) for o in outlines)
    finally:
        store.close()
    typer.echo(f"{len(outlines)} feeds in {file}, {added} new")


def feeds_export_command(settings: Settings) -> None:
    store = _open_store(settings)
    try:
        feeds = [OPMLFeed(url=feed.url, title=feed.title) for feed, _state in store.list_feeds()]
    finally:
        store.close()
    typer.echo(export_opml(feeds))
