"""Issue 11 item 9: a post that may have landed is never repeated blind.

The real SlackPoster (slack-sdk WebClient with Verdict's retry handlers) over real HTTP against a
fake Slack that (a) takes the post, then drops the connection without answering, or (b) answers
only after the client's timeout, the post showing up in the thread only then. The real link
workers (real database, fetches, summariser) run with a settable clock.
"""

from __future__ import annotations

import socket
import time
from datetime import timedelta
from http.client import RemoteDisconnected
from urllib.error import URLError
from urllib.parse import urlsplit

import pytest
from fakes.pages import ArticleServer
from fakes.slack import FakeSlack
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.state import RetryState

from bot.db import jobs as queue
from bot.db.engine import utcnow
from bot.jobs.workers import WorkerPool
from bot.pipeline.fetching import Fetcher
from bot.slack.client import SlackPoster, make_web_client
from bot.slack.retries import PostSafeConnectionRetryHandler
from bot.summarizers import make_summarizer


class _Dropped(Exception):
    pass


class UnluckySlack(FakeSlack):
    """drop_posts: take the next N posts, then hang up without answering.
    slow_posts: answer the next N posts after `slow_seconds` (the post lands only then)."""

    def __init__(self):
        super().__init__()
        self.drop_posts = 0
        self.slow_posts = 0
        self.slow_seconds = 2.0

    def _handle(self, request):
        method = urlsplit(request.path).path.rsplit("/", 1)[-1]
        if method == "chat.postMessage" and self.slow_posts > 0:
            self.slow_posts -= 1
            time.sleep(self.slow_seconds)
        try:
            super()._handle(request)
        except _Dropped:
            request.close_connection = True
            request.connection.shutdown(socket.SHUT_RDWR)

    def _answer(self, method, body):
        answer = super()._answer(method, body)  # the message is in the thread now
        if method == "chat.postMessage" and self.drop_posts > 0:
            self.drop_posts -= 1
            raise _Dropped()
        return answer

    def thread(self, channel: str, ts: str) -> list[dict]:
        return [m for m in self.history.get(channel, []) if m.get("thread_ts") == ts]


class Clock:
    def __init__(self):
        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def setup(db, settings):
    with UnluckySlack() as slack, ArticleServer() as pages:
        config = settings(database_url=db.url, slack_bot_token="xoxb-x", slack_api_url=slack.api_url)
        clock = Clock()
        fetcher = Fetcher(config)
        poster = SlackPoster(make_web_client(config, timeout=1))
        pool = WorkerPool(config, db, summarizer=make_summarizer(config), fetcher=fetcher, poster=poster,
                          cpu_processes=0, clock=clock)
        [job_id] = queue.enqueue_links(db, team_id="T", channel_id="C1", message_ts="5.1", thread_ts="5.1",
                                       user_id="U", urls=[pages.url("/news/1")], now=clock())
        yield slack, pool, clock, job_id
        pool.stop(1)
        fetcher.close()


def test_a_post_taken_before_the_connection_dropped_is_not_repeated(db, setup):
    slack, pool, clock, job_id = setup
    slack.drop_posts = 1
    assert pool.run_once() == 1
    # slack-sdk's ConnectionErrorRetryHandler used to post again right away: two briefs
    assert len(slack.thread("C1", "5.1")) == 1
    assert queue.get_job(db, job_id).state == "queued"  # outcome unknown: retried later, after a look
    clock.advance(31)
    assert pool.run_once() == 1
    job = queue.get_job(db, job_id)
    [landed] = slack.thread("C1", "5.1")
    assert job.state == "done" and job.reply_ts == landed["ts"]
    assert len(slack.calls_to("chat.postMessage")) == 0  # the dropped one was never answered, none since


def test_a_post_slower_than_the_client_timeout_is_looked_for_after_it_settles(db, setup):
    slack, pool, clock, job_id = setup
    slack.slow_posts = 1  # answered (and visible) 2 s after sending; the client gives up after 1 s
    assert pool.run_once() == 1
    assert queue.get_job(db, job_id).state == "queued"
    # the old retry came after ~2 s of backoff, before the post was visible, and posted again
    clock.advance(5)
    assert pool.run_once() == 0
    time.sleep(slack.slow_seconds + 0.5)  # Slack finishes the slow post
    clock.advance(30)
    assert pool.run_once() == 1
    job = queue.get_job(db, job_id)
    [landed] = slack.thread("C1", "5.1")
    assert job.state == "done" and job.reply_ts == landed["ts"]


def _can_retry(method: str, error: Exception) -> bool:
    handler = PostSafeConnectionRetryHandler(max_retry_count=2)
    request = HttpRequest(method="POST", url=f"https://slack.com/api/{method}", headers={})
    return handler.can_retry(state=RetryState(), request=request, error=error)


def test_only_posts_that_cannot_have_landed_are_repeated():
    assert not _can_retry("chat.postMessage", RemoteDisconnected("gone"))
    assert not _can_retry("chat.postMessage", ConnectionResetError())
    assert not _can_retry("chat.postMessage", URLError(ConnectionResetError()))
    assert _can_retry("chat.postMessage", URLError(ConnectionRefusedError()))  # nothing was sent
    assert _can_retry("conversations.replies", RemoteDisconnected("gone"))  # reads repeat harmlessly
    assert _can_retry("reactions.add", ConnectionResetError())
