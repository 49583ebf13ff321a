"""Which addresses and URLs a fetch may reach (the SSRF guard).

Refused by default: private, loopback, link-local, CGNAT (100.64/10),
unspecified, multicast and reserved addresses, in IPv4 and IPv6, including
IPv4 addresses embedded in IPv6 (mapped, 6to4, Teredo, NAT64). Hosts written
as numbers other than a plain dotted quad (2130706433, 0x7f.1, 0177.0.0.1) are
refused outright: resolvers disagree on what they mean. `allow_networks` opens
chosen CIDRs.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from claimwatch.common.http.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = ("http", "https")
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)
_DOTTED_QUAD = re.compile(r"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


class AddressGuard:
    """Decides whether an address or URL may be fetched. Immutable; safe to share."""

    def __init__(self, allow_networks: Iterable[str] = ()) -> None:
        self._allow = tuple(ipaddress.ip_network(n, strict=False) for n in allow_networks)

    def _opened(self, ip: IPAddress) -> bool:
        return any(ip.version == net.version and ip in net for net in self._allow)

    def address_allowed(self, ip: IPAddress) -> bool:
        if self._opened(ip):
            return True
        if isinstance(ip, ipaddress.IPv6Address):
            inner = _embedded_v4(ip)
            if inner is not None:
                return self.address_allowed(inner)
            if ip.scope_id:
                return False
        if ip in _CGNAT:
            return False
        return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)

    def check_address(self, ip_text: str, *, host: str = "") -> IPAddress:
        """The parsed address, or FetchError('blocked_address') when it is refused."""
        try:
            ip = ipaddress.ip_address(ip_text.split("%", 1)[0])
        except ValueError as exc:
            raise FetchError("blocked_address", f"not an IP address: {ip_text!r}") from exc
        if not self.address_allowed(ip):
            shown = f"{host} -> {ip}" if host and host != ip_text else str(ip)
            raise FetchError("blocked_address", f"address not allowed: {shown} (see allow_networks)")
        return ip

    def check_url(self, url: str) -> str:
        """The URL's host after the static checks (scheme, numeric forms, IP literals).

        Names are checked again after resolution, at connect time.
        """
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises on a bad port
        except ValueError as exc:
            raise FetchError("bad_url", f"not a URL: {url!r}", url=url) from exc
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            raise FetchError("bad_scheme", f"scheme {parts.scheme or '(none)'!r} not allowed", url=url)
        host = (parts.hostname or "").rstrip(".").lower()
        if not host:
            raise FetchError("bad_url", f"no host in {url!r}", url=url)
        if ":" in host:  # IPv6 literal
            self.check_address(host)
            return host
        labels = host.split(".")
        if all(_NUMERIC_LABEL.match(label) for label in labels):
            if not _DOTTED_QUAD.match(host):
                raise FetchError("blocked_address", f"numeric host form not allowed: {host!r}", url=url)
            self.check_address(host)
        return host
