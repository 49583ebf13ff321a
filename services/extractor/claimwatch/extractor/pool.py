"""Page extraction in worker processes, with a per-page time limit.

trafilatura can spend minutes and hundreds of MB on one hostile page. Each
page runs in a worker process of its own pool slot; the event loop only waits
on the worker's pipe, so consumers keep heart-beating. A page over its time
limit has its worker killed and the slot restarts a fresh one on next use; a
worker that dies is replaced the same way; workers are also recycled after a
number of pages so memory held by parser caches is given back.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from claimwatch.extractor.pages import ExtractionError, PageContent, extract_page

if TYPE_CHECKING:
    from claimwatch.common.settings import Settings

log = logging.getLogger(__name__)

Target = Callable[[bytes | str, str, str | None], PageContent]
Reply = tuple[str, Any, str]  # ("ok", PageContent, "") or ("error", kind, message)

_READY = "ready"
_JOIN_S = 2.0


def run_target(target: Target, html: bytes | str, url: str, charset: str | None) -> Reply:
    """Call the extraction function, turning every failure into an error reply."""
    try:
        return ("ok", target(html, url, charset), "")
    except ExtractionError as exc:
        return ("error", exc.kind, exc.message)
    except MemoryError:
        return ("error", "too_large", "the page needs more memory than an extraction worker may use")
    except Exception as exc:
        return ("error", "crashed", f"extraction raised {type(exc).__name__}: {exc}")


def _worker_main(conn: Connection, target: Target, memory_limit_mb: int) -> None:
    """Worker process: answer (html, url, charset) requests until EOF or None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if memory_limit_mb > 0:
        import resource

        limit = memory_limit_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    conn.send(_READY)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if request is None:
            return
        conn.send(run_target(target, *request))


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    pages: int = 0
    busy: bool = False  # a caller is waiting on its pipe
    sending: Future[None] | None = None  # a request still being written to the pipe


class ExtractionPool:
    """Runs `extract_page` off the event loop with a time limit per page.

    `workers` processes (0: one background thread, for tiny machines and tests;
    a thread cannot be stopped, so a timed-out page there finishes in the
    background). Not thread-safe; use from one event loop.
    """

    def __init__(
        self,
        *,
        workers: int = 2,
        max_bytes: int = 15 * 1024 * 1024,
        timeout_s: float = 30.0,
        max_pages_per_worker: int = 200,
        memory_limit_mb: int = 0,
        start_timeout_s: float = 60.0,
        target: Target = extract_page,
    ) -> None:
        if workers < 0:
            raise ValueError("workers must be >= 0")
        self._workers = workers
        self._max_bytes = max_bytes
        self._timeout_s = timeout_s
        self._max_pages = max(1, max_pages_per_worker)
        self._memory_limit_mb = memory_limit_mb
        self._start_timeout_s = start_timeout_s
        self._target = target
        # spawn, not fork: forking a process that runs an event loop and
        # client threads can copy held locks into the child.
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker | None] = asyncio.Queue()
        for _ in range(workers):
            self._idle.put_nowait(None)  # slots start their worker on first use
        self._live: set[_Worker] = set()
        self._threads: ThreadPoolExecutor | None = None  # workers=0: where pages are extracted
        # Large pages fill the pipe, so requests are written from these threads.
        self._senders = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="claimwatch-send")
        self._closed = False
        self.restarts = 0  # workers replaced after a timeout or crash

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> ExtractionPool:
        options: dict[str, Any] = {
            "workers": settings.extract_workers,
            "max_bytes": settings.fetch_max_bytes,
            "timeout_s": settings.extract_timeout_s,
            "max_pages_per_worker": settings.extract_max_pages_per_worker,
            "memory_limit_mb": settings.extract_worker_memory_mb,
        }
        options.update(overrides)
        return cls(**options)

    async def extract(
        self, html: bytes | str, url: str, timeout_s: float | None = None, *, charset: str | None = None
    ) -> PageContent:
        """Text and metadata of one page, or ExtractionError (see its `kind`)."""
        if self._closed:
            raise RuntimeError("the extraction pool is closed")
        if len(html) > self._max_bytes:
            raise ExtractionError("too_large", f"page of {len(html)} bytes is over the {self._max_bytes} cap")
        limit = timeout_s if timeout_s is not None else self._timeout_s
        if self._workers == 0:
            reply = await self._in_thread(html, url, charset, limit)
        else:
            reply = await self._in_worker((html, url, charset), url, limit)
        status, value, message = reply
        if status == "ok":
            return value
        raise ExtractionError(value, message)

    async def _in_thread(self, html: bytes | str, url: str, charset: str | None, limit: float) -> Reply:
        if self._threads is None:
            self._threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimwatch-extract")
        loop = asyncio.get_running_loop()
        job = loop.run_in_executor(self._threads, run_target, self._target, html, url, charset)
        try:
            async with asyncio.timeout(limit):
                return await job
        except TimeoutError:
            raise ExtractionError("timeout", f"extraction took longer than {limit:g} s") from None

    async def _in_worker(self, request: tuple[bytes | str, str, str | None], url: str, limit: float) -> Reply:
        worker = await self._acquire()
        worker.busy = True
        try:
            async with asyncio.timeout(limit):
                worker.sending = self._senders.submit(worker.conn.send, request)
                await asyncio.wrap_future(worker.sending)
                await _readable(worker.conn)
            reply: Reply = worker.conn.recv()
        except TimeoutError:
            log.warning("extraction of %s took over %g s; restarting its worker", url, limit)
            self._discard(worker)
            raise ExtractionError("timeout", f"extraction took longer than {limit:g} s") from None
        except Exception as exc:  # EOF or a broken pipe: the worker died mid-page
            worker.process.join(0.2)  # let it be reaped, for its real exit code
            self._discard(worker)
            code = worker.process.exitcode
            log.warning("extraction worker died on %s (exit code %s)", url, code)
            raise ExtractionError("crashed", f"the extraction worker died (exit code {code})") from exc
        except BaseException:
            self._discard(worker)  # cancelled mid-page: its state is unknown
            raise
        worker.pages += 1
        worker.busy = False
        self._idle.put_nowait(worker)
        return reply

    async def _acquire(self) -> _Worker:
        worker = await self._idle.get()
        if worker is not None and (worker.pages >= self._max_pages or not worker.process.is_alive()):
            self._stop(worker)  # recycled: a fresh process gives back parser memory
            worker = None
        if worker is not None:
            return worker
        try:
            return await self._start()
        except BaseException:
            self._idle.put_nowait(None)
            raise

    async def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=_worker_main,
            args=(child, self._target, self._memory_limit_mb),
            name="claimwatch-extract",
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent, busy=True)  # busy: close() must not close its pipe under us
        self._live.add(worker)
        try:
            async with asyncio.timeout(self._start_timeout_s):
                await _readable(parent)
            ready = parent.recv()
        except (TimeoutError, EOFError, OSError) as exc:
            self._stop(worker)
            raise ExtractionError("crashed", "an extraction worker could not start") from exc
        except BaseException:
            self._stop(worker)
            raise
        if ready != _READY:
            self._stop(worker)
            raise ExtractionError("crashed", "an extraction worker could not start")
        return worker

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker whose state is unknown; its slot starts a new one on next use."""
        self._stop(worker)
        self.restarts += 1
        self._idle.put_nowait(None)

    def _stop(self, worker: _Worker) -> None:
        self._live.discard(worker)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(_JOIN_S)
        sending = worker.sending
        if sending is not None and not sending.done():
            # Closing under a writing thread could let it write into a reused descriptor.
            sending.add_done_callback(lambda _: worker.conn.close())
        else:
            worker.conn.close()

    def close(self) -> None:
        """Stop every worker; pages in flight fail with ExtractionError('crashed')."""
        self._closed = True
        for worker in list(self._live):
            if worker.busy:
                worker.process.kill()  # its caller wakes on EOF and cleans up
            else:
                self._stop(worker)
        self._senders.shutdown(wait=False, cancel_futures=True)
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)

    async def __aenter__(self) -> ExtractionPool:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()


async def _readable(conn: Connection) -> None:
    """Wait, without blocking the loop, until the pipe has data or is closed."""
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()
    fd = conn.fileno()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    try:
        loop.add_reader(fd, wake)
    except NotImplementedError:  # event loops without add_reader (Windows proactor)
        while not await asyncio.to_thread(conn.poll, 0.5):
            pass
        return
    try:
        await ready
    finally:
        loop.remove_reader(fd)
