"""The `claimwatch` command. Each command builds what it needs when it runs."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .errors import UserError, friendly_errors

if TYPE_CHECKING:
    from claimwatch.common.settings import Settings

app = typer.Typer(
    help="Watch news for claims about weapon systems and actors; alert on corroboration and contradiction.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
feeds_app = typer.Typer(help="Feed lists (OPML).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(feeds_app, name="feeds")

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", "-c", help="YAML or TOML settings file (env CLAIMWATCH_CONFIG).")
]
Format = Annotated[str, typer.Option("--format", "-f", help="text or jsonl.")]


def _settings(config: Path | None) -> Settings:
    from claimwatch.common.settings import load_settings

    return load_settings(config)


def _run_async(main: Callable[[asyncio.Event], Awaitable[None]]) -> None:
    from .runtime import run_until_signalled

    run_until_signalled(main)


@app.command()
def run(config: ConfigOpt = None) -> None:
    """Run every service in one process: in-process bus, SQLite, API on 127.0.0.1:8080."""
    with friendly_errors():
        settings = _settings(config)
        from .runtime import run_embedded

        _run_async(lambda stop: run_embedded(settings, stop))


def _service(name: str, config: Path | None) -> None:
    with friendly_errors():
        settings = _settings(config)
        from .runtime import run_service

        _run_async(lambda stop: run_service(name, settings, stop))


@app.command()
def poller(config: ConfigOpt = None) -> None:
    """Run the poller alone (Kafka mode); /healthz and /metrics on the metrics port."""
    _service("poller", config)


@app.command()
def extractor(config: ConfigOpt = None) -> None:
    """Run the extractor alone (Kafka mode)."""
    _service("extractor", config)


@app.command()
def alerter(config: ConfigOpt = None) -> None:
    """Run the alerter alone (Kafka mode)."""
    _service("alerter", config)


@app.command()
def api(config: ConfigOpt = None) -> None:
    """Run the configuration API alone."""
    _service("api", config)


@db_app.command("upgrade")
def db_upgrade(config: ConfigOpt = None) -> None:
    """Create or migrate the database schema to the newest version."""
    with friendly_errors():
        settings = _settings(config)
        from claimwatch.common.store import upgrade

        settings.data_dir.mkdir(parents=True, exist_ok=True)
        upgrade(settings.effective_database_url)
        typer.echo("database is up to date")


@app.command()
def poll(
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once, then exit.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Poll feeds: `--once` runs one cycle over every feed and exits (cron, tests, benchmarks)."""
    with friendly_errors():
        if not once:
            raise UserError(
                "use `claimwatch poll --once`, or `claimwatch run` / `claimwatch poller` to keep polling"
            )
        settings = _settings(config)
        from .runtime import poll_once

        summary = asyncio.run(poll_once(settings))
        typer.echo(json.dumps(summary))


@app.command()
def replay(
    files: Annotated[list[Path], typer.Argument(help="Article files, processed in the order given.")],
    watchlist: Annotated[Path, typer.Option("--watchlist", "-w", help="Watchlist YAML.")],
    fmt: Format = "text",
    db: Annotated[str | None, typer.Option("--db", help="Database URL (default: a temporary one).")] = None,
) -> None:
    """Push local article files through the claim path and print every match."""
    with friendly_errors():
        if fmt not in ("text", "jsonl"):
            raise UserError(f"--format must be text or jsonl, not {fmt!r}")
        from .replay import load_article_file, print_match, read_watchlist_file, replay_articles, replay_store

        wl = read_watchlist_file(watchlist)
        articles = [load_article_file(p) for p in files]
        with replay_store(db) as store:
            for match in replay_articles(store, wl, articles):
                print_match(match, fmt, sys.stdout)


@app.command()
def demo(fmt: Format = "text") -> None:
    """Replay the bundled seed articles with the bundled watchlist: the founding example."""
    with friendly_errors():
        from .replay import load_article_file, print_match, read_watchlist_file, replay_articles, replay_store

        data = resources.files("claimwatch.cli") / "data"
        with resources.as_file(data) as folder:
            wl = read_watchlist_file(folder / "watchlist.yaml")
            articles = [load_article_file(p) for p in sorted((folder / "seeds").glob("*.txt"))]
            if fmt == "text":
                typer.echo(f"Replaying {len(articles)} seed articles against the demo watchlist…\n")
            with replay_store(None) as store:
                for match in replay_articles(store, wl, articles):
                    print_match(match, fmt, sys.stdout)


@app.command()
def extract(
    source: Annotated[str, typer.Argument(help="A local HTML/text file or an http(s) URL.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    config: ConfigOpt = None,
) -> None:
    """Print the text and metadata the extractor would store for one page."""
    with friendly_errors():
        from .inspect import extract_command

        extract_command(source, fmt, _settings(config))


@app.command()
def track(
    text: Annotated[
        str, typer.Argument(help='A claim in plain English, e.g. "Iran delivered Shahed drones to Russia".')
    ],
    config: ConfigOpt = None,
) -> None:
    """Track a claim: later articles that corroborate or contradict it raise alerts."""
    with friendly_errors():
        from .inspect import track_command

        track_command(text, _settings(config))


@feeds_app.command("import")
def feeds_import(file: Path, config: ConfigOpt = None) -> None:
    """Add the feeds listed in an OPML file."""
    with friendly_errors():
        from .inspect import feeds_import_command

        feeds_import_command(file, _settings(config))


@feeds_app.command("export")
def feeds_export(config: ConfigOpt = None) -> None:
    """Print every feed as OPML 2.0."""
    with friendly_errors():
        from .inspect import feeds_export_command

        feeds_export_command(_settings(config))


def main() -> None:
    app()
