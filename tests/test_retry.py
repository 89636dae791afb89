"""bot.retry: the one Retry-After parser and backoff."""

from __future__ import annotations

import random

from bot.retry import backoff_delay, retry_after_seconds


def test_retry_after_in_seconds_or_as_an_http_date():
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds(" 1.5 ") == 1.5
    assert retry_after_seconds("-3") == 0.0
    assert retry_after_seconds("Thu, 01 Jan 2026 00:01:00 GMT", now=1767225600.0) == 60.0
    assert retry_after_seconds("Thu, 01 Jan 2026 00:00:00 GMT", now=1767225660.0) == 0.0  # past
    for unreadable in (None, "", "soon", "nan", "Thu, 99 Foo"):
        assert retry_after_seconds(unreadable) is None


def test_backoff_doubles_with_jitter_within_the_cap_and_honours_retry_after():
    rng = random.Random(7)
    first, third = backoff_delay(1, base=2, cap=120, rng=rng), backoff_delay(3, base=2, cap=120, rng=rng)
    assert 1.6 <= first <= 2.4 and 6.4 <= third <= 9.6
    assert backoff_delay(10_000, base=2, cap=120, rng=rng) <= 144  # the cap, jittered; no overflow
    assert backoff_delay(1, base=2, cap=120, retry_after=30, rng=rng) == 30
    assert backoff_delay(1, base=2, cap=120, retry_after=9999, retry_after_cap=600, rng=rng) == 600
