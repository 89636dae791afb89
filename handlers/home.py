"""`app_home_opened`: publish the Home tab (after the ack)."""

from __future__ import annotations

from bot.slack.home import publish_home


def listener(services):
    def on_home_opened(event: dict, body: dict) -> None:
        if event.get("tab", "home") == "home" and event.get("user"):
            services.later(publish_home, services, event["user"], team_id=body.get("team_id"))

    return on_home_opened
