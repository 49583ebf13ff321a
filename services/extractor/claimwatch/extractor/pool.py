"""Page extraction in killable worker processes, with a per-page time limit.

trafilatura can spend minutes and hundreds of MB on one hostile page; the
generic `claimwatch.common.workers.WorkerPool` runs each page in a worker
process that is killed when the page runs over its time limit. This module
adds what is particular to pages: the size cap, and turning every failure
into an ExtractionError with its kind.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from claimwatch.common.workers import WorkerCrashed, WorkerPool, WorkerTimeout
from claimwatch.extractor.pages import ExtractionError, PageContent, extract_page

if TYPE_CHECKING:
    from claimwatch.common.settings import Settings

Target = Callable[[bytes | str, str, str | None], PageContent]
Reply = tuple[str, Any, str]  # ("ok", PageContent, "") or ("error", kind, message)


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
        self._max_bytes = max_bytes
        self._pool = WorkerPool(
            functools.partial(run_target, target),
            workers=workers,
            timeout_s=timeout_s,
            max_calls_per_worker=max_pages_per_worker,
            memory_limit_mb=memory_limit_mb,
            start_timeout_s=start_timeout_s,
            name="claimwatch-extract",
        )

    @property
    def restarts(self) -> int:
        """Workers replaced after a timeout or crash."""
        return self._pool.restarts

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
        if self._pool.closed:
            raise RuntimeError("the extraction pool is closed")
        if len(html) > self._max_bytes:
            raise ExtractionError("too_large", f"page of {len(html)} bytes is over the {self._max_bytes} cap")
        try:
            status, value, message = await self._pool.run(html, url, charset, timeout_s=timeout_s, label=url)
        except WorkerTimeout as exc:
            raise ExtractionError("timeout", f"extraction {exc.message}") from None
        except WorkerCrashed as exc:  # the worker died or could not start
            raise ExtractionError("crashed", f"extraction failed: {exc}") from exc
        if status == "ok":
            return value
        raise ExtractionError(value, message)

    def close(self) -> None:
        """Stop every worker; pages in flight fail with ExtractionError('crashed')."""
        self._pool.close()

    async def __aenter__(self) -> ExtractionPool:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()
