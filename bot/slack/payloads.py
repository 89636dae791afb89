"""The shape of what Slack sends, as far as Verdict (and Bolt before it) reads it.

    shape_problem({"type": "event_callback", "event": "a string"})
        -> "event: Input should be a valid dictionary …"
    shape_problem(signed_body)           # None: every field that is read has the type it is read as

Why: a signed request can still carry a body whose fields have the wrong types (`event` a string,
`event.channel` an object, `text` a list, a 100 KB button value). Bolt's own middleware and the
listeners index into it as dicts and strings, so such a body was a traceback and a 500 — and
Slack retries a 500 three times. `bot.slack.guard` calls `shape_problem` on every signed body
before Bolt sees it and acknowledges a malformed one with a 200 and one log line.

The models list only the fields something reads (Bolt: team, user, channel, enterprise ids,
authorizations; Verdict: the message/mention/home fields and the button's value), each
optional; anything else may be there with any type (`extra="allow"`), as Slack adds fields
all the time.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

# Slack's own limits: ids and timestamps are short; a button value is at most 2,000 characters
Id = Annotated[str, StringConstraints(max_length=255)]
Value = Annotated[str, StringConstraints(max_length=2000)]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class _Ref(_Shape):
    """`{"id": "…"}` objects: team, user, channel, enterprise of interactive payloads."""

    id: Id | None = None


class _Inner(_Shape):
    """`event.message` / `event.previous_message` (edits, deletes, tombstones)."""

    type: Id | None = None
    subtype: Id | None = None
    ts: Id | None = None
    thread_ts: Id | None = None
    user: Id | None = None
    bot_id: Id | None = None
    text: str | None = None


class _Item(_Shape):
    channel: Id | None = None
    ts: Id | None = None


class Event(_Shape):
    """The `event` of an `event_callback` (message, app_mention, app_home_opened, …)."""

    type: Id | None = None
    subtype: Id | None = None
    channel: Id | None = None
    channel_type: Id | None = None
    user: Id | None = None
    bot_id: Id | None = None
    team: Id | None = None
    text: str | None = None
    ts: Id | None = None
    thread_ts: Id | None = None
    event_ts: Id | None = None
    deleted_ts: Id | None = None
    tab: Id | None = None
    message: _Inner | None = None
    previous_message: _Inner | None = None
    item: _Item | None = None
    blocks: list | None = None
    attachments: list | None = None


class _Authorization(_Shape):
    enterprise_id: Id | None = None
    team_id: Id | None = None
    user_id: Id | None = None
    is_enterprise_install: bool | None = None


class Action(_Shape):
    """One element of `actions` in `block_actions` (the "Why?" button's value is "job:42")."""

    action_id: Id | None = None
    block_id: Id | None = None
    type: Id | None = None
    value: Value | None = None


class Body(_Shape):
    """Any request body: Events API envelope, interactive payload or slash command."""

    type: Id | None = None
    token: Id | None = None
    team_id: Id | None = None
    enterprise_id: Id | None = None
    api_app_id: Id | None = None
    event_id: Id | None = None
    user_id: Id | None = None
    channel_id: Id | None = None
    trigger_id: Id | None = None
    response_url: Value | None = None
    command: Id | None = None
    text: str | None = None
    is_enterprise_install: bool | str | None = None
    event: Event | None = None
    authorizations: list[_Authorization] | None = None
    team: _Ref | Id | None = None
    user: _Ref | None = None
    channel: _Ref | None = None
    enterprise: _Ref | Id | None = None
    actions: list[Action] | None = None


def shape_problem(body: dict) -> str | None:
    """None when every field read has its expected type; else one line naming the first bad field."""
    try:
        Body.model_validate(body)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        return f"{where}: {first['msg']}"
    except RecursionError:
        return "nested too deeply"
    return None
