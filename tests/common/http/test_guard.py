import ipaddress

import pytest

from claimwatch.common.http import AddressGuard, FetchError

BLOCKED = [
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # CGNAT
    "100.127.255.254",
    "0.0.0.0",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "2002:7f00:1::",  # 6to4 around 127.0.0.1
    "64:ff9b::a00:1",  # NAT64 around 10.0.0.1
]
PUBLIC = ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]


@pytest.mark.parametrize("ip", BLOCKED)
def test_non_public_addresses_are_refused_by_default(ip: str) -> None:
    assert not AddressGuard().address_allowed(ipaddress.ip_address(ip))


@pytest.mark.parametrize("ip", PUBLIC)
def test_public_addresses_are_allowed(ip: str) -> None:
    assert AddressGuard().address_allowed(ipaddress.ip_address(ip))


def test_allow_networks_opens_only_the_chosen_networks() -> None:
    guard = AddressGuard(["127.0.0.0/8", "10.5.0.0/16"])
    assert guard.address_allowed(ipaddress.ip_address("127.0.0.2"))
    assert guard.address_allowed(ipaddress.ip_address("::ffff:127.0.0.1"))
    assert guard.address_allowed(ipaddress.ip_address("10.5.1.1"))
    assert not guard.address_allowed(ipaddress.ip_address("10.6.1.1"))
    assert not guard.address_allowed(ipaddress.ip_address("::1"))


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("file:///etc/passwd", "bad_scheme"),
        ("gopher://127.0.0.1:70/_x", "bad_scheme"),
        ("ftp://example.com/", "bad_scheme"),
        ("//example.com/", "bad_scheme"),
        ("http:///path", "bad_url"),
        ("http://example.com:99999/", "bad_url"),
        ("http://2130706433/", "blocked_address"),
        ("http://0x7f000001/", "blocked_address"),
        ("http://0177.0.0.1/", "blocked_address"),
        ("http://127.1/", "blocked_address"),
        ("http://127.0.0.1/", "blocked_address"),
        ("http://[::1]/", "blocked_address"),
        ("http://[::ffff:127.0.0.1]/", "blocked_address"),
        ("http://169.254.169.254/latest/meta-data/", "blocked_address"),
    ],
)
def test_urls_refused_before_any_connection(url: str, kind: str) -> None:
    with pytest.raises(FetchError) as err:
        AddressGuard().check_url(url)
    assert err.value.kind == kind


def test_names_pass_the_static_check_and_are_checked_after_resolution() -> None:
    assert AddressGuard().check_url("https://Example.COM/feed") == "example.com"
    assert AddressGuard().check_url("https://cafe.be/feed") == "cafe.be"  # hex-looking letters, not a number
