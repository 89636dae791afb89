"""Issue 11 item 6: IPv4-translated IPv6 (`::ffff:0:a.b.c.d`, RFC 2765) and local-use NAT64
(`64:ff9b:1::/48`, RFC 8215) are unwrapped like the other embedded forms, and refused.

No connection is ever attempted: socket.create_connection is recorded.
"""

from __future__ import annotations

import ipaddress

import pytest

from bot.config import Settings
from bot.errors import BlockedAddress
from bot.pipeline.fetching import Fetcher, Reach, address_reach


def rfc6052(prefix: str, length: int, v4: str) -> str:
    """Embed `v4` after a NAT64 prefix of `length` bits (RFC 6052 §2.2, the u octet left zero)."""
    bits = format(int(ipaddress.IPv6Address(prefix)), "0128b")[:length]
    four = format(int(ipaddress.IPv4Address(v4)), "032b")
    if length == 96:
        whole = bits + four
    else:
        merged = (bits + four).ljust(120, "0")
        whole = merged[:64] + "00000000" + merged[64:]
    return str(ipaddress.IPv6Address(int(whole.ljust(128, "0"), 2)))


LOOPBACK = ["::ffff:0:7f00:1", "::ffff:0:a00:1", *(rfc6052("64:ff9b:1::", n, "127.0.0.1") for n in (48, 56, 64, 96))]
METADATA = ["::ffff:0:a9fe:a9fe", *(rfc6052("64:ff9b:1::", n, "169.254.169.254") for n in (48, 56, 64, 96))]


def fetch(url: str, *, allow_private: bool, answers: dict | None = None):
    settings = Settings(_env_file=None, fetch_allow_private=allow_private, fetch_timeout=3)
    resolver = (lambda host, port: answers[host]) if answers else None
    with Fetcher(settings, resolver=resolver) as fetcher:
        return fetcher.fetch(url)


def test_the_embedded_forms_are_what_they_claim():
    assert rfc6052("64:ff9b:1::", 96, "127.0.0.1") == "64:ff9b:1::7f00:1"
    assert rfc6052("64:ff9b:1::", 48, "169.254.169.254") == "64:ff9b:1:a9fe:a9:fe00::"


@pytest.mark.parametrize("address", LOOPBACK)
def test_translated_and_local_nat64_loopback_is_private(address, connects):
    assert address_reach(ipaddress.IPv6Address(address)) == Reach.PRIVATE
    with pytest.raises(BlockedAddress):
        fetch(f"http://[{address}]/", allow_private=False)
    with pytest.raises(BlockedAddress):
        fetch("http://sneaky.test/", allow_private=False, answers={"sneaky.test": [address]})
    assert connects == []


@pytest.mark.parametrize("address", METADATA)
def test_translated_and_local_nat64_metadata_is_never_fetched(address, connects):
    assert address_reach(ipaddress.IPv6Address(address)) == Reach.NEVER
    with pytest.raises(BlockedAddress):
        fetch(f"http://[{address}]/latest/meta-data/", allow_private=True)
    with pytest.raises(BlockedAddress):
        fetch("http://cloud.test/", allow_private=True, answers={"cloud.test": [address]})
    assert connects == []
