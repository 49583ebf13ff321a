from __future__ import annotations

import pytest
import yaml

from claimwatch.common.core.watchlist import Watchlist, WatchlistError, dump_watchlist, load_watchlist


def test_variant_chain_runs_up_to_military_assistance(watchlist: Watchlist) -> None:
    assert watchlist.chain("Buk-M2E") == (
        "Buk-M2E",
        "Buk-M2",
        "air defence",
        "weapons",
        "military assistance",
    )


def test_known_category_without_systems_still_sits_under_weapons(watchlist: Watchlist) -> None:
    assert watchlist.chain("cruise missile") == ("cruise missile", "weapons", "military assistance")


def test_dump_then_load_gives_an_equal_watchlist(watchlist: Watchlist) -> None:
    again = load_watchlist(yaml.safe_load(yaml.safe_dump(dump_watchlist(watchlist))))
    assert again == watchlist
    assert again.chain("Buk-M2E") == watchlist.chain("Buk-M2E")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"systems": [{"aliases": ["x"]}]}, "systems[0]: missing 'name'"),
        (
            {"systems": [{"name": "A", "variant_of": "B"}]},
            "system 'A': variant_of 'B' is not a listed system",
        ),
        ({"actors": [{"name": "X", "kind": "planet"}]}, "actor 'X': kind 'planet' is not one of"),
        ({"actors": [{"name": "X", "aliases": "Y"}]}, "actor 'X': 'aliases' must be a list"),
        ({"systems": [{"name": "A"}, {"name": "A"}]}, "system 'A': listed twice"),
        ({"systems": "Buk"}, "'systems' must be a list"),
    ],
)
def test_invalid_entry_is_named_in_one_line(data: dict, message: str) -> None:
    with pytest.raises(WatchlistError) as err:
        load_watchlist(data)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_evaluation_watchlist_shape_loads_unchanged() -> None:
    data = {
        "systems": [{"name": "S-400", "aliases": ["Triumf"], "category": "air defence"}],
        "actors": [{"name": "Turkey"}],
    }
    w = load_watchlist(data)
    assert w.actors[0].kind == "country"
    assert dump_watchlist(w)["systems"] == data["systems"]


def test_bundled_default_watchlist_is_valid() -> None:
    from importlib import resources

    text = resources.files("claimwatch.cli").joinpath("data/watchlist.yaml").read_text()
    w = load_watchlist(yaml.safe_load(text))
    assert w.chain("Buk-M2E")[:2] == ("Buk-M2E", "Buk-M2")
    assert {a.name for a in w.actors} >= {"Russia", "Venezuela", "Alexei Zhuravlev"}


def test_chains_asked_again_come_back_unchanged(watchlist: Watchlist) -> None:
    first = {item: watchlist.chain(item) for item in ("Buk-M2E", "Buk-M2", "cruise missile", "weapons")}
    for item, chain in first.items():
        assert watchlist.chain(item) == chain
        assert chain[0] == item and chain[-1] == "military assistance"
