"""Which conversations a person is in — so that Verdict shows each person only what they may see.

    members = poster.members                   # one cache per SlackPoster (poster.bot_channels: Verdict's own)
    members.conversations("U123")              # frozenset of conversation ids, or None if Slack can't say
    members.forget("U123")                     # e.g. after member_left_channel

App Home lists briefs; briefs come from public channels, private channels, group DMs and DMs. A
viewer sees a brief only when they are a member of the conversation it was shared in (CONTRACT.md:
"App Home shows a user only briefs from conversations they are a member of"). Membership comes
from `users.conversations` (one call per 200 conversations), cached per user for `ttl` seconds:
someone removed from a private channel stops seeing its briefs within that time. When Slack can't
answer, the answer is None and callers show nothing private (fail closed), never everything.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from bot.errors import DeliveryError
from bot.slack.caching import TimedCache

logger = logging.getLogger(__name__)

MEMBERSHIP_TTL_SECONDS = 300.0
ALL_TYPES = "public_channel,private_channel,mpim,im"
CHANNEL_TYPES = "public_channel,private_channel"  # Verdict's own list: its DMs (one per person) aren't needed
MAX_CACHED_USERS = 5000


class Membership:
    """A per-user cache of conversation ids, bounded in users (least recently used out) and in age."""

    def __init__(self, poster, *, ttl: float = MEMBERSHIP_TTL_SECONDS, max_users: int = MAX_CACHED_USERS,
                 clock: Callable[[], float] = time.monotonic, types: str = ALL_TYPES):
        self.poster = poster
        self.types = types
        self.ttl = ttl
        self.max_users = max_users
        self._clock = clock
        self._cache: TimedCache[frozenset[str]] = TimedCache(max_users)

    def conversations(self, user_id: str) -> frozenset[str] | None:
        """Ids of the conversations `user_id` is in (that Verdict can see), or None when unknown."""
        if not user_id:
            return None
        now = self._clock()
        known, cached = self._cache.lookup(user_id, now)
        if known:
            return cached
        try:
            ids = frozenset(str(c["id"]) for c in self.poster.user_conversations(user_id, types=self.types)
                            if c.get("id"))
        except DeliveryError as error:
            logger.warning("could not list the conversations of %s: %s", user_id, error)
            return None
        self._cache.store(user_id, ids, now + self.ttl)
        return ids

    def is_member(self, user_id: str, channel_id: str) -> bool:
        ids = self.conversations(user_id)
        return ids is not None and channel_id in ids

    def forget(self, user_id: str | None = None) -> None:
        self._cache.forget(user_id)
