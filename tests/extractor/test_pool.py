"""The extraction pool: time limits, crashes, recycling, and a loop that keeps running."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from claimwatch.common.settings import load_settings
from claimwatch.extractor.pages import ExtractionError
from claimwatch.extractor.pool import ExtractionPool
from tests.extractor._targets import misbehaving

NEWS_PAGE = (Path(__file__).parent / "data" / "news_page.html").read_bytes()


@pytest.fixture
async def pool() -> AsyncIterator[ExtractionPool]:
    extraction = ExtractionPool(workers=1, timeout_s=10, memory_limit_mb=1024, target=misbehaving)
    yield extraction
    extraction.close()


async def extract_error(pool: ExtractionPool, url: str, timeout_s: float | None = None) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        await pool.extract(NEWS_PAGE, url, timeout_s)
    return caught.value


async def test_worker_process_extracts_text_and_metadata(pool: ExtractionPool) -> None:
    page = await pool.extract(NEWS_PAGE, "https://news.example.com/x")

    assert "Buk-M2E" in page.text
    assert page.title.startswith("Russian lawmaker says Pantsir")
    assert page.date is not None and page.date.isoformat() == "2025-11-02T09:30:00+00:00"


async def test_slow_page_times_out_and_the_pool_keeps_working(pool: ExtractionPool) -> None:
    await pool.extract(NEWS_PAGE, "https://news.example.com/warm")  # worker started, not timed
    started = time.monotonic()

    error = await extract_error(pool, "slow:30", timeout_s=0.5)

    assert error.kind == "timeout"
    assert time.monotonic() - started < 3
    assert pool.restarts == 1
    assert "Buk-M2E" in (await pool.extract(NEWS_PAGE, "https://news.example.com/after")).text


async def test_huge_page_over_a_tiny_time_limit_times_out() -> None:
    paragraph = "<p>" + "Pantsir-S1 systems were sent to Caracas by Il-76. " * 20 + "</p>\n"
    huge = ("<html><body><article>" + paragraph * 4000 + "</article></body></html>").encode()
    async with ExtractionPool(workers=1, max_bytes=len(huge) + 1) as extraction:
        await extraction.extract(NEWS_PAGE, "https://news.example.com/warm")

        with pytest.raises(ExtractionError) as caught:
            await extraction.extract(huge, "https://news.example.com/huge", timeout_s=0.05)

        assert caught.value.kind == "timeout"
        assert extraction.restarts == 1


async def test_worker_that_dies_is_a_crash_and_is_replaced(pool: ExtractionPool) -> None:
    error = await extract_error(pool, "crash:")

    assert error.kind == "crashed"
    assert "exit code 3" in error.message
    assert "Buk-M2E" in (await pool.extract(NEWS_PAGE, "https://news.example.com/after")).text


async def test_exception_in_extraction_is_a_crash_without_losing_the_worker(pool: ExtractionPool) -> None:
    before = (await pool.extract(b"", "pid:")).text

    error = await extract_error(pool, "raise:")

    assert error.kind == "crashed" and "KeyError" in error.message
    assert (await pool.extract(b"", "pid:")).text == before
    assert pool.restarts == 0


async def test_page_needing_more_memory_than_the_cap_is_too_large(pool: ExtractionPool) -> None:
    error = await extract_error(pool, "hog:")

    assert error.kind == "too_large"


async def test_empty_extraction_in_a_worker_keeps_its_kind(pool: ExtractionPool) -> None:
    deep = b"<html><body>" + b"<div>" * 300 + b"<p>text " * 50 + b"</div>" * 300 + b"</body></html>"

    with pytest.raises(ExtractionError) as caught:
        await pool.extract(deep, "https://news.example.com/deep")

    assert caught.value.kind == "empty"


async def test_oversized_page_is_refused_before_it_reaches_a_worker() -> None:
    async with ExtractionPool(workers=1, max_bytes=1000, target=misbehaving) as extraction:
        with pytest.raises(ExtractionError) as caught:
            await extraction.extract(b"x" * 1001, "crash:")  # would crash if it were sent

        assert caught.value.kind == "too_large"


async def test_event_loop_keeps_ticking_while_a_slow_page_is_extracted(pool: ExtractionPool) -> None:
    await pool.extract(b"", "pid:")  # start the worker outside the measured window
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.02)
            ticks += 1

    ticking = asyncio.create_task(ticker())
    page = await pool.extract(b"", "slow:1")
    ticking.cancel()

    assert page.text == "slept slow:1"
    assert ticks >= 25  # about 50 in one second when nothing blocks the loop


async def test_workers_are_recycled_after_their_page_quota() -> None:
    async with ExtractionPool(workers=1, max_pages_per_worker=2, target=misbehaving) as extraction:
        pids = [(await extraction.extract(b"", "pid:")).text for _ in range(3)]

    assert pids[0] == pids[1] != pids[2]


async def test_cancelled_extraction_replaces_its_worker(pool: ExtractionPool) -> None:
    before = (await pool.extract(b"", "pid:")).text
    task = asyncio.create_task(pool.extract(b"", "slow:30"))
    await asyncio.sleep(0.3)

    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert pool.restarts == 1
    assert (await pool.extract(b"", "pid:")).text != before


async def test_pages_run_in_parallel_on_several_workers() -> None:
    async with ExtractionPool(workers=2, target=misbehaving) as extraction:
        await asyncio.gather(*(extraction.extract(b"", "pid:") for _ in range(2)))
        started = time.monotonic()

        await asyncio.gather(*(extraction.extract(b"", "slow:0.8") for _ in range(2)))

        assert time.monotonic() - started < 1.5


async def test_thread_mode_extracts_and_enforces_the_time_limit() -> None:
    async with ExtractionPool(workers=0, target=misbehaving) as extraction:
        page = await extraction.extract(NEWS_PAGE, "https://news.example.com/x")
        with pytest.raises(ExtractionError) as caught:
            await extraction.extract(b"", "slow:0.4", timeout_s=0.1)

    assert "Buk-M2E" in page.text
    assert caught.value.kind == "timeout"


async def test_closed_pool_refuses_work() -> None:
    extraction = ExtractionPool(workers=1)
    extraction.close()

    with pytest.raises(RuntimeError):
        await extraction.extract(NEWS_PAGE, "https://news.example.com/x")


def test_pool_takes_its_limits_from_settings() -> None:
    settings = load_settings(extract_workers=0, fetch_max_bytes=10, extract_timeout_s=3)
    extraction = ExtractionPool.from_settings(settings)

    with pytest.raises(ExtractionError) as caught:
        asyncio.run(extraction.extract(b"x" * 11, "https://e.x/"))

    assert caught.value.kind == "too_large"


async def test_page_larger_than_the_pipe_buffer_reaches_the_worker(pool: ExtractionPool) -> None:
    page = await pool.extract(b"<p>Pantsir</p>" * 600_000, "pid:")  # 8.4 MB

    assert page.text.isdigit()


async def test_closing_the_pool_fails_pages_in_flight_as_crashed() -> None:
    extraction = ExtractionPool(workers=1, target=misbehaving)
    await extraction.extract(b"", "pid:")
    task = asyncio.create_task(extraction.extract(b"", "slow:30"))
    await asyncio.sleep(0.2)

    extraction.close()

    with pytest.raises(ExtractionError) as caught:
        await task
    assert caught.value.kind == "crashed"
