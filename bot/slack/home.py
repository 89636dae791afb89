"""The App Home tab and the "Why?" evidence modal: gather from the database, render with bot.render.blocks.

    view = home_view_for(db)                          # dict for views.publish
    publish_home(services, user_id="U123")            # build and publish (after the ack)
    open_why(services, trigger_id, "job:42")          # the evidence behind a posted brief
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.db import engine as storage
from bot.db.tables import LinkJob
from bot.errors import DeliveryError
from bot.models import Brief
from bot.render.blocks import HomeBrief, HomeChannel, home_view, note_modal, why_modal

if TYPE_CHECKING:
    from bot.slack.app import Services

logger = logging.getLogger(__name__)

RECENT_BRIEFS = 20


def home_view_for(db: storage.Database, *, team_id: str | None = None) -> dict:
    """The Home tab: the workspace's recent briefs and every known channel's watch state."""
    recent = [
        HomeBrief(title=r.brief.title, url=r.brief.source, status=r.brief.status, channel_id=r.channel_id,
                  created_at=r.created_at)
        for r in storage.recent_briefs(db, RECENT_BRIEFS, team_id=team_id)
    ]
    channels = [HomeChannel(channel_id=c.id, watched=c.watched, schedule=c.schedule)
                for c in storage.list_channels(db) if team_id is None or c.team_id in (None, team_id)]
    # channels that have briefs but no settings row are watched (the default): show them too
    known = {c.channel_id for c in channels}
    for item in recent:
        if item.channel_id and item.channel_id not in known:
            known.add(item.channel_id)
            channels.append(HomeChannel(channel_id=item.channel_id, watched=True))
    return home_view(recent, sorted(channels, key=lambda c: c.channel_id))


def publish_home(services: Services, user_id: str, *, team_id: str | None = None) -> None:
    try:
        services.poster.publish_home(user_id, home_view_for(services.db, team_id=team_id))
    except DeliveryError as error:
        logger.warning("could not publish App Home for %s: %s", user_id, error)


def brief_for_value(db: storage.Database, value: str) -> Brief | None:
    """The brief behind a "Why?" button value ("job:42" or "brief:7")."""
    kind, _, raw = value.partition(":")
    if not raw.isdigit() or len(raw) > 18:  # a database id: anything longer is not one of ours
        return None
    brief_id: int | None = int(raw)
    if kind == "job":
        with db.session(readonly=True) as s:
            job = s.get(LinkJob, int(raw))
            brief_id = job.brief_id if job else None
    elif kind != "brief":
        return None
    return storage.load_brief(db, brief_id) if brief_id is not None else None


def open_why(services: Services, trigger_id: str, value: str) -> None:
    brief = brief_for_value(services.db, value)
    if brief is None:
        view = note_modal("Why this verdict", "This brief is no longer stored.")
    else:
        view = why_modal(brief)
    try:
        services.poster.open_view(trigger_id, view)
    except DeliveryError as error:
        logger.warning("could not open the evidence view: %s", error)
