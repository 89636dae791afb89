"""Waiting before trying again: one Retry-After parser and one backoff for every HTTP client here.

    retry_after_seconds("120")                            # 120.0
    retry_after_seconds("Wed, 21 Oct 2026 07:28:00 GMT")  # seconds until then (0 when past)
    backoff_delay(3, base=2, cap=120)                     # 8 s ±20 %, never above the cap

Used by the fetcher (a page's 429/503), the link workers (a job's next attempt), the LLM client and
the follow-up updates. Slack's own 429s are waited out by slack-sdk's RateLimitErrorRetryHandler.
"""

from __future__ import annotations

import email.utils
import random
import time
from datetime import UTC


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """`Retry-After` as seconds: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None  # NaN is no number of seconds
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # an HTTP date is GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def backoff_delay(attempt: int, *, base: float, cap: float, retry_after: float | None = None,
                  retry_after_cap: float | None = None, rng: random.Random | None = None) -> float:
    """Seconds before attempt `attempt + 1` (the first retry is attempt 1): base·2^(attempt-1) ±20 %,
    at most `cap`, and never sooner than the server's Retry-After (itself at most `retry_after_cap`)."""
    exponent = min(max(attempt - 1, 0), 62)  # 2**62 floats fine; the cap applies anyway
    delay = min(cap, base * 2 ** exponent) * (rng or random).uniform(0.8, 1.2)
    if retry_after:
        delay = max(delay, min(retry_after, retry_after_cap) if retry_after_cap is not None else retry_after)
    return delay
