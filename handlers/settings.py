"""App Home controls: the Watch button, "Edit schedule" and the schedule modal's submission."""

from __future__ import annotations

from bot.slack.settings_panel import (
    apply_schedule_submission,
    open_schedule_modal,
    submission_spec,
    toggle_watch,
)


def _user(body: dict) -> str:
    user = body.get("user")
    return str(user.get("id") or "") if isinstance(user, dict) else ""


def _team(body: dict) -> str | None:
    team = body.get("team")
    return team.get("id") if isinstance(team, dict) else None


def watch_listener(services):
    def on_home_watch(ack, body: dict, action: dict) -> None:
        ack()
        services.later(toggle_watch, services, _user(body), str(action.get("value") or "")[:100],
                       team_id=_team(body))

    return on_home_watch


def schedule_listener(services):
    def on_home_schedule(ack, body: dict, action: dict) -> None:
        ack()
        # a trigger_id is valid for 3 s: open right after the ack
        services.later(open_schedule_modal, services, str(body.get("trigger_id") or ""), _user(body),
                       str(action.get("value") or "")[:40])

    return on_home_schedule


def submit_listener(services):
    def on_schedule_submit(ack, body: dict, view: dict) -> None:
        channel_id, spec, errors = submission_spec(view)
        if errors:
            ack(response_action="errors", errors=errors)
            return
        ack()
        services.later(apply_schedule_submission, services, _user(body), channel_id, spec, team_id=_team(body))

    return on_schedule_submit
