"""`open` and `find`: answered from the database (bot.db.followups), rendered by bot.render.followups.

    answer_open(services, channel_id="C1")                          # → Message
    answer_find(services, team_id="T1", user_id="U1", query="depot river", page=1, command="@Verdict find")

`find` shows only briefs from conversations the asker may see (bot.slack.visibility): the channels
holding matches are looked up first (SQL), their visibility checked (Slack, cached), then the page
of results is read for the visible ones only.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.db import followups as repo
from bot.db.engine import utcnow
from bot.db.followups import RecordView
from bot.errors import DeliveryError
from bot.render.blocks import Message
from bot.render.followups import PAGE_SIZE, find_message, open_message
from bot.slack import visibility
from bot.slack.services import Services

MAX_PAGE = 100


def _permalinker(services: Services) -> Callable[[RecordView], str | None]:
    try:
        identity = services.poster.identity()
    except DeliveryError:
        return lambda record: None
    return lambda record: identity.permalink(record.channel_id, record.reply_ts or record.thread_ts,
                                             record.thread_ts)


def answer_open(services: Services, *, channel_id: str) -> Message:
    records, total = repo.open_requests(services.db, channel_id, limit=20)
    return open_message(records, total=total, now=utcnow(), permalink=_permalinker(services))


def answer_find(services: Services, *, team_id: str | None, user_id: str | None, query: str, page: int,
                command: str) -> Message:
    words = repo.search_words(query)
    page = min(max(page, 1), MAX_PAGE)
    offset = (page - 1) * PAGE_SIZE
    channels = repo.search_channels(services.db, team_id, words, limit=visibility.MAX_CHANNELS)
    visible = services.poster.visibility.visible_channels(user_id, channels)
    records, more = repo.search_briefs(services.db, team_id, words, channel_ids=visible, offset=offset,
                                       limit=PAGE_SIZE)
    return find_message(" ".join(words), records, more=more, offset=offset, command=command,
                        permalink=_permalinker(services))
