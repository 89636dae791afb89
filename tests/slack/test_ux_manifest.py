"""manifest.yml declares what the code listens to and nothing it doesn't use (issue 12, item 12)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.slack.shortcuts import BRIEF_SHORTCUT_ID

MANIFEST = (Path(__file__).resolve().parents[2] / "manifest.yml").read_text()
HANDLERS = (Path(__file__).resolve().parents[2] / "handlers" / "__init__.py").read_text()


def _list(section: str) -> list[str]:
    block = MANIFEST.split(f"{section}:", 1)[1]
    items = []
    for line in block.splitlines()[1:]:
        match = re.match(r"^\s+- ([\w:.]+)", line)
        if not match:
            if line.strip() and not line.strip().startswith("#"):
                break
            continue
        items.append(match.group(1))
    return items


def test_every_event_the_app_registers_is_subscribed():
    events = set(_list("bot_events"))
    for name in re.findall(r'app\.event\("([\w_]+)"\)', HANDLERS):
        if name == "message":
            assert {"message.channels", "message.groups", "message.im", "message.mpim"} <= events
        else:
            assert name in events, name
    assert f"callback_id: {BRIEF_SHORTCUT_ID}" in MANIFEST and "type: message" in MANIFEST


def test_scopes_are_the_ones_the_code_uses_each_with_a_reason():
    scopes = _list("bot")
    assert set(scopes) == {"app_mentions:read", "channels:history", "groups:history", "im:history", "mpim:history",
                           "channels:read", "groups:read", "im:read", "mpim:read", "chat:write", "reactions:write",
                           "commands", "users:read"}
    for scope in scopes:
        line = next(x for x in MANIFEST.splitlines() if x.strip().startswith(f"- {scope}"))
        assert "#" in line, f"{scope} has no reason beside it"
