"""App Home as the control panel (issue 12, item 9): the Watch button and the schedule modal change the
same settings as `/verdict watch` / `unwatch` / `schedule` — block_actions and view_submission signed and
sent over HTTP, the answers read back with `/verdict status`."""

from __future__ import annotations

import json

from fakes.signing import event_body, post_action, post_event, post_slash
from fakes.slack import BOT_USER_ID, TEAM_ID

from bot.db.engine import Database, get_channel


def _open_home(verdict, slack, user="UALICE") -> dict:
    before = len(slack.calls_to("views.publish"))
    post_event(verdict.base_url, event_body({"type": "app_home_opened", "user": user, "tab": "home"}))
    return slack.wait_for("views.publish", before + 1)[-1].body["view"]


def _button(view: dict, action_id: str) -> dict:
    for block in view["blocks"]:
        for element in [block.get("accessory")] + list(block.get("elements") or []):
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return element
    raise AssertionError(f"no {action_id} button in {json.dumps(view)[:300]}")


def _click(verdict, button: dict, user="UALICE", trigger="trig-h"):
    return post_action(verdict.base_url, {
        "type": "block_actions", "team": {"id": TEAM_ID}, "user": {"id": user}, "api_app_id": "AFAKE",
        "trigger_id": trigger, "container": {"type": "view"}, "view": {"type": "home", "id": "V1"},
        "actions": [{"type": "button", "action_id": button["action_id"], "value": button["value"],
                     "block_id": "b", "action_ts": "1"}]})


def _submit(verdict, values: dict, channel="C71", user="UALICE"):
    return post_action(verdict.base_url, {
        "type": "view_submission", "team": {"id": TEAM_ID}, "user": {"id": user}, "api_app_id": "AFAKE",
        "trigger_id": "trig-s", "view": {"id": "V2", "type": "modal", "callback_id": "verdict_schedule_modal",
                                         "private_metadata": channel, "state": {"values": values}}})


def test_watch_button_and_schedule_modal_are_the_command_settings(verdict, slack, db_url):
    slack.members.update({"C71": [BOT_USER_ID, "UALICE"], "C72": [BOT_USER_ID, "UALICE"], "C73": ["UALICE"]})
    slack.users["UALICE"] = {"tz": "Asia/Tokyo"}
    view = _open_home(verdict, slack)
    text = json.dumps(view)
    assert "<#C71>" in text and "<#C72>" in text and "<#C73>" not in text  # only channels shared with Verdict
    assert "<!date^" in text  # the next digest, in the viewer's own timezone

    # Stop watching → the same setting `/verdict status` reads
    stop = _button(view, "verdict_home_watch")
    assert stop["value"] == "C71:off"
    assert _click(verdict, stop)[0] == 200
    republished = slack.wait_for("views.publish", 2)[-1].body["view"]
    assert _button(republished, "verdict_home_watch")["value"] == "C71:on"
    assert "Not watching" in post_slash(verdict.base_url, "status", channel_id="C71")[1]["text"]
    post_slash(verdict.base_url, "watch", channel_id="C71")  # and the command moves the button back
    assert _button(_open_home(verdict, slack), "verdict_home_watch")["value"] == "C71:off"

    # Edit schedule → the modal, prefilled (default schedule: weekdays 09:00, the viewer's zone)
    assert _click(verdict, _button(view, "verdict_home_schedule"), trigger="trig-edit")[0] == 200
    modal = slack.wait_for("views.open")[0].body
    assert modal["trigger_id"] == "trig-edit" and modal["view"]["private_metadata"] == "C71"
    blocks = {b.get("block_id"): b for b in modal["view"]["blocks"]}
    assert [o["value"] for o in blocks["days"]["element"]["initial_options"]] == ["mon", "tue", "wed", "thu", "fri"]
    assert blocks["time"]["element"]["initial_time"] == "09:00"
    assert blocks["tz"]["element"]["initial_option"]["value"] == "Asia/Tokyo"

    # no day picked: the modal stays open with the error beside the field
    status, answer = _submit(verdict, {"enabled": {"enabled": {"selected_option": {"value": "on"}}},
                                       "days": {"days": {"selected_options": []}},
                                       "time": {"time": {"selected_time": "10:30"}}})
    assert status == 200 and json.loads(answer)["response_action"] == "errors"
    assert "days" in json.loads(answer)["errors"]

    # a valid submission: stored as `/verdict schedule mon,thu 10:30 Europe/Berlin to #C72` would be
    status, answer = _submit(verdict, {
        "enabled": {"enabled": {"selected_option": {"value": "on"}}},
        "days": {"days": {"selected_options": [{"value": "mon"}, {"value": "thu"}]}},
        "time": {"time": {"selected_time": "10:30"}},
        "tz": {"tz": {"selected_option": {"value": "Europe/Berlin"}}},
        "destination": {"destination": {"selected_conversation": "C72"}}})
    assert status == 200 and not answer.strip()
    confirmation = slack.wait_for("chat.postEphemeral")[0].body
    assert confirmation["channel"] == "C71" and "every Monday and Thursday at 10:30" in confirmation["text"]
    db = Database(db_url)
    try:
        channel = get_channel(db, "C71")
        assert (channel.schedule, channel.timezone, channel.destination_id) == \
            ("mon,thu 10:30", "Europe/Berlin", "C72")
    finally:
        db.dispose()
    status_text = post_slash(verdict.base_url, "status", channel_id="C71")[1]["text"]
    assert "every Monday and Thursday at 10:30 (Europe/Berlin)" in status_text and "<#C72>" in status_text

    # someone not in the channel can't change it, whatever the button says
    slack.members["C71"] = [BOT_USER_ID, "UALICE"]
    _click(verdict, {"action_id": "verdict_home_watch", "value": "C71:off"}, user="UMALLORY")
    slack.wait_for("views.publish", where=lambda c: c.body.get("user_id") == "UMALLORY")
    assert "Watching" in post_slash(verdict.base_url, "status", channel_id="C71")[1]["text"]
