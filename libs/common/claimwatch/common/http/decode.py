"""Content decoding with a hard output cap, so a gzip bomb stops at the cap.

httpx would inflate a whole network chunk at once (64 KiB of gzip can become
64 MiB); here every step inflates at most STEP bytes and the running total is
checked before more is produced.
"""

from __future__ import annotations

import zlib

from claimwatch.common.http.errors import FetchError

STEP = 256 * 1024
SUPPORTED = ("identity", "gzip", "x-gzip", "deflate")
ACCEPT_ENCODING = "gzip, deflate"


class BoundedDecoder:
    """Feed raw body bytes in; get decoded bytes out, never more than `limit` in total."""

    def __init__(self, content_encoding: str, limit: int, url: str = "") -> None:
        encodings = [e.strip().lower() for e in content_encoding.split(",") if e.strip()]
        encodings = [e for e in encodings if e != "identity"]
        if len(encodings) > 1 or (encodings and encodings[0] not in SUPPORTED):
            raise FetchError(
                "content_encoding", f"unsupported Content-Encoding {content_encoding!r}", url=url
            )
        self._encoding = encodings[0] if encodings else "identity"
        self._limit = limit
        self._url = url
        self.total = 0
        self._z: zlib._Decompress | None = self._new() if self._encoding != "identity" else None
        self._raw_deflate_tried = False

    def _new(self, wbits: int | None = None) -> zlib._Decompress:
        # 47 = auto-detect gzip or zlib header; plain deflate servers sometimes send raw (-15).
        return zlib.decompressobj(wbits if wbits is not None else 47)

    def _count(self, n: int) -> None:
        self.total += n
        if self.total > self._limit:
            raise FetchError("too_large", f"body larger than {self._limit} bytes (decoded)", url=self._url)

    def feed(self, data: bytes) -> list[bytes]:
        if self._z is None:
            self._count(len(data))
            return [data] if data else []
        out: list[bytes] = []
        buf = data
        while buf:
            try:
                piece = self._z.decompress(buf, STEP)
            except zlib.error as exc:
                if self._encoding == "deflate" and not self._raw_deflate_tried and self.total == 0:
                    self._raw_deflate_tried = True
                    self._z = self._new(-15)
                    continue
                raise FetchError(
                    "content_encoding", f"corrupt {self._encoding} body: {exc}", url=self._url
                ) from exc
            self._count(len(piece))
            if piece:
                out.append(piece)
            if self._z.eof:
                # Concatenated gzip members: start again on what follows.
                buf = self._z.unused_data
                if buf:
                    self._z = self._new()
            else:
                buf = self._z.unconsumed_tail
        return out

    def flush(self) -> list[bytes]:
        if self._z is None:
            return []
        tail = self._z.flush(STEP)
        self._count(len(tail))
        return [tail] if tail else []
