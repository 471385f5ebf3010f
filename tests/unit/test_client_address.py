"""X-Forwarded-For is believed only from trusted proxies."""

from __future__ import annotations

import ipaddress

from app.web.client import resolve_client_address

PROXY = [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8")]


def test_untrusted_peer_is_the_client_whatever_it_claims():
    assert resolve_client_address("192.0.2.7", ["203.0.113.9"], PROXY) == "192.0.2.7"
    assert resolve_client_address("192.0.2.7", ["203.0.113.9"], []) == "192.0.2.7"


def test_trusted_proxy_passes_the_client_address_on():
    assert resolve_client_address("127.0.0.1", ["203.0.113.9"], PROXY) == "203.0.113.9"


def test_the_nearest_untrusted_hop_wins_over_a_spoofed_first_entry():
    assert resolve_client_address("127.0.0.1", ["198.51.100.1, 203.0.113.9, 10.1.1.1"], PROXY) == "203.0.113.9"


def test_garbage_in_the_header_falls_back_to_the_peer():
    assert resolve_client_address("127.0.0.1", ["not-an-ip"], PROXY) == "127.0.0.1"
    assert resolve_client_address("127.0.0.1", [], PROXY) == "127.0.0.1"
