"""The `claimwatch` command as a user runs it: exit codes, one-line errors, outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimwatch.cli.app import app
from tests.e2e.site import SEEDS, WATCHLIST, publish_seed_site
from tests.fixtures.http import LocalHTTPServer

runner = CliRunner()


def _claimwatch(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "claimwatch.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=120,
    )


def test_an_invalid_setting_prints_one_line_naming_it_and_exits_2(tmp_path: Path) -> None:
    result = _claimwatch("db", "upgrade", env={"CLAIMWATCH_API_PORT": "99999"}, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "CLAIMWATCH_API_PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_watchlist_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "w.yaml"
    bad.write_text("systems:\n  - name: Buk-M2E\n    variant_of: Buk-M2\n")
    result = _claimwatch("replay", str(SEEDS / "000_4897e8559d5dd4db.txt"), "--watchlist", str(bad))
    assert result.returncode == 2
    assert "Buk-M2E" in result.stderr and "Traceback" not in result.stderr
    missing = _claimwatch("replay", "nope.txt", "--watchlist", str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2 and "missing.yaml" in missing.stderr


def test_replay_prints_one_json_object_per_match_with_both_sides() -> None:
    files = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    result = runner.invoke(app, ["replay", *files, "--watchlist", str(WATCHLIST), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert {line["relation"] for line in lines} == {"corroborates", "contradicts"}
    for line in lines:
        assert isinstance(line["independent"], bool) and line["explanation"]
        for side in ("new", "stored"):
            assert {"article", "outlet", "sentence", "claim"} <= set(line[side])
        assert line["new"]["article"] != line["stored"]["article"]


def test_demo_shows_contradictions_and_echoes_for_the_seeds() -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "CONTRADICTS" in result.output
    assert "CORROBORATES echo" in result.output
    assert "Lavrov" in result.output


def test_extract_prints_text_and_metadata_of_a_local_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Air defence for Caracas</title></head><body><article>"
        + "<p>Russia delivered Pantsir-S1 systems to Venezuela, a deputy said on Saturday.</p>" * 5
        + "</article></body></html>"
    )
    result = runner.invoke(app, ["extract", str(page), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "Pantsir-S1" in data["text"]


def test_feeds_import_and_export_opml(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline type="rss" text="A" xmlUrl="https://a.example/rss"/></body></opml>'
    )
    env = {"CLAIMWATCH_DATA_DIR": str(tmp_path / "data")}
    imported = runner.invoke(app, ["feeds", "import", str(opml)], env=env)
    assert imported.exit_code == 0, imported.output
    assert "1 new" in imported.output
    exported = runner.invoke(app, ["feeds", "export"], env=env)
    assert "https://a.example/rss" in exported.output


def test_track_stores_a_claim_read_with_the_watchlist(tmp_path: Path) -> None:
    env = {"CLAIMWATCH_DATA_DIR": str(tmp_path / "data"), "CLAIMWATCH_WATCHLIST_FILE": str(WATCHLIST)}
    result = runner.invoke(app, ["track", "Russia delivered Pantsir-S1 to Venezuela"], env=env)
    assert result.exit_code == 0, result.output
    assert "Russia transfer Pantsir-S1 to Venezuela" in result.output
    nothing = runner.invoke(app, ["track", "It rained"], env=env)
    assert nothing.exit_code == 2


@pytest.mark.real
def test_poll_once_discovers_every_entry_of_a_local_feed(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    feed = publish_seed_site(http_server)
    env = {
        "CLAIMWATCH_DATA_DIR": str(tmp_path / "data"),
        "CLAIMWATCH_FEEDS": json.dumps([feed]),
        "CLAIMWATCH_ALLOW_NETWORKS": '["127.0.0.0/8"]',
        "CLAIMWATCH_WATCHLIST_FILE": str(WATCHLIST),
    }
    first = _claimwatch("poll", "--once", env=env)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout.splitlines()[-1]) == {
        "feeds": 1,
        "discovered": 3,
        "revised": 0,
        "failed": 0,
    }
    # With no bus to hand them on, the articles were read and alerted on before exit.
    assert "Contradiction" in first.stdout
    second = _claimwatch("poll", "--once", env=env)
    assert json.loads(second.stdout.splitlines()[-1])["discovered"] == 0
