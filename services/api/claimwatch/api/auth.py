"""Bearer-token auth with two scopes: read (GET) and write (everything else).

The write token also reads. Tokens are compared in constant time and never
logged. `ensure_token` gives the embedded mode a generated write token, kept
in the data directory with owner-only permissions, so the API is never open.
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

Scope = Literal["read", "write"]
TOKEN_FILE = "api-token"  # noqa: S105 (a file name, not a secret)

_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <token>`")


class Tokens:
    def __init__(self, write: str, read: str | None = None) -> None:
        if not write:
            raise ValueError("an API write token is required")
        self._write = write.encode()
        self._read = read.encode() if read else None

    def scope_of(self, token: str) -> Scope | None:
        given = token.encode()
        if hmac.compare_digest(given, self._write):
            return "write"
        if self._read is not None and hmac.compare_digest(given, self._read):
            return "read"
        return None


def ensure_token(data_dir: Path) -> tuple[str, Path]:
    """The token stored in `data_dir`, created (0600) on first use."""
    path = data_dir / TOKEN_FILE
    if path.exists():
        return path.read_text().strip(), path
    data_dir.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(token + "\n")
    return token, path


def _require(scope: Scope) -> Callable[..., Scope]:
    def check(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Scope:
        challenge = {"WWW-Authenticate": "Bearer"}
        if credentials is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token", headers=challenge)
        tokens: Tokens = request.app.state.tokens
        granted = tokens.scope_of(credentials.credentials)
        if granted is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token", headers=challenge)
        if scope == "write" and granted != "write":
            raise HTTPException(status.HTTP_403_FORBIDDEN, "this token may only read")
        return granted

    return check


CanRead = Annotated[Scope, Depends(_require("read"))]
CanWrite = Annotated[Scope, Depends(_require("write"))]
