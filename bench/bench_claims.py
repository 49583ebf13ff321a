"""Claim engine cost ratios, measured side by side in one run.

usage: python bench/bench_claims.py [--quick]

(a) mention matching with a 10,000-entry watchlist / with a 10-entry one   (target <= 1.5)
(b) lookup + compare of a new claim against 1,000,000 stored / 1,000 stored (target <= 2)
    The store is an in-memory dict of claim key -> claim ids, standing in for the
    store's indexed claim-key table; stored claims are spread over distinct
    propositions (about 20 claims each) in both sizes, as a growing store gains
    new stories rather than ever more copies of one.
(c) mentions + claims + comparison / trafilatura text extraction, per article,
    on the seed articles wrapped in the markup of a typical news page
    (about 85 kB: menus, teasers, scripts, comments)                       (target <= 0.30)
    also printed against the extractor's own page extraction (the same trafilatura call with
    metadata and date extraction, as the service runs it), for scale
(c2) the same ratio over all the real articles of the labelled sets (tests/data), each story
    with its own watchlist, in the same page markup. The seeds are long, claim-dense articles on
    which trafilatura takes its fast path; shorter real articles make it try its fallbacks, so
    the seeds are the hard case and the labelled articles the typical one.
"""

from __future__ import annotations

import html
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import trafilatura
import yaml

from claimwatch.cli.replay import load_article_file, read_watchlist_file
from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.matching import MentionMatcher
from claimwatch.common.core.model import ArticleText, Claim
from claimwatch.common.core.watchlist import Watchlist, load_watchlist
from claimwatch.extractor.pages import extract_page

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "data"
PER_KEY = 20  # stored claims per distinct proposition
OBJECTS = ("Pantsir-S1", "Buk-M2", "Buk-M2E", "S-300VM", "air defence", "weapons")


def best_of(fn: Callable[[], Any], repeat: int) -> float:
    """Median seconds of `repeat` calls (after one warm-up)."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def seeds() -> list[str]:
    folder = resources.files("claimwatch.cli").joinpath("data/seeds")
    return [p.read_text() for p in sorted(folder.iterdir(), key=lambda p: p.name)]


def default_watchlist() -> Watchlist:
    text = resources.files("claimwatch.cli").joinpath("data/watchlist.yaml").read_text()
    return load_watchlist(yaml.safe_load(text))


def synthetic_watchlist(n: int) -> Watchlist:
    """The default watchlist plus made-up systems and people up to n entries."""
    base = yaml.safe_load(resources.files("claimwatch.cli").joinpath("data/watchlist.yaml").read_text())
    extra = max(0, n - len(base["systems"]) - len(base["actors"]))
    for i in range(extra):
        if i % 3:
            base["systems"].append({"name": f"Zx-{i}M", "aliases": [f"Zetix {i}"], "category": "drone"})
        else:
            base["actors"].append({"name": f"Ivan Petrovich{i:05d}", "kind": "person", "country": "Russia"})
    if n < len(base["systems"]) + len(base["actors"]):  # keep every kind: systems, countries, people
        people = [a for a in base["actors"] if a.get("kind") == "person"][:2]
        base["systems"] = base["systems"][: n // 2]
        base["actors"] = base["actors"][: n - n // 2 - len(people)] + people
    return load_watchlist(base)


def bench_matching(texts: list[str], repeat: int) -> tuple[float, float]:
    small, large = MentionMatcher(synthetic_watchlist(10)), MentionMatcher(synthetic_watchlist(10_000))

    def run(m: MentionMatcher) -> Callable[[], None]:
        def go() -> None:
            for t in texts:
                m.find(t)

        return go

    return best_of(run(small), repeat), best_of(run(large), repeat)


class KeyIndex:
    """claim key -> ids; claims are rebuilt from their id like rows fetched from a table."""

    def __init__(self, engine: RuleClaimEngine, n: int) -> None:
        self.keys: dict[str, list[int]] = {}
        self.props = max(1, n // PER_KEY)
        for p in range(self.props):
            c = self.claim(p * PER_KEY)
            ids = list(range(p * PER_KEY, min(n, (p + 1) * PER_KEY)))
            for k in engine.index_keys(c):
                self.keys.setdefault(k, []).extend(ids)

    def claim(self, i: int) -> Claim:
        p = i // PER_KEY
        return Claim(
            subject="Russia" if p % 7 else "Iran",
            predicate="transfer",
            object=OBJECTS[p % len(OBJECTS)],
            recipient=f"Country {p // len(OBJECTS)}",
            polarity="affirmed" if i % 5 else "negated",
            modality="asserted",
            speaker=f"speaker {i % 13}",
            sentence=f"Stored sentence number {i} about a delivery.",
            span=(0, 10),
            article_url=f"https://stored.example/{i}",
        )

    def fetch(self, keys: list[str] | tuple[str, ...]) -> list[Claim]:
        ids = {i for k in keys for i in self.keys.get(k, ())}
        return [self.claim(i) for i in ids]


def bench_compare(engine: RuleClaimEngine, repeat: int, large_n: int) -> tuple[float, float]:
    small, large = KeyIndex(engine, 1_000), KeyIndex(engine, large_n)
    probes = [
        replace(small.claim(0), recipient=f"Country {r}", object=o, article_url="https://new.example/1")
        for r in (0, 1, 2)
        for o in ("Buk-M2", "military assistance")
    ]

    def run(index: KeyIndex) -> Callable[[], None]:
        def go() -> None:
            for p in probes:
                engine.compare(p, index.fetch(list(engine.lookup_keys(p))))

        return go

    return best_of(run(small), repeat), best_of(run(large), repeat)


_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="description" content="{title}"><meta property="og:title" content="{title}">
<link rel="stylesheet" href="/static/site.css"><style>{css}</style>
<script>{script}</script>
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}","author":"Staff"}}</script>
</head><body class="article-page">
<div id="consent" class="modal">We use cookies. <button>Accept</button></div>
<header class="site-header"><div class="wrap"><a class="logo" href="/">The News</a>
<nav class="mega-menu"><ul>{nav}</ul></nav><form role="search"><input name="q"></form></div></header>
<div class="ad-slot" data-slot="top"><iframe src="/ads/top"></iframe></div>
<main><div class="layout"><article class="story"><div class="breadcrumbs">{crumbs}</div>
<h1 class="headline">{title}</h1>
<div class="byline"><span>By Staff Writer</span><time>Nov 1, 2025</time></div>
<div class="share">{share}</div><figure><img src="/img/hero.jpg" srcset="{srcset}"><figcaption>File photo.
</figcaption></figure><div class="story-body">
{paragraphs}
</div><div class="tags">{tags}</div></article>
<aside class="rail"><section><h3>Most read</h3><ol>{teasers}</ol></section>
<div class="ad-slot" data-slot="rail"><iframe src="/ads/rail"></iframe></div></aside></div>
<section class="more-stories">{cards}</section>
<section id="comments"><h3>Comments</h3>{comments}</section></main>
<footer class="site-footer"><ul>{nav}</ul><p>© 2025 News Ltd. All rights reserved.</p></footer>
<script>{script}</script></body></html>"""


def page(text: str) -> str:
    """A seed article inside the markup of a typical news page (about 85 kB)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    nav = "".join(
        f'<li class="menu-item"><a href="/s/{i}">Section {i}</a><ul class="sub">'
        + "".join(f'<li><a href="/s/{i}/{j}">Topic {i}.{j}</a></li>' for j in range(8))
        + "</ul></li>"
        for i in range(30)
    )
    card = (
        '<div class="card"><a href="/story/{i}"><div class="thumb"><img src="/t/{i}.jpg" alt=""></div>'
        '<div class="meta"><span class="kicker">World</span><h4>Related headline number {i} about events</h4>'
        "<p>A short teaser sentence for story {i}, with a few more words.</p>"
        "<time>2 hours ago</time></div></a></div>"
    )
    words = " ".join(f"var{i}" for i in range(40))
    script = ";".join(f"window.cfg{i}={{a:{i},b:'{words}'}}" for i in range(60))
    return _PAGE.format(
        title=html.escape(lines[0][:80]),
        css=".x{color:red}" * 400,
        script=script,
        nav=nav,
        crumbs=" / ".join(f'<a href="/c/{i}">Crumb {i}</a>' for i in range(4)),
        share="".join(f'<a class="share-{n}" href="#">{n}</a>' for n in ("x", "fb", "mail", "wa")),
        srcset=", ".join(f"/img/hero-{w}.jpg {w}w" for w in (320, 640, 960, 1280)),
        paragraphs="\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines),
        tags="".join(f'<a href="/tag/{i}">Tag {i}</a>' for i in range(12)),
        teasers="".join(f'<li><a href="/r/{i}">Most read headline {i}</a></li>' for i in range(10)),
        cards="".join(card.format(i=i) for i in range(40)),
        comments="".join(
            f'<div class="comment"><b>user{i}</b><p>Comment text {i}.</p></div>' for i in range(30)
        ),
    )


def paired(ours: Callable[[], Any], theirs: Callable[[], Any], repeat: int) -> tuple[float, float, float]:
    """Median seconds of each, and the median of their ratio, timed in alternation so that a slow
    moment of a shared machine falls on both sides of a pair (after one warm-up each)."""
    ours()
    theirs()
    a, b, ratios = [], [], []
    for _ in range(repeat):
        t = time.perf_counter()
        ours()
        a.append(time.perf_counter() - t)
        t = time.perf_counter()
        theirs()
        b.append(time.perf_counter() - t)
        ratios.append(a[-1] / b[-1])
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


def bench_article(
    engine: RuleClaimEngine, texts: list[str], repeat: int
) -> tuple[float, float, float, float]:
    """Seconds for the claim work and for trafilatura's plain text extraction with the median ratio
    of the pairs, and seconds for the extractor's own page extraction (the same trafilatura call
    with metadata and dates, as the service runs it)."""
    pages = [page(t) for t in texts]

    def extract_text() -> None:
        for p in pages:
            trafilatura.extract(p)

    def extract_pages() -> None:
        for p in pages:
            extract_page(p, "https://n.example/a")

    def claims() -> None:
        claims_of_story(engine, texts)

    ours, traf, ratio = paired(claims, extract_text, repeat)
    return ours, traf, ratio, best_of(extract_pages, repeat)


def labelled_stories() -> list[tuple[RuleClaimEngine, list[str]]]:
    """Each labelled story's engine (its own watchlist) and article texts, in processing order."""
    stories = []
    for labels in sorted(LABELLED.glob("*/*/claims.yaml")):
        folder = labels.parent
        files = yaml.safe_load(labels.read_text())["files"]
        texts = [load_article_file(folder / f).article.text for f in files]
        stories.append((RuleClaimEngine(read_watchlist_file(folder / "watchlist.yaml")), texts))
    return stories


def bench_labelled(repeat: int) -> tuple[float, float, int]:
    """Seconds for the claim work and for trafilatura's plain extraction over every labelled
    article, and the number of articles."""
    stories = labelled_stories()
    pages = [page(t) for _, texts in stories for t in texts]

    def extract_text() -> None:
        for p in pages:
            trafilatura.extract(p)

    def claims() -> None:
        for engine, texts in stories:
            claims_of_story(engine, texts)

    return best_of(claims, repeat), best_of(extract_text, repeat), len(pages)


def claims_of_story(engine: RuleClaimEngine, texts: list[str]) -> None:
    """Every article's claims, each compared with the claims stored before it, then stored."""
    index: dict[str, list[Claim]] = {}
    for i, text in enumerate(texts):
        found = engine.extract(ArticleText(url=f"https://n.example/{i}", text=text)).claims
        for c in found:
            engine.compare(c, [s for k in engine.lookup_keys(c) for s in index.get(k, [])])
        for c in found:
            for k in engine.index_keys(c):
                index.setdefault(k, []).append(c)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    repeat = 3 if quick else 7
    texts = seeds()
    engine = RuleClaimEngine(default_watchlist())
    small, large = bench_matching(texts, repeat)
    print(
        f"(a) matching, 3 seed articles: 10 entries {small * 1e3:.2f} ms, "
        f"10,000 entries {large * 1e3:.2f} ms, "
        f"ratio {large / small:.2f} (target <= 1.5)"
    )
    large_n = 100_000 if quick else 1_000_000
    small, large = bench_compare(engine, repeat, large_n)
    print(
        f"(b) lookup+compare, 6 new claims: 1,000 stored {small * 1e3:.2f} ms, {large_n:,} stored "
        f"{large * 1e3:.2f} ms, ratio {large / small:.2f} (target <= 2; in-memory key index standing in "
        "for the store's claim-key table)"
    )
    ours, traf, ratio, service = bench_article(engine, texts, 3 * repeat)
    print(
        f"(c) per article: mentions+claims+comparison {ours / len(texts) * 1e3:.2f} ms, trafilatura "
        f"{traf / len(texts) * 1e3:.2f} ms, ratio {ratio:.2f} (median of {3 * repeat} alternating pairs; "
        "target <= 0.30); against the "
        f"extractor's own page extraction ({service / len(texts) * 1e3:.2f} ms, with metadata and dates) "
        f"{ours / service:.2f}"
    )
    ours, traf, n = bench_labelled(3 if quick else 5)
    print(
        f"(c2) per article, {n} labelled real articles: mentions+claims+comparison {ours / n * 1e3:.2f} ms, "
        f"trafilatura {traf / n * 1e3:.2f} ms, ratio {ours / traf:.2f} (target <= 0.30)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
