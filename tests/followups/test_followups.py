"""Open requests followed to their outcome: matching, the durable update, re-checks, and Slack end to end.

Real parts: the database (SQLite, and PostgreSQL under TEST_POSTGRES_URL), the Bolt app over signed
HTTP, fetching local pages, the heuristic summariser; Slack is tests/fake_slack.py.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from fakes.followups import (
    APPROVED_LIBRARY,
    DECLINED_DEPOT,
    DECLINED_FEES,
    PENDING_DEPOT,
    brief,
    plain_article,
    store_brief,
)
from fakes.harness import brief_posts, running_verdict, thread_posts
from fakes.signing import message_event, post_event
from fakes.slack import FakeSlack

from bot.db import followups as repo
from bot.db.engine import utcnow
from bot.followups import matching
from bot.followups.updates import FOLLOWUP_EVENT_TYPE, FollowupRunner
from bot.slack.client import SlackPoster, make_web_client

# --- matching (pure) ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Greenfield Council", "Greenfield Council", True),
    ("the board", "the planning board", True),
    ("The city of Lyon", "Lyon", True),
    ("South Korea's government", "the South Korea government", True),
    ("Greenfield Council", "Lakeside Council", False),
    ("Ukraine", None, False),
])
def test_names_match_by_their_content_words(a, b, same):
    assert matching.names_match(a, b) is same


def test_a_reworded_request_scores_above_the_threshold_and_another_request_below():
    pending = brief("pending", "Greenfield Council", "to build a new bus depot on the river bank, a project "
                    "it had planned for six years", "the board", "Board delays depot decision")
    declined = brief("declined", "Greenfield Council", "to build a new bus depot on the river bank",
                     "the planning board", "Board rejects depot")
    fees = brief("declined", "Greenfield Council", "to raise parking fees in the town centre",
                 "the planning board", "Board rejects fees")
    score = matching.match_score(pending, declined)
    assert score.value >= matching.THRESHOLD
    assert score.shared == ("bank", "build", "bus", "depot", "river")
    assert score.explain().startswith("5 shared words of 9 and 5")
    assert matching.match_score(pending, fees).value < matching.THRESHOLD
    other_requester = brief("declined", "Lakeside Council", pending.request, "the planning board", "x")
    assert matching.match_score(pending, other_requester) is None
    assert [s for _, s in matching.match(declined, [pending])] == [score.value]
    assert matching.match(fees, [pending]) == []


# --- the repository: indexing, matching, exactly once ------------------------------------------------


def test_indexers_running_at_once_record_each_brief_once(db):
    # two workers' follow-up loops index the same new jobs at the same moment
    for k in range(12):
        store_brief(db, brief("pending", f"Council {k}", f"to build depot number {k}", "the board", f"Depot {k}"),
                    channel=f"C{k}")
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []
    added: list[int] = []

    def index() -> None:
        barrier.wait()
        try:
            added.append(len(repo.index_new_briefs(db, matching.match, since=None)))
        except BaseException as error:  # noqa: BLE001 - the test reports what a racing indexer raised
            errors.append(error)

    threads = [threading.Thread(target=index) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    assert sum(added) == 12  # every brief recorded, by exactly one of the indexers
    assert repo.index_new_briefs(db, matching.match, since=None) == []


def test_a_decided_brief_resolves_the_matching_open_request_once(db):
    pending = brief("pending", "Greenfield Council", "to build a new bus depot on the river bank", "the board",
                    "Board delays depot decision")
    open_id = store_brief(db, pending, channel="C1")
    other_team = store_brief(db, pending, channel="CX", team="TOTHER")
    assert len(repo.index_new_briefs(db, matching.match, since=None)) == 2
    assert repo.get_record(db, open_id).open_state == "open"

    store_brief(db, brief("declined", "Greenfield Council", "to raise parking fees", "the planning board",
                          "Board rejects fees"), channel="C2")
    decided = store_brief(db, brief("declined", "Greenfield Council", "to build a bus depot on the river bank",
                                    "the planning board", "Board rejects depot"), channel="C2")
    repo.index_new_briefs(db, matching.match, since=None)
    [update] = repo.get_followups(db)
    assert (update.open_job_id, update.channel_id, update.status) == (open_id, "C1", "declined")
    assert update.state == "prepared" and update.score >= matching.THRESHOLD
    assert repo.get_record(db, open_id).open_state == "resolved"
    assert repo.get_record(db, other_team).open_state == "open"  # another workspace is never matched

    # a second decided brief on the same request, and indexing again: still one update
    store_brief(db, brief("declined", "Greenfield Council", "to build the bus depot on the river bank",
                          "the planning board", "Depot refused"), channel="C3")
    repo.index_new_briefs(db, matching.match, since=None)
    assert repo.index_new_briefs(db, matching.match, since=None) == []
    assert [f.open_job_id for f in repo.get_followups(db)] == [open_id]
    assert repo.get_record(db, decided).open_state is None


def test_open_requests_and_the_digest_summary(db):
    now = utcnow()
    first = store_brief(db, brief("pending", "Lyon", "to close the old bridge", None, "Bridge decision awaited"),
                        channel="C1", now=now - timedelta(days=3))
    store_brief(db, brief("pending", "Arlo", "to open a ferry line", None, "Ferry awaits"), channel="C1", now=now)
    store_brief(db, brief("approved", "Arlo", "to open a school", None, "School approved"), channel="C1", now=now)
    store_brief(db, brief("pending", "Arlo", "to open a ferry line", None, "Ferry awaits"), channel="C9", now=now)
    repo.index_new_briefs(db, matching.match, since=None)
    records, total = repo.open_requests(db, "C1")
    assert total == 2 and [r.job_id for r in records][0] == first
    count, oldest = repo.open_summary(db, "C1")
    assert count == 2 and abs((oldest - (now - timedelta(days=3))).total_seconds()) < 1


def test_search_uses_the_database_index_and_strips_query_syntax(db):
    store_brief(db, brief("declined", "Ukraine", "to buy Cheongung missiles and radars", "South Korea",
                          "Seoul declines Ukrainian request"), channel="C1")
    store_brief(db, brief("approved", "Harbor Hospital", "to build a children's wing", "the ministry",
                          "Ministry approves wing"), channel="C2")
    repo.index_new_briefs(db, matching.match, since=None)
    assert repo.search_words('missiles" OR title:* NEAR(') == ["missiles", "or", "title", "near"]
    assert repo.search_words("Missiles radars") == ["missiles", "radars"]
    [hit], more = repo.search_briefs(db, "TFAKE", ["missile"], channel_ids=None)  # stemmed: missile ~ missiles
    assert not more and hit.requester == "Ukraine"
    assert repo.search_briefs(db, "TFAKE", ["missiles", "hospital"], channel_ids=None) == ([], False)  # every word
    assert repo.search_briefs(db, "TFAKE", ["wing"], channel_ids={"C1"}) == ([], False)
    assert repo.search_channels(db, "TFAKE", ["ministry"]) == ["C2"]
    # hostile words are plain tokens, never syntax
    assert repo.search_briefs(db, "TFAKE", repo.search_words('" OR * NEAR( title:'), channel_ids=None) == ([], False)


# --- posting: recorded before posting, tagged, found again after a crash -------------------------------


def _runner(settings, db, slack, **kw):
    s = settings(slack_bot_token="xoxb-test", slack_api_url=slack.api_url, database_url=db.url)
    return FollowupRunner(s, db, SlackPoster(make_web_client(s)), **kw)


def _prepared(db):
    open_id = store_brief(db, brief("pending", "Greenfield Council", "to build a bus depot on the river bank",
                                    None, "Depot decision awaited"), channel="C1", ts="1700000500.000100")
    repo.index_new_briefs(db, matching.match, since=None)
    store_brief(db, brief("declined", "Greenfield Council", "to build a bus depot on the river bank",
                          "the board", "Board rejects depot"), channel="C2", ts="1700000600.000100")
    return open_id


def test_an_update_posted_before_a_crash_is_not_posted_again(settings, db):
    with FakeSlack() as slack:
        runner = _runner(settings, db, slack)
        _prepared(db)
        runner.index()
        # what a process killed after chat.postMessage, before recording it, leaves behind:
        [update] = repo.claim_followups(db, worker_id="dead", lease_seconds=60)
        repo.begin_followup_post(db, update.id)
        runner.poster.post_message("C1", runner._message(update), thread_ts=update.thread_ts,
                                   metadata={"event_type": FOLLOWUP_EVENT_TYPE,
                                             "event_payload": {"followup_id": update.id}})
        assert runner.post_updates() == 0  # the dead process still holds the lease
        runner.clock = lambda: utcnow() + timedelta(seconds=61)
        assert runner.post_updates() == 0  # found in the thread by its tag, recorded, not posted again
        [done] = repo.get_followups(db)
        assert done.state == "posted" and done.reply_ts
        assert len(slack.posts("C1")) == 1


def test_the_update_text_links_the_new_thread(settings, db):
    with FakeSlack() as slack:
        runner = _runner(settings, db, slack)
        _prepared(db)
        assert runner.run_once()["posted"] == 1
        [post] = slack.posts("C1")
        assert post.body["thread_ts"] == "1700000500.000100"
        assert post.body["text"] == ("Update: ⛔ declined — https://fake.slack.com/archives/C2/p17000006000001009"
                                     "?thread_ts=1700000600.000100&cid=C2")
        assert post.body["metadata"]["event_type"] == FOLLOWUP_EVENT_TYPE
        assert "Board rejects depot" in str(post.body["blocks"]) and "shared words" in str(post.body["blocks"])
        assert runner.run_once()["posted"] == 0 and len(slack.posts("C1")) == 1


def test_slack_refusing_for_good_fails_the_update_quietly(settings, db):
    with FakeSlack() as slack:
        slack.fail("chat.postMessage", "channel_not_found", times=5)
        runner = _runner(settings, db, slack)
        _prepared(db)
        runner.run_once()
        [update] = repo.get_followups(db)
        assert update.state == "failed"
        assert slack.posts("C1") == [] or all(c.body.get("_answered") != "ok" for c in slack.posts("C1"))


# --- re-checks: the same page, updated in place ----------------------------------------------------


def test_an_open_request_is_rechecked_daily_and_its_update_links_the_page(settings, db, pages):
    from bot.pipeline.fetching import Fetcher
    from bot.summarizers.heuristic import HeuristicSummarizer

    pages.extra["/minutes"] = plain_article(PENDING_DEPOT)
    url = pages.url("/minutes")
    with FakeSlack() as slack, Fetcher(settings()) as fetcher:
        clock = [utcnow()]
        runner = _runner(settings, db, slack, fetcher=fetcher, summarizer=HeuristicSummarizer(),
                         clock=lambda: clock[0])
        store_brief(db, HeuristicSummarizer().summarize(_article(PENDING_DEPOT, url)), channel="C1", url=url,
                    ts="1700000700.000100", now=clock[0])
        runner.run_once()
        assert pages.hits["/minutes"] == 0  # not before a day has passed
        clock[0] += timedelta(days=1, minutes=1)
        runner.run_once()
        runner.run_once()
        assert pages.hits["/minutes"] == 1  # at most once a day
        pages.extra["/minutes"] = plain_article(DECLINED_DEPOT)
        clock[0] += timedelta(days=1, minutes=1)
        runner.run_once()
        assert pages.hits["/minutes"] == 2
        [post] = slack.posts("C1")
        assert post.body["text"] == f"Update: ⛔ declined — {url}"
        clock[0] += timedelta(days=2)
        runner.run_once()
        assert pages.hits["/minutes"] == 2  # resolved: never fetched again


def test_rechecks_stop_after_the_window(settings, db, pages):
    from bot.pipeline.fetching import Fetcher
    from bot.summarizers.heuristic import HeuristicSummarizer

    pages.extra["/m"] = plain_article(PENDING_DEPOT)
    with FakeSlack() as slack, Fetcher(settings()) as fetcher:
        clock = [utcnow()]
        runner = _runner(settings, db, slack, fetcher=fetcher, summarizer=HeuristicSummarizer(),
                         clock=lambda: clock[0])
        job = store_brief(db, HeuristicSummarizer().summarize(_article(PENDING_DEPOT, pages.url("/m"))),
                          channel="C1", url=pages.url("/m"), now=clock[0])
        runner.run_once()
        for _ in range(35):
            clock[0] += timedelta(days=1, minutes=1)
            runner.run_once()
        assert pages.hits["/m"] == 30
        assert repo.get_record(db, job).open_state == "expired"


def _article(text, url):
    from bot.pipeline.extraction import extract_plain_text

    return extract_plain_text(text, source=url)


# --- Slack end to end ---------------------------------------------------------------------------------


@pytest.fixture
def fast_verdict(settings, db_url, slack, pages):
    with running_verdict(settings, db_url, slack, pages, followup_interval_seconds=0.3) as running:
        yield running


def _share(verdict, slack, channel, path):
    body = message_event(channel, f"<{verdict.pages.url(path)}>")
    assert post_event(verdict.base_url, body)[0] == 200
    brief_posts(slack, channel, body["event"]["ts"])
    return body["event"]["ts"]


def _caught_up(verdict):
    """Every brief is briefed and seen by the follow-up job (one pass run here, in step with its loop)."""
    verdict.settled()
    verdict.server.followups.run_once()


def _updates(slack, channel, thread_ts):
    return [c for c in thread_posts(slack, channel, thread_ts) if c.body["text"].startswith("Update:")]


def test_a_decided_brief_in_another_channel_updates_the_first_thread_once(fast_verdict, slack, pages):
    pages.extra["/pending"] = plain_article(PENDING_DEPOT)
    pages.extra["/fees"] = plain_article(DECLINED_FEES)
    pages.extra["/library"] = plain_article(APPROVED_LIBRARY)
    pages.extra["/declined"] = plain_article(DECLINED_DEPOT)
    first = _share(fast_verdict, slack, "C1", "/pending")
    _share(fast_verdict, slack, "C2", "/fees")  # same parties, another request: below the threshold
    _share(fast_verdict, slack, "C2", "/library")  # other parties
    _caught_up(fast_verdict)
    assert _updates(slack, "C1", first) == []

    second = _share(fast_verdict, slack, "C2", "/declined")
    slack.wait_for("chat.postMessage", timeout=15, where=lambda c: c.body.get("channel") == "C1"
                   and c.body.get("text", "").startswith("Update:"))
    _caught_up(fast_verdict)
    [update] = _updates(slack, "C1", first)
    assert update.body["text"].startswith("Update: ⛔ declined — https://fake.slack.com/archives/C2/p")
    assert f"thread_ts={second}" in update.body["text"]
    assert _updates(slack, "C2", second) == []


# --- a real `serve` process killed with SIGKILL between the pending brief and the decided one ---------


@pytest.mark.slow
def test_the_update_survives_a_kill_between_the_two_briefs(db_url, tmp_path):
    import signal

    from fakes.pages import ArticleServer
    from fakes.process import free_port, serve_env, start_serve, wait_healthy

    with FakeSlack() as slack, ArticleServer() as pages:
        pages.extra["/pending"] = plain_article(PENDING_DEPOT)
        pages.extra["/declined"] = plain_article(DECLINED_DEPOT)
        port = free_port()
        env = serve_env(slack, db_url, port, FOLLOWUP_INTERVAL_SECONDS="0.3")
        base = f"http://127.0.0.1:{port}"
        first = start_serve(env, tmp_path)
        try:
            wait_healthy(port, first)
            pending = message_event("CK1", f"<{pages.url('/pending')}>")
            assert post_event(base, pending)[0] == 200
            brief_posts(slack, "CK1", pending["event"]["ts"])
            time.sleep(1)  # the follow-up job has indexed it: an open request
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        finally:
            if first.poll() is None:
                first.kill()

        second = start_serve(env, tmp_path)
        try:
            wait_healthy(port, second)
            decided = message_event("CK2", f"<{pages.url('/declined')}>")
            assert post_event(base, decided)[0] == 200
            slack.wait_for("chat.postMessage", timeout=20, where=lambda c: c.body.get("channel") == "CK1"
                           and c.body.get("text", "").startswith("Update:"))
            time.sleep(2)  # another process: nothing to wait on but the clock
            [update] = _updates(slack, "CK1", pending["event"]["ts"])
            assert update.body["text"].startswith("Update: ⛔ declined — https://fake.slack.com/archives/CK2/")
        finally:
            second.send_signal(signal.SIGTERM)
            output = second.communicate(timeout=20)[0]
        assert "Traceback" not in output

        # and once more after a restart: nothing is posted twice
        third = start_serve(env, tmp_path)
        try:
            wait_healthy(port, third)
            time.sleep(2)  # another process: nothing to wait on but the clock
            assert len(_updates(slack, "CK1", pending["event"]["ts"])) == 1
        finally:
            third.send_signal(signal.SIGTERM)
            third.communicate(timeout=20)
