"""Issue 11 item 16 (the numbers are bench/bench_slack.py --pages DIR): the memory helpers work here
and a large real-sized page still goes through the whole worker pipeline (CPU process included)."""

from __future__ import annotations

from fakes.pages import ArticleServer, article_html
from fakes.slack import FakeSlack

from bot.db import jobs as queue
from bot.jobs.workers import WorkerPool
from bot.memory import LARGE_PAGE_CHARS, limit_malloc_arenas, release_memory, trim_heap
from bot.pipeline.fetching import Fetcher
from bot.slack.client import SlackPoster, make_web_client
from bot.summarizers import make_summarizer


def _rss_kb() -> int:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def test_trimming_gives_freed_heap_back():
    limit_malloc_arenas()
    before = _rss_kb()
    blobs = [bytearray(1000) for _ in range(100_000)]  # ~100 MB of small allocations on the heap
    grown = _rss_kb()
    del blobs
    release_memory()
    trim_heap()
    assert grown - before > 50_000
    assert _rss_kb() - before < (grown - before) / 2


def test_a_large_page_is_briefed_through_the_cpu_process(db, settings, tmp_path):
    filler = "".join(f"<div class='nav'><a href='/x{i}'>Related story {i}</a></div>" for i in range(8000))
    body = article_html(3).replace("<footer>", filler + "<footer>").encode()
    assert len(body) > LARGE_PAGE_CHARS * 3

    with FakeSlack() as slack, ArticleServer() as pages:
        pages.extra["/big"] = ("text/html; charset=utf-8", body)
        config = settings(database_url=db.url, slack_bot_token="xoxb-x", slack_api_url=slack.api_url)
        fetcher = Fetcher(config)
        pool = WorkerPool(config, db, summarizer=make_summarizer(config), fetcher=fetcher,
                          poster=SlackPoster(make_web_client(config)), cpu_processes=1)
        try:
            [job_id] = queue.enqueue_links(db, team_id="T", channel_id="C1", message_ts="1.1", thread_ts="1.1",
                                           user_id="U", urls=[pages.url("/big")])
            pool.drain()
            assert queue.get_job(db, job_id).state == "done"
            assert "rejects request number 3" in slack.posts("C1")[0].body["text"]
        finally:
            pool.stop(5)
            fetcher.close()
