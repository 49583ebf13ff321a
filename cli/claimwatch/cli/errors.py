"""One line and exit code 2 for anything a user got wrong; never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

USAGE_ERROR = 2


class UserError(Exception):
    """Something the user can fix: a bad setting, file or argument."""


def fail(message: str) -> NoReturn:
    print(f"claimwatch: {message}", file=sys.stderr)
    raise SystemExit(USAGE_ERROR)


def user_error_types() -> tuple[type[BaseException], ...]:
    from claimwatch.common.core.watchlist import WatchlistError
    from claimwatch.common.settings import SettingsError

    return (UserError, SettingsError, WatchlistError)


@contextmanager
def friendly_errors() -> Iterator[None]:
    try:
        yield
    except user_error_types() as exc:
        fail(str(exc))


def guarded(fn: Callable[[], None]) -> None:
    with friendly_errors():
        fn()
