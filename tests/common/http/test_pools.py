import asyncio
from collections.abc import Iterator

import httpx
import pytest

from claimwatch.common.http import AddressGuard
from claimwatch.common.http.limits import HostLimiter
from claimwatch.common.http.origin import OriginPool
from claimwatch.common.http.pools import ShardedTransport
from tests.fixtures.http import LocalHTTPServer


@pytest.fixture
def servers() -> Iterator[list[LocalHTTPServer]]:
    """Four origins (one port each), every one serving /x."""
    started = [LocalHTTPServer() for _ in range(4)]
    for server in started:
        server.route("/x", b"ok" * 1000)
        server.start()
    yield started
    for server in started:
        server.stop()


@pytest.mark.real
async def test_idle_origin_pools_are_closed_beyond_the_limit(servers: list[LocalHTTPServer]) -> None:
    transport = ShardedTransport(AddressGuard(["127.0.0.0/8"]), per_origin=2, max_shards=2)
    async with httpx.AsyncClient(transport=transport) as client:
        for server in servers:
            response = await client.get(server.url("/x"))
            assert response.status_code == 200
            assert len(transport) <= 2


@pytest.mark.real
async def test_a_pool_in_use_is_not_closed_under_its_response(servers: list[LocalHTTPServer]) -> None:
    transport = ShardedTransport(AddressGuard(["127.0.0.0/8"]), per_origin=2, max_shards=1)
    async with (
        httpx.AsyncClient(transport=transport) as client,
        client.stream("GET", servers[0].url("/x")) as streaming,
    ):
        other = await client.get(servers[1].url("/x"))
        body = await streaming.aread()
    assert body == b"ok" * 1000 and other.status_code == 200


async def test_host_limiter_forgets_idle_hosts() -> None:
    limiter = HostLimiter(per_host=2, min_delay_s=0.0)
    async with limiter.slot("a.example"), limiter.slot("b.example"):
        assert len(limiter) == 2
    assert len(limiter) == 0


async def test_host_limiter_spaces_starts_by_the_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    limiter = HostLimiter(per_host=5, min_delay_s=10.0, clock=lambda: now[0])
    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)
        await real_sleep(0)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    for _ in range(3):
        async with limiter.slot("a.example"):
            pass
    assert slept == [10.0, 20.0]


def connections(transport: ShardedTransport) -> int:
    """Connections open to the one origin `transport` has served."""
    [shard] = transport._shards.values()
    pool = shard.transport._pool
    assert isinstance(pool, OriginPool)
    return pool.connections


@pytest.mark.real
async def test_sequential_requests_to_one_origin_reuse_one_connection(servers: list[LocalHTTPServer]) -> None:
    transport = ShardedTransport(AddressGuard(["127.0.0.0/8"]), per_origin=4, max_shards=4)
    async with httpx.AsyncClient(transport=transport) as client:
        for _ in range(5):
            assert (await client.get(servers[0].url("/x"))).status_code == 200
        assert connections(transport) == 1


@pytest.mark.real
async def test_an_origin_never_has_more_connections_than_its_limit(servers: list[LocalHTTPServer]) -> None:
    servers[0].route("/slow", b"ok", delay_s=0.2)
    transport = ShardedTransport(AddressGuard(["127.0.0.0/8"]), per_origin=2, max_shards=4)
    seen: list[int] = []
    async with httpx.AsyncClient(transport=transport) as client:

        async def get() -> int:
            response = await client.get(servers[0].url("/slow"))
            seen.append(connections(transport))
            return response.status_code

        started = asyncio.get_running_loop().time()
        statuses = await asyncio.gather(*(get() for _ in range(6)))
        elapsed = asyncio.get_running_loop().time() - started
    assert statuses == [200] * 6
    assert max(seen) <= 2
    assert elapsed >= 0.55  # six requests, two at a time, 0.2 s each
