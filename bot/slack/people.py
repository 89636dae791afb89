"""People, as Slack knows them: display names for digests (so nobody is pinged) and timezones for schedules.

    people = poster.people                      # one cache per SlackPoster
    people.display_name("U123")                 # 'Alice Chen' — or None when Slack can't say
    people.timezone("U123")                     # 'Europe/Berlin' (users.info → tz) or None
    asker_timezone_spec(poster, "U123", "weekdays 9:00")   # the asker's tz added to a schedule without one

One `users.info` per person per `ttl` (names and zones change rarely; a day is fine), bounded in size.
A failed lookup is remembered briefly (`failure_ttl`) so a digest of 500 briefs by one person whose
lookup fails asks once, not 500 times.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.digests.grammar import ScheduleError, canonical_timezone, with_timezone
from bot.errors import DeliveryError
from bot.slack.caching import TimedCache

logger = logging.getLogger(__name__)

PEOPLE_TTL_SECONDS = 24 * 3600.0
FAILURE_TTL_SECONDS = 60.0
MAX_CACHED_PEOPLE = 10_000


@dataclass(frozen=True)
class Person:
    user_id: str
    name: str | None
    tz: str | None


def _name_of(user: dict) -> str | None:
    raw = user.get("profile")
    profile: dict = raw if isinstance(raw, dict) else {}
    for value in (profile.get("display_name"), profile.get("real_name"), user.get("real_name"), user.get("name")):
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:80]
    return None


class People:
    def __init__(self, poster, *, ttl: float = PEOPLE_TTL_SECONDS, failure_ttl: float = FAILURE_TTL_SECONDS,
                 max_size: int = MAX_CACHED_PEOPLE, clock: Callable[[], float] = time.monotonic):
        self.poster = poster
        self.ttl = ttl
        self.failure_ttl = failure_ttl
        self.max_size = max_size
        self._clock = clock
        self._cache: TimedCache[Person | None] = TimedCache(max_size)

    def get(self, user_id: str) -> Person | None:
        if not user_id or self.poster is None:
            return None
        now = self._clock()
        known, cached = self._cache.lookup(user_id, now)
        if known:
            return cached
        person: Person | None
        try:
            user = self.poster.user_info(user_id)
            tz = user.get("tz") if isinstance(user.get("tz"), str) else None
            person, expires = Person(user_id, _name_of(user), tz), now + self.ttl
        except DeliveryError as error:
            logger.info("users.info %s failed: %s", user_id, error)
            person, expires = None, now + self.failure_ttl
        self._cache.store(user_id, person, expires)
        return person

    def display_name(self, user_id: str) -> str | None:
        person = self.get(user_id)
        return person.name if person else None

    def timezone(self, user_id: str) -> str | None:
        person = self.get(user_id)
        return person.tz if person else None




def asker_timezone_spec(poster, user_id: str | None, spec: str) -> tuple[str, str | None]:
    """(spec with the asker's Slack timezone added when it names none, a note saying so, or None).

        asker_timezone_spec(poster, "U1", "weekdays 9:00")   # ('weekdays 9:00 Europe/Berlin', '(Europe/Berlin …)')
    """
    tz = poster.people.timezone(user_id) if (poster is not None and user_id) else None
    if not tz:
        return spec, None
    try:
        tz = canonical_timezone(tz)  # Slack's word, but still outside text
    except ScheduleError:
        return spec, None
    changed = with_timezone(spec, tz)
    if changed == spec:
        return spec, None
    return changed, (f"({tz} is your Slack timezone; add another, such as `Europe/Berlin`, to the schedule "
                     "to choose it.)")
