"""A running Verdict for end-to-end tests: real Bolt behind waitress on 127.0.0.1, real database,
real fetches of local article pages, the fake Slack Web API.

    with running_verdict(settings_factory, db_url, slack, pages, worker_count=2) as v:
        status, _ = post_event(v.base_url, message_event("C1", f"<{pages.url('/news/1')}>"))
        v.slack.wait_for("chat.postMessage")
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bot.cli.serve import Server
from bot.db.jobs import queue_counts
from fakes.pages import ArticleServer
from fakes.patience import patience
from fakes.signing import SECRET
from fakes.slack import FakeSlack


@dataclass
class Running:
    server: Server
    slack: FakeSlack
    pages: ArticleServer

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    def settled(self, timeout: float = 15) -> None:
        """Wait until Verdict has nothing left to do: no job due or running, no after-ack task.

        Absence checks ("no second reply") assert after this, instead of sleeping and hoping.
        """
        server = self.server
        assert server.db is not None and server.pool is not None and server.services is not None
        deadline = time.monotonic() + patience(timeout)
        quiet = 0
        while quiet < 2:  # twice in a row: a finished task may have queued the next one
            left = deadline - time.monotonic()
            assert left > 0, "Verdict did not settle"
            counts = queue_counts(server.db)
            busy = counts.get("queued", 0) + counts.get("working", 0)
            idle = server.pool.wait_idle(left) and server.services.wait_idle(max(deadline - time.monotonic(), 0))
            quiet = quiet + 1 if idle and not busy else 0
            if not quiet:
                time.sleep(0.02)

    def get(self, path: str) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=5) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")


def app_settings(settings_factory, db_url: str, slack: FakeSlack, **overrides):
    values = dict(slack_bot_token="xoxb-test-token", slack_signing_secret=SECRET, slack_api_url=slack.api_url,
                  port=0, database_url=db_url, fetch_allow_private=True, worker_count=4)
    values.update(overrides)
    return settings_factory(**values)


@contextmanager
def running_verdict(settings_factory, db_url: str, slack: FakeSlack, pages: ArticleServer,
                    **overrides) -> Iterator[Running]:
    server = Server(app_settings(settings_factory, db_url, slack, **overrides), host="127.0.0.1")
    server.start()
    try:
        yield Running(server, slack, pages)
    finally:
        server.stop()


def thread_posts(slack: FakeSlack, channel: str, thread_ts: str) -> list:
    return [c for c in slack.posts(channel) if c.body.get("thread_ts") == thread_ts]


def brief_posts(slack: FakeSlack, channel: str, thread_ts: str, count: int = 1, timeout: float = 20) -> list:
    """Wait for `count` successful posts in that thread."""
    return slack.wait_for("chat.postMessage", count, timeout,
                          where=lambda c: c.body.get("_answered") == "ok" and c.body.get("channel") == channel
                          and c.body.get("thread_ts") == thread_ts)
