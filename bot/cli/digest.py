"""`python -m bot digest --channel C [--dry-run]`: a channel's scheduled digest, now, exactly as scheduled."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import TextIO

from bot.config import Settings
from bot.db.engine import Database
from bot.digests.digester import Digester
from bot.render.blocks import Message
from bot.slack.client import SlackPoster, make_web_client

_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]+$")


def messages_as_text(messages: list[Message]) -> str:
    """A digest as readable text for the terminal (`--dry-run`): every block's text, in order."""
    lines: list[str] = []
    for number, message in enumerate(messages, start=1):
        if len(messages) > 1:
            lines.append(f"--- message {number} of {len(messages)}" + (" (in the thread)" if number > 1 else ""))
        for block in message.blocks:
            if isinstance(block.get("text"), dict):
                lines.append(block["text"]["text"])
            for element in block.get("elements", []):
                if element.get("text"):
                    lines.append(element["text"])
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def run_digest_command(settings: Settings, channel_id: str, dry_run: bool, *, out: TextIO | None = None,
                       err: TextIO | None = None, on_step: Callable[[str], None] | None = None) -> int:
    """`python -m bot digest --channel C [--dry-run]`: the scheduled digest now, exactly as scheduled.

    Posts it and marks its briefs (after finishing any digest a crash left half-done). With
    `--dry-run` prints it and changes nothing. Nothing new: posts nothing, says so, exits 0.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if not _CHANNEL_ID.match(channel_id):
        print(f"verdict: --channel {channel_id!r} is not a Slack channel id (e.g. C0123456789)", file=err)
        return 2
    db = Database(settings.database_url)
    try:
        db.upgrade()
        poster = None
        if settings.slack_bot_token is not None:
            poster = SlackPoster(make_web_client(settings))
        elif not dry_run:
            print("verdict: SLACK_BOT_TOKEN is not set; use --dry-run to print the digest", file=err)
            return 2
        digester = Digester(settings, db, poster, on_step=on_step)
        outcome = digester.run(channel_id, dry_run=dry_run)
        if outcome.state == "nothing":
            print(f"Nothing new in {channel_id} since the last digest; nothing posted.", file=out)
            return 0
        if outcome.state == "dry_run":
            print(messages_as_text(outcome.messages), end="", file=out)
            print(f"(dry run: {outcome.count} briefs, {len(outcome.messages)} message(s) for "
                  f"{outcome.destination_id}; nothing posted, nothing marked)", file=out)
            return 0
        if outcome.state == "failed":
            print(f"verdict: digest for {channel_id} failed: {outcome.error}", file=err)
            return 1
        if outcome.state == "busy":
            print(f"verdict: a digest for {channel_id} is being posted by another process; try again shortly",
                  file=err)
            return 1
        print(f"Posted the digest for {channel_id} in {outcome.destination_id}: {outcome.count} briefs, "
              f"{len(outcome.messages)} message(s).", file=out)
        return 0
    finally:
        db.dispose()
