"""The App Home tab and the "Why?" evidence modal: gather from the database, render with bot.render.blocks.

    view = home_view_for(db, member_of={"C1", "D7"})  # dict for views.publish: only those conversations
    publish_home(services, user_id="U123")            # build and publish (after the ack)
    open_why(services, trigger_id, "job:42")          # the evidence behind a posted brief
"""

from __future__ import annotations

import logging

from bot.db import engine as storage
from bot.db.jobs import brief_id_of_job
from bot.errors import DeliveryError
from bot.models import Brief
from bot.render.blocks import HomeBrief, HomeChannel, home_view, note_modal, why_modal
from bot.slack.services import Services
from bot.slack.settings_panel import panel_channels

logger = logging.getLogger(__name__)

RECENT_BRIEFS = 20


def home_view_for(db: storage.Database, *, team_id: str | None = None,
                  member_of: frozenset[str] | None = frozenset(), note: str | None = None,
                  panels: list[HomeChannel] | None = None) -> dict:
    """The Home tab of one viewer: recent briefs and channel settings of the conversations in `member_of`.

    `member_of` is the viewer's conversations (bot.slack.membership); pass None only for an
    all-seeing view (tests, operators), never for a person.
    """
    recent = [
        HomeBrief(title=r.brief.title, url=r.brief.source, status=r.brief.status, channel_id=r.channel_id,
                  created_at=r.created_at)
        for r in storage.recent_briefs(db, RECENT_BRIEFS, team_id=team_id, channel_ids=member_of)
    ]
    channels = [HomeChannel(channel_id=c.id, watched=c.watched, schedule=c.schedule)
                for c in storage.list_channels(db) if team_id is None or c.team_id in (None, team_id)]
    if member_of is not None:
        channels = [c for c in channels if c.channel_id in member_of]
    if panels:
        # channels the viewer shares with Verdict come with buttons (bot.slack.settings_panel)
        with_controls = {p.channel_id for p in panels}
        channels = list(panels) + [c for c in channels if c.channel_id not in with_controls]
    # channels that have briefs but no settings row are watched (the default): show them too
    known = {c.channel_id for c in channels}
    for item in recent:
        if item.channel_id and item.channel_id not in known:
            known.add(item.channel_id)
            channels.append(HomeChannel(channel_id=item.channel_id, watched=True))
    return home_view(recent, sorted(channels, key=lambda c: (not c.controls, c.channel_id)), note=note)


def viewer_home(services: Services, user_id: str, *, team_id: str | None = None) -> dict:
    """The Home tab as `user_id` may see it: only conversations they are a member of."""
    member_of = services.poster.members.conversations(user_id)
    if member_of is None:
        # fail closed: without Slack's word on membership, nothing shared anywhere is shown
        return home_view_for(services.db, team_id=team_id, member_of=frozenset(),
                             note=":warning: Verdict couldn't check which channels you are in just now, so no "
                                  "briefs are shown. Open this tab again in a minute.")
    return home_view_for(services.db, team_id=team_id, member_of=member_of,
                         panels=panel_channels(services, user_id, member_of))


def publish_home(services: Services, user_id: str, *, team_id: str | None = None) -> None:
    try:
        services.poster.publish_home(user_id, viewer_home(services, user_id, team_id=team_id))
    except DeliveryError as error:
        logger.warning("could not publish App Home for %s: %s", user_id, error)


def brief_for_value(db: storage.Database, value: str) -> Brief | None:
    """The brief behind a "Why?" button value ("job:42" or "brief:7")."""
    kind, _, raw = value.partition(":")
    if not raw.isdigit() or len(raw) > 18:  # a database id: anything longer is not one of ours
        return None
    brief_id: int | None = int(raw)
    if kind == "job":
        brief_id = brief_id_of_job(db, int(raw))
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
