"""Which conversations may a user see briefs from? (for `find`; the lead may unify it with App Home's cache)

    visible = poster.visibility.visible_channels("U123", ["C1", "G2", "D3"])   # → {"C1", "D3"}

A public channel is visible to everyone in the workspace; a private channel, a group DM or a DM
only to its members (`conversations.info`, then `conversations.members`, through
`bot.slack.client.SlackPoster`). Answers are cached for CACHE_SECONDS per (user, channel) and
channel kind per channel. When Slack can't say, the channel is not visible: fail closed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable

from bot.errors import DeliveryError

logger = logging.getLogger(__name__)

CACHE_SECONDS = 300.0
MAX_CHANNELS = 50  # Slack calls per search are bounded: only the channels with the newest matches
_MAX_ENTRIES = 20_000

class Visibility:
    """Cached answers to "may this user see that channel?" for one Slack connection (one poster)."""

    def __init__(self, poster) -> None:
        self.poster = poster
        self._lock = threading.Lock()
        self._public: dict[str, tuple[float, bool]] = {}
        self._member: dict[tuple[str, str], tuple[float, bool]] = {}

    def _cached(self, cache: dict, key, now: float) -> bool | None:
        with self._lock:
            hit = cache.get(key)
        return hit[1] if hit is not None and hit[0] > now else None

    def _store(self, cache: dict, key, value: bool, now: float) -> None:
        with self._lock:
            if len(cache) > _MAX_ENTRIES:
                cache.clear()
            cache[key] = (now + CACHE_SECONDS, value)

    def is_public(self, channel_id: str) -> bool:
        now = time.monotonic()
        known = self._cached(self._public, channel_id, now)
        if known is not None:
            return known
        info = self.poster.channel_info(channel_id)
        public = bool(info.get("is_channel")) and not (info.get("is_private") or info.get("is_im")
                                                       or info.get("is_mpim") or info.get("is_group"))
        self._store(self._public, channel_id, public, now)
        return public

    def may_see(self, user_id: str, channel_id: str) -> bool:
        """True when `user_id` may read `channel_id` (public, or a member). False when Slack can't tell."""
        now = time.monotonic()
        known = self._cached(self._member, (user_id, channel_id), now)
        if known is not None:
            return known
        try:
            visible = self.is_public(channel_id) or self.poster.is_member(channel_id, user_id)
        except DeliveryError as error:
            logger.info("can't tell whether %s may see %s (%s): hidden", user_id, channel_id, error)
            return False
        self._store(self._member, (user_id, channel_id), visible, now)
        return visible

    def visible_channels(self, user_id: str | None, channel_ids: Iterable[str]) -> set[str]:
        """The channels among `channel_ids` (at most MAX_CHANNELS are checked) that `user_id` may see."""
        if not user_id:
            return set()
        return {c for c in list(channel_ids)[:MAX_CHANNELS] if self.may_see(user_id, c)}

    def forget(self) -> None:
        with self._lock:
            self._public.clear()
            self._member.clear()
