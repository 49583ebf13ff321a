#!/usr/bin/env python3
"""Poller benchmark on a local feed farm: two poll cycles, feeds/s and memory.

    python bench/bench_poller.py --farm PATH/TO/feedfarm.py --feeds 1000

`--farm` is a local feed farm script that serves N RSS feeds with ETags on a
loopback address: it prints one JSON line {"base": ...} at start, lists its
feeds at /list.txt, answers /stats, and at /next-cycle changes a fraction of
the feeds (new item, new ETag). The benchmark starts it, registers every feed
in the poller's in-memory store, and runs the real poller (guarded fetcher,
feed parsing, discovery) publishing to the in-memory bus:

  cycle1  every feed fetched and parsed (all 200)
  (GET /next-cycle)
  cycle2  conditional GETs (mostly 304; changed feeds are parsed again)

One JSON line per cycle: seconds, feeds_per_s, cpu_s, rss_peak_mb, the farm's
200/304 counts and the poller's own summary. The farm is stopped at the end.

With `--peer SCRIPT --peer-python PY`, claimwatch and a peer poller (for example
lemon24/reader's benchmark script, run by a Python of its own venv) run in turn on
fresh farms of the same size, each in its own process, and one JSON line per
round and cycle gives both feeds/s, the ratio claimwatch/peer and both peak RSS:

    python bench/bench_poller.py --farm feedfarm.py --feeds 10000 \\
        --peer peer_reader_bench.py --peer-python /path/to/reader-venv/bin/python
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from claimwatch.common.bus.memory import MemoryBus
from claimwatch.common.events import TOPIC_ARTICLES
from claimwatch.common.http import GuardedFetcher
from claimwatch.common.settings import Settings
from claimwatch.poller.memory import MemoryFeedStore
from claimwatch.poller.poller import Poller

_LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


class ExtractorStandIn(MemoryFeedStore):
    """The poller's store, plus what the extractor would have stored, kept compact.

    In production the articles live in the database, not in the poller; here a
    consumer of the bus marks each discovered article stored, keeping 8 bytes of
    its URL hash, so the poller's own memory is what the figures show.
    """

    def __init__(self) -> None:
        super().__init__()
        self.stored: set[int] = set()

    async def stored_entry_versions(self, *, hashes: Iterable[str]) -> Mapping[str, datetime]:
        # The farm's RSS items carry no `updated` time, so a stored article's version is never
        # compared: any timestamp serves.
        return {h: _LONG_AGO for h in hashes if int(h[:16], 16) in self.stored}

    async def consume(self, event: Any) -> None:
        self.stored.add(int(event.url_hash[:16], 16))


def get_json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)


def rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def rss_now_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def cycle(name: str, poller: Poller, base: str, n: int, settings: dict[str, Any]) -> None:
    before = get_json(base + "/stats")["totals"]["feed"]
    cpu0, t0 = cpu_s(), time.perf_counter()
    summary = await poller.run_once()
    dt, cpu = time.perf_counter() - t0, cpu_s() - cpu0
    after = get_json(base + "/stats")["totals"]["feed"]
    print(
        json.dumps(
            {
                "phase": name,
                "feeds": n,
                "seconds": round(dt, 2),
                "feeds_per_s": round(n / dt, 1),
                "cpu_s": round(cpu, 2),
                "rss_peak_mb": round(rss_peak_mb(), 1),
                "rss_now_mb": round(rss_now_mb(), 1),
                "farm_200": after["200"] - before["200"],
                "farm_304": after["304"] - before["304"],
                "polled": summary.feeds,
                "ok": summary.ok,
                "not_modified": summary.not_modified,
                "failed": summary.failed,
                "published": summary.discovered,
                "settings": settings,
            }
        ),
        flush=True,
    )


async def bench(base: str, urls: list[str], args: argparse.Namespace) -> None:
    settings = Settings(
        allow_networks=["127.0.0.0/8"],
        poll_concurrency=args.concurrency,
        poll_per_host_concurrency=args.per_host,  # the whole farm is one host
        poll_batch_size=args.batch,
    )
    store = ExtractorStandIn()
    for url in urls:
        store.add_feed(url)
    shown = {
        "concurrency": args.concurrency,
        "per_host": args.per_host,
        "changed": args.changed,
        "farm_args": args.farm_args,
        "python": sys.version.split()[0],
    }
    stop = asyncio.Event()
    async with MemoryBus() as bus, GuardedFetcher(settings) as fetcher:
        extractor = asyncio.create_task(bus.consume([TOPIC_ARTICLES], "extractor", store.consume, stop=stop))
        poller = Poller(settings=settings, store=store, bus=bus, fetcher=fetcher)
        await cycle("cycle1", poller, base, len(urls), shown)
        while bus.lag(TOPIC_ARTICLES, "extractor"):  # noqa: ASYNC110 (the stand-in catches up first)
            await asyncio.sleep(0.05)
        get_json(base + "/next-cycle")
        store.make_due()
        await cycle("cycle2", poller, base, len(urls), shown)
        stop.set()
        await extractor


def run_self(args: argparse.Namespace) -> None:
    cmd = [sys.executable, args.farm, "--feeds", str(args.feeds), "--changed", str(args.changed)]
    farm = subprocess.Popen([*cmd, *args.farm_args.split()], stdout=subprocess.PIPE, text=True)
    try:
        assert farm.stdout is not None
        base = json.loads(farm.stdout.readline())["base"]
        with urllib.request.urlopen(base + "/list.txt", timeout=30) as r:
            urls = r.read().decode().split()
        asyncio.run(bench(base, urls, args))
    finally:
        os.kill(farm.pid, signal.SIGTERM)
        try:
            farm.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(farm.pid, signal.SIGKILL)
            farm.wait()


def _phases(cmd: list[str]) -> dict[str, dict[str, Any]]:
    """Run one side in its own process (its own memory figures); its JSON lines by phase."""
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=3600).stdout
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return {line["phase"]: line for line in lines if "phase" in line}


def compare(args: argparse.Namespace) -> None:
    """claimwatch and the peer in turn, round by round; figures and ratios from this one run."""
    ours_cmd = [
        sys.executable,
        __file__,
        "--run-self",
        "--farm",
        args.farm,
        "--feeds",
        str(args.feeds),
        "--changed",
        str(args.changed),
        "--concurrency",
        str(args.concurrency),
        "--per-host",
        str(args.per_host),
        "--batch",
        str(args.batch),
        "--farm-args",
        args.farm_args,
    ]
    peer_cmd = [
        args.peer_python,
        args.peer,
        "--feeds",
        str(args.feeds),
        "--changed",
        str(args.changed),
        "--farm",
        args.farm,
    ]
    if args.farm_args:
        peer_cmd += ["--farm-args", args.farm_args]
    peer_names = {"cycle1": "update1", "cycle2": "update2"}
    for round_no in range(1, args.rounds + 1):
        ours, peer = _phases(ours_cmd), _phases(peer_cmd)
        for phase, peer_phase in peer_names.items():
            a, b = ours[phase], peer[peer_phase]
            print(
                json.dumps(
                    {
                        "round": round_no,
                        "feeds": args.feeds,
                        "phase": phase,
                        "claimwatch_feeds_per_s": a["feeds_per_s"],
                        "peer_feeds_per_s": b["feeds_per_s"],
                        "ratio": round(a["feeds_per_s"] / b["feeds_per_s"], 2),
                        "claimwatch_rss_peak_mb": a["rss_peak_mb"],
                        "peer_rss_peak_mb": b["rss_peak_mb"],
                    }
                ),
                flush=True,
            )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--farm", required=True, help="path to the feed farm script")
    p.add_argument("--feeds", type=int, default=1000)
    p.add_argument("--changed", type=float, default=0.1)
    p.add_argument("--concurrency", type=int, default=64, help="poll_concurrency (default 64)")
    p.add_argument("--per-host", type=int, default=4, help="poll_per_host_concurrency (default 4)")
    p.add_argument("--batch", type=int, default=128, help="poll_batch_size (default 128)")
    p.add_argument("--farm-args", default="", help="extra farm arguments, e.g. '--gzip --latency-ms 50'")
    p.add_argument(
        "--peer", help="a peer benchmark script run on the same farm (prints update1/update2 lines)"
    )
    p.add_argument("--peer-python", default=sys.executable, help="the Python that runs --peer (its own venv)")
    p.add_argument("--rounds", type=int, default=1, help="with --peer: rounds of claimwatch then peer")
    p.add_argument("--run-self", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.peer and not args.run_self:
        compare(args)
    else:
        run_self(args)


if __name__ == "__main__":
    main()
