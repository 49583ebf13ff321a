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
from typing import Any

from claimwatch.common.bus.memory import MemoryBus
from claimwatch.common.http import GuardedFetcher
from claimwatch.common.settings import Settings
from claimwatch.poller.memory import MemoryFeedStore
from claimwatch.poller.poller import Poller


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
    store = MemoryFeedStore()
    for url in urls:
        store.add_feed(url)
    shown = {
        "concurrency": args.concurrency,
        "per_host": args.per_host,
        "changed": args.changed,
        "farm_args": args.farm_args,
        "python": sys.version.split()[0],
    }
    async with MemoryBus() as bus, GuardedFetcher(settings) as fetcher:
        poller = Poller(settings=settings, store=store, bus=bus, fetcher=fetcher)
        await cycle("cycle1", poller, base, len(urls), shown)
        get_json(base + "/next-cycle")
        store.make_due()
        await cycle("cycle2", poller, base, len(urls), shown)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--farm", required=True, help="path to the feed farm script")
    p.add_argument("--feeds", type=int, default=1000)
    p.add_argument("--changed", type=float, default=0.1)
    p.add_argument("--concurrency", type=int, default=64, help="poll_concurrency (default 64)")
    p.add_argument("--per-host", type=int, default=4, help="poll_per_host_concurrency (default 4)")
    p.add_argument("--batch", type=int, default=500, help="poll_batch_size (default 500)")
    p.add_argument("--farm-args", default="", help="extra farm arguments, e.g. '--gzip --latency-ms 50'")
    args = p.parse_args()
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


if __name__ == "__main__":
    main()
