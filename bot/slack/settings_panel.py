"""App Home as the control panel: watch on/off and the digest schedule of each channel the viewer shares
with Verdict — the same settings as `/verdict watch`, `unwatch` and `schedule` (the same functions).

    panel_channels(services, "U1", member_of)            # [HomeChannel(controls=True) …] for the Home tab
    toggle_watch(services, "U1", "C1:off")               # the Watch / Stop watching button (after the ack)
    open_schedule_modal(services, trigger_id, "U1", "C1")   # "Edit schedule" → views.open
    errors = schedule_submission_errors(view)            # {} or {block_id: message} (answered with the ack)
    apply_schedule_submission(services, "U1", view)      # after the ack: stored like `/verdict schedule`

Every action re-checks that the clicking user is a member of the channel and that Verdict is in it:
a button's value is only as trustworthy as the person clicking it.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

from bot.db.engine import get_channel, utcnow
from bot.digests.grammar import ScheduleError, _expand_day_of_week, describe, next_run, parse_schedule
from bot.digests.scheduler import effective_schedule, handle_schedule_command
from bot.errors import DeliveryError
from bot.render.blocks import (
    MAX_PANEL_CHANNELS,
    WEEKDAY_OPTIONS,
    HomeChannel,
    Message,
    note_modal,
    schedule_modal,
    text_message,
)
from bot.slack.services import Services

logger = logging.getLogger(__name__)

_CHANNEL = re.compile(r"^[CGD][A-Z0-9]{2,30}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_DAY_VALUES = tuple(v for v, _ in WEEKDAY_OPTIONS)
COMMON_TIMEZONES = (
    "UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
    "Europe/Rome", "Europe/Amsterdam", "Europe/Stockholm", "Europe/Warsaw", "Europe/Athens", "Europe/Helsinki",
    "Europe/Istanbul", "Europe/Kyiv", "Europe/Moscow", "Africa/Lagos", "Africa/Johannesburg", "Africa/Nairobi",
    "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Hong_Kong", "Asia/Shanghai", "Asia/Seoul", "Asia/Tokyo",
    "Australia/Perth", "Australia/Adelaide", "Australia/Sydney", "Pacific/Auckland", "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires", "America/Mexico_City", "America/Halifax", "America/New_York",
    "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
    "Pacific/Honolulu",
)

def _bot_channels(services: Services) -> frozenset[str] | None:
    """The channels Verdict itself is in (users.conversations for its own user, cached like anyone's)."""
    try:
        bot_user = services.poster.identity().user_id
    except DeliveryError as error:
        logger.warning("auth.test failed: %s", error)
        return None
    return services.poster.bot_channels.conversations(bot_user) if bot_user else None


def shared_with_verdict(services: Services, user_id: str, channel_id: str) -> bool:
    """May `user_id` change `channel_id`'s settings here? Both they and Verdict must be in it."""
    if not _CHANNEL.match(channel_id or ""):
        return False
    mine = services.poster.members.conversations(user_id) or frozenset()
    return channel_id in mine and channel_id in (_bot_channels(services) or frozenset())


def _channel_panel(services: Services, channel_id: str, now: datetime) -> HomeChannel:
    channel = get_channel(services.db, channel_id)
    schedule, tz = effective_schedule(services.settings, channel)
    return HomeChannel(channel_id=channel_id, watched=channel.watched, schedule=channel.schedule,
                       digest=describe(schedule, tz, with_destination=False) if schedule else "off",
                       next_run=next_run(schedule, tz, now) if schedule else None,
                       destination_id=channel.destination_id, controls=True)


def panel_channels(services: Services, user_id: str, member_of: frozenset[str]) -> list[HomeChannel]:
    """The channels the viewer shares with Verdict, with their settings (at most MAX_PANEL_CHANNELS)."""
    ours = _bot_channels(services)
    if not ours:
        return []
    shared = sorted(c for c in member_of & ours if not c.startswith("D"))[:MAX_PANEL_CHANNELS]
    now = utcnow()
    return [_channel_panel(services, channel_id, now) for channel_id in shared]


def _republish(services: Services, user_id: str, team_id: str | None = None) -> None:
    from bot.slack.home import publish_home  # home imports this module (panel_channels): import at use

    publish_home(services, user_id, team_id=team_id)


def toggle_watch(services: Services, user_id: str, value: str, *, team_id: str | None = None) -> bool:
    """The Watch / Stop watching button: the same setting as `/verdict watch` / `unwatch`."""
    channel_id, _, state = (value or "").partition(":")
    if state not in ("on", "off") or not shared_with_verdict(services, user_id, channel_id):
        logger.info("home watch button refused for %s on %r", user_id, (value or "")[:40])
        _republish(services, user_id, team_id)
        return False
    services.set_watched(channel_id, state == "on", team_id=team_id)
    _republish(services, user_id, team_id)
    return True


def _initial(cron: str | None) -> tuple[list[str], str]:
    """(days, HH:MM) shown in the modal for a stored schedule; weekdays 09:00 when it isn't that simple."""
    if cron:
        minute, hour, day, month, dow = cron.split()
        if minute.isdigit() and hour.isdigit() and day == "*" and month == "*":
            days = _expand_day_of_week(dow)
            names = [_DAY_VALUES[(d + 6) % 7] for d in sorted(days, key=lambda d: (d + 6) % 7)] if days \
                else list(_DAY_VALUES)
            return names, f"{int(hour):02d}:{int(minute):02d}"
    return list(_DAY_VALUES[:5]), "09:00"


def open_schedule_modal(services: Services, trigger_id: str, user_id: str, channel_id: str) -> None:
    if not shared_with_verdict(services, user_id, channel_id):
        view = note_modal("Digest schedule", "Only members of a channel Verdict is in can change its digests.")
    else:
        channel = get_channel(services.db, channel_id)
        schedule, tz = effective_schedule(services.settings, channel)
        days, time = _initial(schedule.cron if schedule else None)
        viewer_tz = services.poster.people.timezone(user_id)
        zones = [z for z in (viewer_tz,) if z] + list(COMMON_TIMEZONES)
        view = schedule_modal(channel_id, days=days, time=time, timezone=channel.timezone or viewer_tz or tz,
                              timezones=zones, destination_id=channel.destination_id,
                              enabled=schedule is not None)
    try:
        services.poster.open_view(trigger_id, view)
    except DeliveryError as error:
        logger.warning("could not open the schedule modal: %s", error)


def _value(view: dict, block: str, kind: str):
    state = ((view.get("state") or {}).get("values") or {}) if isinstance(view, dict) else {}
    element = (state.get(block) or {}).get(block) if isinstance(state.get(block), dict) else None
    if not isinstance(element, dict):
        return None
    return element.get(kind)


def submission_spec(view: dict) -> tuple[str | None, str | None, dict[str, str]]:
    """(channel, the `/verdict schedule` spec, errors by block id) from a submitted schedule modal."""
    channel_id = view.get("private_metadata") if isinstance(view, dict) else None
    if not isinstance(channel_id, str) or not _CHANNEL.match(channel_id):
        return None, None, {"enabled": "This form lost track of its channel; open it again from the Home tab."}
    enabled = (_value(view, "enabled", "selected_option") or {}).get("value", "on")
    if enabled == "off":
        return channel_id, "off", {}
    options = _value(view, "days", "selected_options") or []
    days = [str(o["value"]) for o in options if isinstance(o, dict) and o.get("value") in _DAY_VALUES]
    time = _value(view, "time", "selected_time")
    tz = (_value(view, "tz", "selected_option") or {}).get("value")
    destination = _value(view, "destination", "selected_conversation")
    errors = {}
    if not days:
        errors["days"] = "Pick at least one day (or choose “No digests”)."
    if not isinstance(time, str) or not _TIME.match(time):
        errors["time"] = "Pick a time."
    if errors:
        return channel_id, None, errors
    spec = f"{','.join(days)} {time}"
    if isinstance(tz, str) and tz:
        spec += f" {tz}"
    if isinstance(destination, str) and _CHANNEL.match(destination) and destination != channel_id:
        spec += f" to <#{destination}>"
    try:
        parse_schedule(spec)
    except ScheduleError as error:
        return channel_id, None, {"tz" if "timezone" in str(error) else "days": str(error)[:150]}
    return channel_id, spec, {}


def apply_schedule_submission(services: Services, user_id: str, channel_id: str, spec: str, *,
                              team_id: str | None = None) -> str:
    """Store the schedule exactly as `/verdict schedule SPEC` would, tell the user, refresh their Home tab."""
    if not shared_with_verdict(services, user_id, channel_id):
        answer = f"You (and Verdict) must be members of <#{channel_id}> to change its digests."
    else:
        answer = handle_schedule_command(services.settings, services.db, services.poster, channel_id, user_id,
                                         spec, on_change=services.schedule_changed)
    _tell(services, channel_id, user_id, text_message(answer))
    _republish(services, user_id, team_id)
    return answer


def _tell(services: Services, channel_id: str, user_id: str, message: Message) -> None:
    try:
        services.poster.post_ephemeral(channel_id, user_id, message)
    except DeliveryError as error:
        logger.info("could not confirm the schedule change to %s: %s", user_id, error)
