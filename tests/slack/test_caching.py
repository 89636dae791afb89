"""bot.slack.caching.TimedCache: bounded in size and age; an answer asked for before a forget is stale."""

from __future__ import annotations

import time

from bot.slack.caching import TimedCache


def test_fresh_entries_are_hits_and_old_ones_misses():
    cache: TimedCache[bool] = TimedCache(10)
    cache.store("C1", True, expires=100.0)
    assert cache.lookup("C1", now=99.0) == (True, True)
    assert cache.lookup("C1", now=100.0) == (False, None)


def test_the_least_recently_used_entry_goes_first():
    cache: TimedCache[int] = TimedCache(2)
    cache.store("a", 1, 100.0)
    cache.store("b", 2, 100.0)
    cache.lookup("a", 0.0)
    cache.store("c", 3, 100.0)
    assert "a" in cache and "c" in cache and "b" not in cache and len(cache) == 2


def test_an_answer_asked_for_before_a_forget_is_not_stored():
    cache: TimedCache[bool] = TimedCache(10)
    asked = time.monotonic()  # a lookup starts (Slack is asked "is Verdict here?")
    cache.forget("C1")  # meanwhile Verdict is invited: the join event forgets the channel
    cache.store("C1", False, time.monotonic() + 60, asked_at=asked)  # the stale "no" comes back
    assert cache.lookup("C1", time.monotonic()) == (False, None)
    cache.store("C1", True, time.monotonic() + 60, asked_at=time.monotonic())  # asked after the forget
    assert cache.lookup("C1", time.monotonic()) == (True, True)
