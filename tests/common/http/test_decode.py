import gzip
import zlib

import pytest

from claimwatch.common.http import FetchError
from claimwatch.common.http.decode import BoundedDecoder


def _run(decoder: BoundedDecoder, data: bytes, chunk: int = 1000) -> bytes:
    out = []
    for i in range(0, len(data), chunk):
        out.extend(decoder.feed(data[i : i + chunk]))
    out.extend(decoder.flush())
    return b"".join(out)


def test_identity_passes_through_and_counts() -> None:
    assert _run(BoundedDecoder("", 100), b"x" * 100) == b"x" * 100
    with pytest.raises(FetchError, match="too_large"):
        _run(BoundedDecoder("identity", 99), b"x" * 100)


def test_gzip_and_zlib_deflate_and_raw_deflate_are_decoded() -> None:
    text = b"feed " * 10_000
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw_deflate = raw.compress(text) + raw.flush()
    assert _run(BoundedDecoder("gzip", 10**6), gzip.compress(text)) == text
    assert _run(BoundedDecoder("deflate", 10**6), zlib.compress(text)) == text
    assert _run(BoundedDecoder("deflate", 10**6), raw_deflate) == text


def test_concatenated_gzip_members_are_all_decoded() -> None:
    assert _run(BoundedDecoder("gzip", 100), gzip.compress(b"one ") + gzip.compress(b"two")) == b"one two"


def test_inflation_stops_at_the_cap_without_inflating_everything() -> None:
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024))
    decoder = BoundedDecoder("gzip", 1024 * 1024)
    with pytest.raises(FetchError) as err:
        decoder.feed(bomb)  # one network chunk holding the whole bomb
    assert err.value.kind == "too_large"
    assert decoder.total <= 1024 * 1024 + 256 * 1024


@pytest.mark.parametrize("encoding", ["br", "zstd", "gzip, gzip", "compress"])
def test_unrequested_encodings_are_refused(encoding: str) -> None:
    with pytest.raises(FetchError) as err:
        BoundedDecoder(encoding, 100)
    assert err.value.kind == "content_encoding"


def test_corrupt_gzip_is_a_content_encoding_error() -> None:
    with pytest.raises(FetchError) as err:
        _run(BoundedDecoder("gzip", 100), b"\x1f\x8b\x08\x00garbage-garbage")
    assert err.value.kind == "content_encoding"
