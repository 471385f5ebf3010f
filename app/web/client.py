"""The client's address as the application should believe it.

Behind nginx every peer is 127.0.0.1, so X-Forwarded-For is read — but only when the peer is a
configured trusted proxy (TRAJECTORY_TRUSTED_PROXIES); otherwise anyone could claim any address and
slip past the per-address sign-in throttling.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

from litestar import Request

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _is_trusted(address: str, trusted: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def resolve_client_address(peer: str, forwarded_for: Iterable[str], trusted: Sequence[Network]) -> str:
    """The nearest address in the X-Forwarded-For chain that is not a trusted proxy."""
    if not trusted or not _is_trusted(peer, trusted):
        return peer
    hops = [hop.strip() for header in forwarded_for for hop in header.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer
    return peer


def client_address(request: Request) -> str:
    peer = request.client.host if request.client else ""
    trusted = request.app.state.settings.trusted_proxy_networks
    return resolve_client_address(peer, request.headers.getall("x-forwarded-for", []), trusted)
