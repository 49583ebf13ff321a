"""Render the alerts the seed articles produce, for docs/alerts.md.

Replays the bundled seed articles, picks the contradiction between Lavrov's
denial and Zhuravlev's delivery claim, and writes its Slack Block Kit JSON,
its email (text and HTML) and, when a headless Chromium is installed, PNG
pictures of both into docs/alerts/.

    .venv/bin/python docs/tools/render_alerts.py [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from claimwatch.alerter.email_render import build_email
from claimwatch.alerter.slack_render import render_event
from claimwatch.cli.replay import load_article_file, read_watchlist_file, replay_articles, replay_store
from claimwatch.common.events import ClaimMatched
from claimwatch.extractor.service import match_event

OUT = Path(__file__).resolve().parent.parent / "alerts"
PUBLIC_URL = "https://claimwatch.example.org"


def seed_contradiction() -> ClaimMatched:
    data = Path(str(resources.files("claimwatch.cli") / "data"))
    watchlist = read_watchlist_file(data / "watchlist.yaml")
    # Name each article by its path inside the repository, as a reader of these docs sees it.
    articles = [
        replace(loaded, ref=ref, article=replace(loaded.article, url=ref))
        for p in sorted((data / "seeds").glob("*.txt"))
        for loaded in [load_article_file(p)]
        for ref in [f"cli/claimwatch/cli/data/seeds/{p.name}"]
    ]
    with replay_store(None) as store:
        for stored in replay_articles(store, watchlist, articles):
            m = stored.match
            if (
                m.relation == "contradicts"
                and "Lavrov" in m.new.speaker
                and "Zhuravlev" in m.stored.speaker
                and m.stored.object in ("Pantsir-S1", "Buk-M2E")
            ):
                return match_event(stored, datetime(2025, 11, 3, 10, tzinfo=UTC), watchlist.chain)
    raise SystemExit("the seeds produced no Lavrov/Zhuravlev contradiction")


def mrkdwn_to_html(text: str) -> str:
    """Slack mrkdwn (already entity-escaped by the renderer) as HTML, for a preview picture."""
    out = re.sub(r"<([^|>]+)\|([^>]+)>", r'<a href="\1">\2</a>', text)
    out = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"<b>\1</b>", out)
    out = re.sub(r"(?<![\w_])_([^_\n]+)_(?![\w_])", r"<i>\1</i>", out)
    # A line opening with a literal ">" is a quote in mrkdwn (article text has its own ">" escaped).
    lines = [
        f"<blockquote>{line[1:]}</blockquote>" if line.startswith(">") else line for line in out.split("\n")
    ]
    return "<br>".join(lines)


def blocks_to_html(message: dict[str, Any]) -> str:
    parts = []
    for block in message["blocks"]:
        kind = block["type"]
        if kind == "header":
            parts.append(f'<div class="header">{html.escape(block["text"]["text"])}</div>')
        elif kind == "section" and "fields" in block:
            cells = "".join(f'<div class="field">{mrkdwn_to_html(f["text"])}</div>' for f in block["fields"])
            parts.append(f'<div class="fields">{cells}</div>')
        elif kind == "section":
            parts.append(f'<div class="section">{mrkdwn_to_html(block["text"]["text"])}</div>')
        elif kind == "context":
            items = " &nbsp;·&nbsp; ".join(mrkdwn_to_html(e["text"]) for e in block["elements"])
            parts.append(f'<div class="context">{items}</div>')
        elif kind == "divider":
            parts.append("<hr>")
    style = """body{font:15px/1.46 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;background:#fff;
      margin:0;padding:16px;color:#1d1c1d;width:860px} .msg{display:flex;gap:10px}
      .avatar{width:36px;height:36px;
      border-radius:6px;background:#3b5b7c;color:#fff;font-weight:700;display:flex;align-items:center;
      justify-content:center} .name{font-weight:900} .app{font-size:11px;background:#eee;padding:1px 4px;
      border-radius:3px;color:#555} .header{font-size:18px;font-weight:900;margin:6px 0}
      .fields{display:grid;grid-template-columns:1fr 1fr;gap:10px 24px;margin:8px 0} .section{margin:8px 0}
      .context{font-size:12px;color:#616061;margin:6px 0} blockquote{margin:2px 0;padding-left:10px;
      border-left:4px solid #ddd;color:#1d1c1d} a{color:#1264a3;text-decoration:none}"""
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{style}</style></head><body>"
        '<div class="msg"><div class="avatar">cw</div><div><span class="name">claimwatch</span> '
        f'<span class="app">APP</span> <span class="context">10:02</span>{"".join(parts)}</div></div>'
        "</body></html>"
    )


def screenshot(chromium: str, page: Path, png: Path, height: int) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--window-size=900,{height}",
                f"--screenshot={png}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    event = seed_contradiction()
    slack = render_event(event, PUBLIC_URL)
    (OUT / "contradiction.slack.json").write_text(json.dumps(slack, indent=2, ensure_ascii=False) + "\n")
    mail = build_email(
        event,
        dedupe_key=f"sub:1:match:{event.match_id}:email",
        sender="claimwatch@example.org",
        recipients=["analyst@example.org"],
        public_url=PUBLIC_URL,
        subscription_id=1,
        now=datetime(2025, 11, 3, 10, 2, tzinfo=UTC),
    )
    text_part = mail.get_body(("plain",))
    html_part = mail.get_body(("html",))
    assert text_part is not None and html_part is not None
    headers = "".join(
        f"{k}: {v}\n" for k, v in mail.items() if k.lower() not in ("content-type", "mime-version")
    )
    (OUT / "contradiction.email.txt").write_text(headers + "\n" + text_part.get_content())
    (OUT / "contradiction.email.html").write_text(html_part.get_content())
    (OUT / "contradiction.slack.html").write_text(blocks_to_html(slack))
    if args.chromium:
        screenshot(args.chromium, OUT / "contradiction.slack.html", OUT / "contradiction.slack.png", 560)
        screenshot(args.chromium, OUT / "contradiction.email.html", OUT / "contradiction.email.png", 520)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
