"""Killable worker processes for CPU-bound work on hostile input, with a time limit per call.

A parser can spend minutes and hundreds of MB on one hostile document, and a
thread running it cannot be stopped. Each call here runs in a worker process
of its own pool slot; the event loop only waits on the worker's pipe, so the
service stays responsive. A call over its time limit has its worker killed and
the slot starts a fresh one on next use; a worker that dies is replaced the
same way; workers are also recycled after a number of calls so memory held by
parser caches is given back.

The function a pool runs must be importable by name (a spawned worker imports
it) and should turn its own failures into return values; anything it raises
comes back as WorkerCrashed.
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
from typing import Any

log = logging.getLogger(__name__)

_READY = "ready"
_JOIN_S = 2.0


class WorkerError(Exception):
    """A call did not complete in its worker."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WorkerTimeout(WorkerError):
    """The call ran over its time limit; its worker was killed (a thread is left to finish)."""


class WorkerCrashed(WorkerError):
    """The worker died, could not start, or the call raised."""


def _call(fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[bool, Any]:
    try:
        return True, fn(*args)
    except MemoryError:
        return False, "the call needs more memory than a worker may use"
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"


def _worker_main(conn: Connection, fn: Callable[..., Any], memory_limit_mb: int) -> None:
    """Worker process: answer argument tuples until EOF or None."""
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
        conn.send(_call(fn, request))


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    calls: int = 0
    busy: bool = False  # a caller is waiting on its pipe
    sending: Future[None] | None = None  # a request still being written to the pipe


class WorkerPool:
    """Runs `fn(*args)` off the event loop, in killable processes, with a time limit per call.

    `workers` processes (0: one background thread, for tiny machines and tests; a
    thread cannot be stopped, so a timed-out call there finishes in the
    background). Not thread-safe; use from one event loop.
    """

    def __init__(
        self,
        fn: Callable[..., Any],
        *,
        workers: int = 2,
        timeout_s: float = 30.0,
        max_calls_per_worker: int = 200,
        memory_limit_mb: int = 0,
        start_timeout_s: float = 60.0,
        name: str = "claimwatch-worker",
    ) -> None:
        if workers < 0:
            raise ValueError("workers must be >= 0")
        self._fn = fn
        self._workers = workers
        self._timeout_s = timeout_s
        self._max_calls = max(1, max_calls_per_worker)
        self._memory_limit_mb = memory_limit_mb
        self._start_timeout_s = start_timeout_s
        self._name = name
        # spawn, not fork: forking a process that runs an event loop and
        # client threads can copy held locks into the child.
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker | None] = asyncio.Queue()
        for _ in range(workers):
            self._idle.put_nowait(None)  # slots start their worker on first use
        self._live: set[_Worker] = set()
        self._threads: ThreadPoolExecutor | None = None  # workers=0: where calls run
        # Large arguments fill the pipe, so requests are written from these threads.
        self._senders = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix=f"{name}-send")
        self._closed = False
        self.restarts = 0  # workers replaced after a timeout or crash

    @property
    def closed(self) -> bool:
        return self._closed

    async def run(self, *args: Any, timeout_s: float | None = None, label: str = "") -> Any:
        """`fn(*args)` in a worker; WorkerTimeout or WorkerCrashed when it does not return."""
        if self._closed:
            raise RuntimeError("the worker pool is closed")
        limit = timeout_s if timeout_s is not None else self._timeout_s
        if self._workers == 0:
            ok, value = await self._in_thread(args, limit)
        else:
            ok, value = await self._in_worker(args, limit, label)
        if ok:
            return value
        raise WorkerCrashed(str(value))

    async def _in_thread(self, args: tuple[Any, ...], limit: float) -> tuple[bool, Any]:
        if self._threads is None:
            self._threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._name)
        loop = asyncio.get_running_loop()
        job = loop.run_in_executor(self._threads, _call, self._fn, args)
        try:
            async with asyncio.timeout(limit):
                return await job
        except TimeoutError:
            raise WorkerTimeout(f"took longer than {limit:g} s") from None

    async def _in_worker(self, args: tuple[Any, ...], limit: float, label: str) -> tuple[bool, Any]:
        worker = await self._acquire()
        worker.busy = True
        try:
            async with asyncio.timeout(limit):
                worker.sending = self._senders.submit(worker.conn.send, args)
                await asyncio.wrap_future(worker.sending)
                await _readable(worker.conn)
            reply: tuple[bool, Any] = worker.conn.recv()
        except TimeoutError:
            log.warning("%s: %s took over %g s; restarting its worker", self._name, label or "a call", limit)
            self._discard(worker)
            raise WorkerTimeout(f"took longer than {limit:g} s") from None
        except Exception as exc:  # EOF or a broken pipe: the worker died mid-call
            worker.process.join(0.2)  # let it be reaped, for its real exit code
            self._discard(worker)
            code = worker.process.exitcode
            log.warning("%s: worker died on %s (exit code %s)", self._name, label or "a call", code)
            raise WorkerCrashed(f"the worker process died (exit code {code})") from exc
        except BaseException:
            self._discard(worker)  # cancelled mid-call: its state is unknown
            raise
        worker.calls += 1
        worker.busy = False
        self._idle.put_nowait(worker)
        return reply

    async def _acquire(self) -> _Worker:
        worker = await self._idle.get()
        if worker is not None and (worker.calls >= self._max_calls or not worker.process.is_alive()):
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
            args=(child, self._fn, self._memory_limit_mb),
            name=self._name,
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
            raise WorkerCrashed("a worker process could not start") from exc
        except BaseException:
            self._stop(worker)
            raise
        if ready != _READY:
            self._stop(worker)
            raise WorkerCrashed("a worker process could not start")
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
        """Stop every worker; calls in flight fail with WorkerCrashed."""
        self._closed = True
        for worker in list(self._live):
            if worker.busy:
                worker.process.kill()  # its caller wakes on EOF and cleans up
            else:
                self._stop(worker)
        self._senders.shutdown(wait=False, cancel_futures=True)
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)

    async def __aenter__(self) -> WorkerPool:
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
