"""A small watchlist shared by the claim engine tests."""

from __future__ import annotations

import pytest

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.watchlist import Watchlist, load_watchlist

WATCHLIST = {
    "systems": [
        {"name": "Pantsir-S1", "aliases": ["Pantsir S1", "Панцирь-С1"], "category": "air defence"},
        {"name": "Buk-M2", "aliases": ["Buk M2"], "category": "air defence"},
        {"name": "Buk-M2E", "aliases": ["Buk M2E"], "variant_of": "Buk-M2", "category": "air defence"},
        {"name": "S-400", "aliases": ["S400 Triumf"], "category": "air defence"},
        {"name": "Shahed-136", "aliases": ["Shahed", "Geran-2"], "category": "drone"},
        {"name": "Il-76", "category": "transport aircraft"},
        {"name": "Su-30MK2", "category": "fighter aircraft"},
    ],
    "actors": [
        {"name": "Russia", "kind": "country"},
        {"name": "Venezuela", "kind": "country"},
        {"name": "Iran", "kind": "country"},
        {"name": "Turkey", "kind": "country"},
        {"name": "United States", "kind": "country"},
        {"name": "Alexei Zhuravlev", "kind": "person", "country": "Russia"},
        {"name": "Sergey Lavrov", "kind": "person", "country": "Russia"},
    ],
}


@pytest.fixture(scope="module")
def watchlist() -> Watchlist:
    return load_watchlist(WATCHLIST)


@pytest.fixture(scope="module")
def engine(watchlist: Watchlist) -> RuleClaimEngine:
    return RuleClaimEngine(watchlist)
