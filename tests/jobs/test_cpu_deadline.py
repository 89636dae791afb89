"""Issue 11 item 8: CPU work has a deadline, and the text handed to the summariser is capped.

Real worker pool, real spawned CPU process, real database, real HTTP pages, the fake Slack.
"""

from __future__ import annotations

import time

import pytest
from fakes.pages import ArticleServer, article_html
from fakes.patience import patience
from fakes.slack import FakeSlack
from fakes.slow_summarizer import SlowOnRunOn

from bot.db import jobs as queue
from bot.jobs.workers import WorkerPool
from bot.models import Article
from bot.pipeline.bounds import MAX_LINE_CHARS, MAX_TEXT_CHARS, bound_article, bound_text
from bot.pipeline.fetching import Fetcher
from bot.slack.client import SlackPoster, make_web_client
from bot.summarizers import make_summarizer
from bot.text import split_sentences

RUN_ON = ("the council asked the ministry for funds and the board said it would review the plan and "
          "the union wanted more time and ")


def wait_done(db, ids, timeout):
    deadline = time.monotonic() + patience(timeout)
    while time.monotonic() < deadline:
        jobs = [queue.get_job(db, i) for i in ids]
        if all(job.state in ("done", "failed") for job in jobs):
            return jobs
        time.sleep(0.1)
    raise AssertionError(f"jobs not finished: {[(j.id, j.state) for j in jobs]}")


@pytest.fixture
def pool_factory(db, settings):
    made = []

    def make(slack, summarizer, **overrides):
        config = settings(database_url=db.url, slack_bot_token="xoxb-x", slack_api_url=slack.api_url,
                          **overrides)
        fetcher = Fetcher(config)
        pool = WorkerPool(config, db, summarizer=summarizer, fetcher=fetcher,
                          poster=SlackPoster(make_web_client(config)), cpu_processes=1)
        made.append((pool, fetcher))
        return pool

    yield make
    for pool, fetcher in made:
        pool.stop(5)
        fetcher.close()


def test_a_page_past_its_cpu_deadline_fails_alone_and_the_pool_recovers(db, pool_factory):
    with FakeSlack() as slack, ArticleServer() as pages:
        pool = pool_factory(slack, SlowOnRunOn(), cpu_task_timeout=3.0, worker_count=2)
        pool.start()
        enqueue = lambda path, ts: queue.enqueue_links(  # noqa: E731
            db, team_id="T", channel_id="C1", message_ts=ts, thread_ts=ts, user_id="U", urls=[pages.url(path)])
        [stuck] = enqueue("/news/runon", "1.1")
        [other] = enqueue("/news/2", "1.2")
        pool.notify()
        jobs = wait_done(db, [stuck, other], timeout=40)  # the run-on page never finishes by itself
        by_id = {job.id: job for job in jobs}
        assert by_id[stuck].state == "failed" and "took too long" in by_id[stuck].last_error
        assert by_id[stuck].attempts == 1  # not retried: it would take as long again
        assert by_id[other].state == "done"
        # the pool is back: the next page is briefed
        [after] = enqueue("/news/3", "1.3")
        pool.notify()
        assert wait_done(db, [after], timeout=40)[0].state == "done"
        texts = {c.body["thread_ts"]: c.body["text"] for c in slack.posts("C1")}
        assert texts["1.1"].startswith("Couldn't brief") and "took too long to process" in texts["1.1"]
        assert "\n" not in texts["1.1"]
        assert set(texts) == {"1.1", "1.2", "1.3"}
        assert pages.hits["/news/runon"] == 1


@pytest.fixture
def run_on_page():
    """/runon: an article whose body is one 200 KB sentence without a full stop."""
    html = article_html(1).replace("</article>", f"<p>{RUN_ON * (200_000 // len(RUN_ON))}</p></article>")
    with ArticleServer() as pages:
        pages.extra["/runon"] = ("text/html; charset=utf-8", html.encode())
        yield pages.url("/runon")


def test_a_200_kb_run_on_sentence_is_briefed_in_seconds(db, settings, pool_factory, run_on_page):
    with FakeSlack() as slack:
        pool = pool_factory(slack, make_summarizer(settings()), cpu_task_timeout=20.0)
        [job_id] = queue.enqueue_links(db, team_id="T", channel_id="C2", message_ts="2.1", thread_ts="2.1",
                                       user_id="U", urls=[run_on_page])
        started = time.monotonic()
        pool.drain()
        took = time.monotonic() - started
        assert queue.get_job(db, job_id).state == "done"
        assert took < 60  # before the cap: 220 s
        assert "rejects request number 1" in slack.posts("C2")[0].body["text"]


def test_bound_text_keeps_ordinary_articles_whole_and_caps_the_rest():
    ordinary = "\n".join(" ".join(f"Sentence {i}.{j} says the council approved it." for j in range(20))
                         for i in range(20))
    assert bound_text(ordinary) == ordinary  # 20 paragraphs of ~1,000 characters
    cut = bound_text(RUN_ON * 10_000)
    assert len(cut) <= MAX_LINE_CHARS and (RUN_ON * 10_000).startswith(cut)
    many = bound_text("\n".join([RUN_ON * 30] * 500))
    assert len(many) <= MAX_TEXT_CHARS + MAX_LINE_CHARS
    assert max(len(s) for s in split_sentences(many)) <= MAX_LINE_CHARS + 1
    # a long paragraph of short sentences loses nothing
    long_paragraph = " ".join(f"The board met on day {i} and approved it." for i in range(300))
    assert split_sentences(bound_text(long_paragraph)) == split_sentences(long_paragraph)
    article = Article(source="x", text="short")
    assert bound_article(article) is article
