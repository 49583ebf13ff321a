"""What every repository part shares: sessions per call, error wrapping, insert-or-ignore."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import CursorResult, Engine
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.sql.dml import Insert
from sqlmodel import Session

from claimwatch.common.store.base import StoreModel
from claimwatch.common.store.engine import WRITE_LOCK
from claimwatch.common.store.errors import AlreadyExists, NotFound, StoreError, StoreUnavailable

IN_CHUNK = 500  # values per IN (...) list, well under every backend's parameter limit


@contextmanager
def wrap_errors(what: str) -> Iterator[None]:
    """Turn SQLAlchemy and driver errors into the store's own."""
    try:
        yield
    except StoreError:
        raise
    except IntegrityError as exc:
        if "foreign key" in str(exc.orig).lower():
            raise NotFound(f"{what}: refers to a row that does not exist ({exc.orig})") from exc
        raise AlreadyExists(f"{what}: {exc.orig}") from exc
    except OperationalError as exc:
        raise StoreUnavailable(f"{what}: database unavailable: {exc.orig}") from exc
    except (DBAPIError, SQLAlchemyError) as exc:
        raise StoreError(f"{what}: {exc}") from exc


class RepoBase:
    """Holds the engine; each public method opens one short session and returns detached rows."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._write_engine = engine.execution_options(**{WRITE_LOCK: True})

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    @contextmanager
    def _read(self, what: str) -> Iterator[Session]:
        with wrap_errors(what), Session(self._engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def _write(self, what: str) -> Iterator[Session]:
        """One transaction, committed on success, rolled back on any error."""
        with (
            wrap_errors(what),
            Session(self._write_engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def _insert_ignore(
        self, model: type[StoreModel], rows: Sequence[Mapping[str, Any]], conflict: Sequence[str]
    ) -> Insert:
        """INSERT … ON CONFLICT (conflict) DO NOTHING: a concurrent duplicate is not an error."""
        insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        return insert(model).values(list(rows)).on_conflict_do_nothing(index_elements=list(conflict))


def rowcount(result: Any) -> int:
    """Rows touched by an UPDATE or DELETE."""
    assert isinstance(result, CursorResult)
    return result.rowcount


def chunks(values: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]
