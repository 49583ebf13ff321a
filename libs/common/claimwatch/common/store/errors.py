"""The store's own errors: callers never see SQLAlchemy or driver exceptions."""

from __future__ import annotations


class StoreError(Exception):
    """A store operation failed; the message says which and why."""


class StoreUnavailable(StoreError):
    """The database cannot be reached or is locked; retrying later may succeed."""


class AlreadyExists(StoreError):
    """A row with the same unique name or key exists already."""


class NotFound(StoreError):
    """The row an operation refers to does not exist."""
