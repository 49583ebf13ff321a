"""A local news site made from the seed articles: an RSS feed and one HTML page per article."""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

from tests.fixtures.http import LocalHTTPServer

SEEDS = Path(str(resources.files("claimwatch.cli") / "data" / "seeds"))
WATCHLIST = Path(str(resources.files("claimwatch.cli") / "data" / "watchlist.yaml"))
OUTLETS = ("Business Insider", "Defense News Wire", "Defence Daily")


def seed_texts() -> list[str]:
    return [p.read_text() for p in sorted(SEEDS.glob("*.txt"))]


def article_page(title: str, text: str, published: str) -> bytes:
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta property="article:published_time" content="{published}"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>{html.escape(title)}</h1>{paragraphs}</article>
<footer>Copyright, all rights reserved.</footer></body></html>""".encode()


def rss(items: list[tuple[str, str, str]]) -> bytes:
    entries = "\n".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(u)}</link><guid>{html.escape(u)}</guid>"
        f"<pubDate>{d}</pubDate><description>{html.escape(t)}</description></item>"
        for t, u, d in items
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Seed news</title><link>http://example.invalid/</link>
<description>seeds</description>{entries}</channel></rss>""".encode()


def publish_seed_site(server: LocalHTTPServer, *, delay_s: float = 0.0) -> str:
    """Serve the seeds as articles 0..2 and a feed listing them; returns the feed URL."""
    dates = (
        "Sat, 01 Nov 2025 10:00:00 GMT",
        "Sun, 02 Nov 2025 10:00:00 GMT",
        "Mon, 03 Nov 2025 10:00:00 GMT",
    )
    items = []
    for i, text in enumerate(seed_texts()):
        title = text.split(".")[0][:90]
        url = server.route(
            f"/news/{i}.html",
            article_page(title, text, f"2025-11-0{i + 1}T10:00:00Z"),
            content_type="text/html; charset=utf-8",
            delay_s=delay_s,
        )
        items.append((title, url, dates[i]))
    return server.route("/feed.xml", rss(items))
