"""Which conversations may a user see briefs from? (for `find`; the lead may unify it with App Home's cache)

    visible = visible_channels(poster, "U123", ["C1", "G2", "D3"])   # → {"C1", "D3"}

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

_lock = threading.Lock()
# keyed by the poster too: one process may talk to several workspaces (and tests to several fakes)
_public: dict[tuple, tuple[float, bool]] = {}
_member: dict[tuple, tuple[float, bool]] = {}


def _cached(cache: dict, key, now: float):
    with _lock:
        hit = cache.get(key)
    return hit[1] if hit is not None and hit[0] > now else None


def _store(cache: dict, key, value: bool, now: float) -> None:
    with _lock:
        if len(cache) > _MAX_ENTRIES:
            cache.clear()
        cache[key] = (now + CACHE_SECONDS, value)


def is_public(poster, channel_id: str) -> bool:
    now = time.monotonic()
    known = _cached(_public, (id(poster), channel_id), now)
    if known is not None:
        return known
    info = poster.channel_info(channel_id)
    public = bool(info.get("is_channel")) and not (info.get("is_private") or info.get("is_im")
                                                   or info.get("is_mpim") or info.get("is_group"))
    _store(_public, (id(poster), channel_id), public, now)
    return public


def may_see(poster, user_id: str, channel_id: str) -> bool:
    """True when `user_id` may read `channel_id` (public, or a member). False when Slack can't tell."""
    now = time.monotonic()
    known = _cached(_member, (id(poster), user_id, channel_id), now)
    if known is not None:
        return known
    try:
        visible = is_public(poster, channel_id) or poster.is_member(channel_id, user_id)
    except DeliveryError as error:
        logger.info("can't tell whether %s may see %s (%s): hidden", user_id, channel_id, error)
        return False
    _store(_member, (id(poster), user_id, channel_id), visible, now)
    return visible


def visible_channels(poster, user_id: str | None, channel_ids: Iterable[str]) -> set[str]:
    """The channels among `channel_ids` (at most MAX_CHANNELS are checked) that `user_id` may see."""
    if not user_id:
        return set()
    return {c for c in list(channel_ids)[:MAX_CHANNELS] if may_see(poster, user_id, c)}


def forget() -> None:
    """Tests: drop every cached answer."""
    with _lock:
        _public.clear()
        _member.clear()
