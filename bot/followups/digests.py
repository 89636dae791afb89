"""The digest's open-requests line: "3 requests still open, oldest from 28 Nov 2024".

    pages = with_open_requests(db, "C1", pages)     # bot.digests.digester, on a digest's first page

Added to the first message of a digest, under its tally, as a context line (and to the text
fallback). Nothing is added when no request of the channel is open, or when the first message
already holds Slack's 50 blocks.
"""

from __future__ import annotations

import dataclasses
import logging

from bot.db import followups as repo
from bot.render.blocks import MAX_BLOCKS, Message, context
from bot.render.followups import open_digest_line

logger = logging.getLogger(__name__)


def with_open_requests(db, channel_id: str, pages: list) -> list:
    if not pages:
        return pages
    try:
        line = open_digest_line(*repo.open_summary(db, channel_id))
    except Exception:  # the digest matters more than its extra line
        logger.exception("could not count the open requests of %s", channel_id)
        return pages
    first = pages[0]
    if line is None or len(first.message.blocks) >= MAX_BLOCKS:
        return pages
    blocks = list(first.message.blocks)
    blocks.insert(min(2, len(blocks)), context(f":hourglass_flowing_sand: {line}"))
    head, _, rest = first.message.text.partition("\n")
    text = f"{head}\n{line}\n{rest}".rstrip("\n")
    return [dataclasses.replace(first, message=Message(text=text, blocks=blocks)), *pages[1:]]
