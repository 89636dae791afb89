"""Slack listeners: each translates a Slack event into a call of `bot/`. No logic lives here.

    register(app, services)      # the whole routing table, on this one screen

| Slack sends                        | listener                       | calls                             |
| ---------------------------------- | ------------------------------ | --------------------------------- |
| event `message` (all subtypes)     | messages.on_message            | bot.slack.events.accept_message         |
| event `app_mention`                | mentions.on_mention            | bot.slack.events.accept_mention         |
| command `/verdict`                 | commands.on_verdict            | bot.slack.events.answer_slash           |
| event `app_home_opened`            | home.on_home_opened            | bot.slack.home.publish_home             |
| action `verdict_why` (button)      | actions.on_why                 | bot.slack.home.open_why                 |
| shortcut `verdict_brief_link`      | shortcuts.on_brief_link        | bot.slack.shortcuts.accept_brief_shortcut |
| action `verdict_home_watch`        | settings.on_home_watch         | bot.slack.settings_panel.toggle_watch     |
| action `verdict_home_schedule`     | settings.on_home_schedule      | bot.slack.settings_panel.open_schedule_modal |
| view `verdict_schedule_modal`      | settings.on_schedule_submit    | bot.slack.settings_panel.apply_schedule_submission |
| event `member_joined_channel`      | channels.on_member_joined      | bot.slack.onboarding.accept_member_joined |
| event `member_left_channel`        | channels.on_member_left        | bot.slack.onboarding.accept_member_left   |
| any other event                    | acknowledged and dropped       | —                                 |

Listeners run before the ack (`process_before_response=True`) and only write to the database;
Slack calls happen after the ack (`services.later`) or in the link workers.
"""

from __future__ import annotations

import re

from slack_bolt import App

from bot.render.blocks import HOME_SCHEDULE_ACTION_ID, HOME_WATCH_ACTION_ID, SCHEDULE_MODAL_ID, WHY_ACTION_ID
from bot.slack.services import Services
from bot.slack.shortcuts import BRIEF_SHORTCUT_ID
from handlers import actions, channels, commands, home, mentions, messages, settings, shortcuts


def register(app: App, services: Services) -> None:
    app.event("message")(messages.listener(services))
    app.event("app_mention")(mentions.listener(services))
    app.command("/verdict")(commands.listener(services))
    app.event("app_home_opened")(home.listener(services))
    app.action(WHY_ACTION_ID)(actions.why_listener(services))
    app.shortcut(BRIEF_SHORTCUT_ID)(shortcuts.listener(services))
    app.action(HOME_WATCH_ACTION_ID)(settings.watch_listener(services))
    app.action(HOME_SCHEDULE_ACTION_ID)(settings.schedule_listener(services))
    app.view(SCHEDULE_MODAL_ID)(settings.submit_listener(services))
    app.event("member_joined_channel")(channels.joined_listener(services))
    app.event("member_left_channel")(channels.left_listener(services))
    # registered last: any other event is acknowledged, so Slack does not retry it (it retries non-2xx)
    app.event(re.compile(".*"))(lambda: None)
