"""Digests end to end against a real database (SQLite and PostgreSQL) and the fake Slack over HTTP.

Exactly once is tested by stopping the digest at every step: in-process (a hook raising an
exception that nothing catches, on both databases) and for real (a subprocess killed with SIGKILL).
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from fakes.digests import add_briefs, brief_via_queue, digest_titles, make_brief
from fakes.slack import BOT_USER_ID
from sqlalchemy import func, select

from bot.cli.digest import run_digest_command
from bot.db.engine import get_channel, utcnow
from bot.db.tables import Digest, DigestItem
from bot.digests.digester import Digester, handle_digest_command
from bot.digests.scheduler import handle_schedule_command
from bot.render.digest import MAX_MESSAGE_CHARS
from bot.slack.client import ChannelPacer, SlackPoster, make_web_client

ROOT = Path(__file__).resolve().parents[2]
CHANNEL = "C0GENERAL"
STEPS = ["selected", "recorded", "part_posted", "posted", "marked"]


@pytest.fixture
def env(db, slack, settings):
    """(settings, db, poster) wired to the fake Slack; posts unpaced so tests don't wait."""
    s = settings(database_url=db.url, slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
    poster = SlackPoster(make_web_client(s), pacer=ChannelPacer(0.0))
    return s, db, poster


def digest_posts(slack, channel=None):
    return [c for c in slack.posts(channel) if (c.body.get("metadata") or {}).get("event_type") == "verdict_digest"]


def items_by_digest(db) -> dict[int, int]:
    with db.session(readonly=True) as s:
        return dict(s.execute(select(DigestItem.digest_id, func.count()).group_by(DigestItem.digest_id)).all())


def digest_rows(db):
    with db.session(readonly=True) as s:
        return list(s.scalars(select(Digest).order_by(Digest.id)))


# --- the basic promise -------------------------------------------------------------------------------

def test_posts_every_new_brief_once_then_only_new_ones(env, slack):
    settings, db, poster = env
    add_briefs(db, CHANNEL, 5)
    outcome = Digester(settings, db, poster).run(CHANNEL)
    assert (outcome.state, outcome.count) == ("posted", 5)

    [post] = digest_posts(slack)
    assert post.body["channel"] == CHANNEL and "thread_ts" not in post.body  # top-level
    assert post.body["metadata"] == {"event_type": "verdict_digest",
                                     "event_payload": {"digest_id": outcome.digest_id, "part": 1, "through": 5}}
    assert sorted(digest_titles([post])) == sorted(make_brief(i).title for i in range(5))
    # titles link to the article, and a "thread" link to where it was shared (permalink built from auth.test's URL)
    assert "<https://news.example.org/story/0|Story 0:" in str(post.body["blocks"])
    assert f"<https://fake.slack.com/archives/{CHANNEL}/p1700000000000200|thread>" in str(post.body["blocks"])
    assert "<@U" not in str(post.body) and "shared by display-U0SHARER" in str(post.body["blocks"])
    [row] = digest_rows(db)
    assert (row.state, row.message_ts, row.kind) == ("posted", outcome.message_ts, "scheduled")
    assert items_by_digest(db) == {row.id: 5}

    # nothing new: nothing posted, but the run is recorded (so the scheduler knows the slot was handled)
    again = Digester(settings, db, poster).run(CHANNEL)
    assert again.state == "nothing"
    assert len(digest_posts(slack)) == 1

    add_briefs(db, CHANNEL, 2, start=100)
    third = Digester(settings, db, poster).run(CHANNEL)
    assert (third.state, third.count) == ("posted", 2)
    assert sorted(digest_titles(digest_posts(slack)[1:])) == sorted(make_brief(i).title for i in (100, 101))
    # other channels' briefs never show up here
    add_briefs(db, "C0OTHER", 3, start=200)
    assert Digester(settings, db, poster).run(CHANNEL).state == "nothing"


def test_real_queue_path_thread_permalinks_and_a_page_shared_twice(env, slack):
    settings, db, poster = env
    brief = make_brief(7, "declined")
    first = brief_via_queue(db, CHANNEL, "https://news.example.org/story/7", brief,
                            message_ts="1700000600.000100", thread_ts="1700000590.000100")
    # the same page shared again in another message, reusing the stored brief (same brief id)
    with db.session() as s:
        from bot.db.tables import LinkJob
        job = s.get(LinkJob, first)
        s.add(LinkJob(team_id=job.team_id, channel_id=CHANNEL, message_ts="1700000700.000100",
                      thread_ts="1700000700.000100", user_id="U0BOB", url=job.url, url_key=job.url_key, fresh=False,
                      state="done", attempts=1, next_attempt_at=utcnow(), brief_id=job.brief_id,
                      created_at=utcnow(), finished_at=utcnow()))
    outcome = Digester(settings, db, poster).run(CHANNEL)
    assert outcome.count == 1  # listed once …
    assert sum(items_by_digest(db).values()) == 2  # … and both shares marked, so neither comes back
    [post] = digest_posts(slack)
    assert (f"https://fake.slack.com/archives/{CHANNEL}/p1700000600000100?thread_ts=1700000590.000100"
            f"&amp;cid={CHANNEL}") in str(post.body["blocks"])
    assert Digester(settings, db, poster).run(CHANNEL).state == "nothing"


def test_300_briefs_continue_in_the_thread_in_order_within_limits(env, slack):
    settings, db, poster = env
    add_briefs(db, CHANNEL, 300, long=True)
    outcome = Digester(settings, db, poster).run(CHANNEL)
    posts = digest_posts(slack)
    assert outcome.count == 300 and len(posts) == len(outcome.messages) > 1
    parent_ts = outcome.message_ts
    assert "thread_ts" not in posts[0].body
    assert all(p.body["thread_ts"] == parent_ts for p in posts[1:])
    assert [p.body["metadata"]["event_payload"]["part"] for p in posts] == list(range(1, len(posts) + 1))
    shown = digest_titles(posts)
    assert len(shown) == 300 and len(set(shown)) == 300
    for p in posts:
        blocks = p.body["blocks"]
        assert len(blocks) <= 50
        assert len(p.body["text"]) + sum(len((b.get("text") or {}).get("text", "")) +
                                         sum(len(e.get("text", "")) for e in b.get("elements", []))
                                         for b in blocks) <= MAX_MESSAGE_CHARS
        assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")


# --- exactly once across crashes ------------------------------------------------------------------------

class Crash(BaseException):
    """Stands for the process dying: nothing in bot/ catches a BaseException."""


@pytest.mark.parametrize("step", STEPS)
def test_crash_at_each_step_then_recovery_posts_each_brief_exactly_once(env, slack, step, monkeypatch):
    settings, db, poster = env
    add_briefs(db, CHANNEL, 60)  # three messages: the crash can fall between parts

    def crash_at(name):
        if name == step:
            raise Crash(name)

    with pytest.raises(Crash):
        Digester(settings, db, poster, on_step=crash_at).run(CHANNEL)
    assert_recovers_exactly_once(settings, db, poster, slack, expected=60)


def assert_recovers_exactly_once(settings, db, poster, slack, *, expected):
    # another runner within the lease leaves the prepared digest alone
    if any(row.state == "prepared" for row in digest_rows(db)):
        assert Digester(settings, db, poster).run(CHANNEL).state == "busy"
    # a restarted process, once the lease has run out
    later = Digester(settings, db, poster, clock=lambda: utcnow() + timedelta(minutes=3))
    later.recover()
    later.run(CHANNEL)
    later.run(CHANNEL)
    posts = digest_posts(slack)
    shown = digest_titles(posts)
    assert sorted(shown) == sorted(make_brief(i).title for i in range(expected)), "a brief missing or repeated"
    # one digest (one top-level post); its parts in its thread
    tops = [p for p in posts if "thread_ts" not in p.body]
    assert len(tops) == 1
    states = [row.state for row in digest_rows(db)]
    assert states.count("posted") == 1 and "prepared" not in states
    [parent_ts] = [row.message_ts for row in digest_rows(db) if row.state == "posted"]
    assert all(p.body["thread_ts"] == parent_ts for p in posts[1:])
    assert sum(items_by_digest(db).values()) == expected


@pytest.mark.slow
@pytest.mark.parametrize("step", ["recorded", "part_posted", "posted"])
def test_sigkill_at_each_step_of_the_real_command(db, slack, settings, step):
    """`python -m bot digest` killed with SIGKILL mid-way; the next run finishes it, once."""
    s = settings(database_url=db.url, slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
    add_briefs(db, CHANNEL, 60)
    environment = {**os.environ, "DATABASE_URL": db.url, "SLACK_BOT_TOKEN": "xoxb-test",
                   "SLACK_API_URL": slack.api_url, "PYTHONPATH": str(ROOT), "LOG_LEVEL": "WARNING"}
    child = subprocess.Popen([sys.executable, str(ROOT / "tests" / "fakes" / "digest_child.py"), step, "--",
                              "digest", "--channel", CHANNEL],
                             cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        seen = []
        for line in child.stdout:
            seen.append(line.strip())
            if line.startswith("PAUSED"):
                break
        assert seen and seen[-1] == f"PAUSED {step}", (seen, child.stderr.read() if child.poll() else "")
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    # the same command right away: the dead process's lease still holds, so it refuses to double-post
    rerun = subprocess.run([sys.executable, "-m", "bot", "digest", "--channel", CHANNEL], cwd=ROOT, env=environment,
                           capture_output=True, text=True, timeout=60)
    assert rerun.returncode == 1 and "being posted by another process" in rerun.stderr
    poster = SlackPoster(make_web_client(s), pacer=ChannelPacer(0.0))
    assert_recovers_exactly_once(s, db, poster, slack, expected=60)


def test_two_runners_racing_never_share_a_brief(env, slack):
    import threading

    settings, db, poster = env
    add_briefs(db, CHANNEL, 40)
    outcomes = []
    barrier = threading.Barrier(2)

    def runner():
        barrier.wait()
        outcomes.append(Digester(settings, db, poster).run(CHANNEL))  # separate instances: separate locks

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    shown = digest_titles(digest_posts(slack))
    assert len(shown) == 40 and len(set(shown)) == 40
    assert sum(o.count for o in outcomes) == 40


def test_transient_slack_failure_keeps_the_digest_and_recovery_posts_it_once(env, slack):
    settings, db, poster = env
    add_briefs(db, CHANNEL, 4)
    slack.fail("chat.postMessage", "internal_error")
    outcome = Digester(settings, db, poster).run(CHANNEL)
    assert outcome.state == "failed"
    assert [row.state for row in digest_rows(db)] == ["prepared"]
    assert_recovers_exactly_once(settings, db, poster, slack, expected=4)


# --- the command line ------------------------------------------------------------------------------------

def test_dry_run_prints_and_changes_nothing(env, slack):
    settings, db, poster = env
    add_briefs(db, CHANNEL, 3)
    out, err = io.StringIO(), io.StringIO()
    assert run_digest_command(settings, CHANNEL, True, out=out, err=err) == 0
    printed = out.getvalue()
    assert "2 approved" not in printed and "1 approved · 1 declined · 1 pending" in printed
    assert all(make_brief(i).title in printed for i in range(3))
    assert "dry run: 3 briefs" in printed and "nothing posted, nothing marked" in printed
    assert slack.posts() == [] and digest_rows(db) == []

    out = io.StringIO()
    assert run_digest_command(settings, CHANNEL, False, out=out, err=err) == 0
    assert "Posted the digest for C0GENERAL in C0GENERAL: 3 briefs" in out.getvalue()
    assert len(digest_posts(slack)) == 1

    out = io.StringIO()
    assert run_digest_command(settings, CHANNEL, False, out=out, err=err) == 0
    assert out.getvalue() == "Nothing new in C0GENERAL since the last digest; nothing posted.\n"
    assert len(digest_posts(slack)) == 1
    assert run_digest_command(settings, "#general", True, out=out, err=err) == 2
    assert "is not a Slack channel id" in err.getvalue()


@pytest.mark.slow
def test_cli_dry_run_in_a_subprocess(db, slack):
    add_briefs(db, CHANNEL, 2)
    environment = {**os.environ, "DATABASE_URL": db.url, "SLACK_API_URL": slack.api_url, "PYTHONPATH": str(ROOT)}
    environment.pop("SLACK_BOT_TOKEN", None)
    done = subprocess.run([sys.executable, "-m", "bot", "digest", "--channel", CHANNEL, "--dry-run"], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Story 0:" in done.stdout and "Story 1:" in done.stdout and "nothing marked" in done.stdout
    assert slack.calls == []


# --- mention commands ------------------------------------------------------------------------------------

def test_digest_command_posts_now_and_lookback_marks_nothing(env, slack):
    settings, db, poster = env
    add_briefs(db, CHANNEL, 2, start=0, finished_at=utcnow() - timedelta(days=10))  # too old for a 7-day look-back
    add_briefs(db, CHANNEL, 3, start=10)
    answer = handle_digest_command(settings, db, poster, CHANNEL, "U0ALICE", "")
    assert answer == "Posted the digest: 5 briefs."
    assert handle_digest_command(settings, db, poster, CHANNEL, "U0ALICE", "") == \
        f"Nothing new in <#{CHANNEL}> since the last digest; nothing posted."
    add_briefs(db, CHANNEL, 1, start=20)

    answer = handle_digest_command(settings, db, poster, CHANNEL, "U0ALICE", "7d")
    assert answer == "Posted a look-back of 4 briefs from the last 7 days."
    lookback = [p for p in slack.posts(CHANNEL) if "look-back" in p.body["text"]]
    assert len(lookback) == 1 and "metadata" not in lookback[0].body
    assert sorted(digest_titles(lookback)) == sorted(make_brief(i).title for i in (10, 11, 12, 20))
    # the look-back marked nothing: the next digest still has brief 20
    assert Digester(settings, db, poster).run(CHANNEL).count == 1
    assert handle_digest_command(settings, db, poster, CHANNEL, "U0ALICE", "soon").startswith("`digest soon`: give")
    assert handle_digest_command(settings, db, poster, CHANNEL, "U0ALICE", "400d") == "a look-back covers 1 to 90 days"


def test_empty_period_posts_nothing_unless_asked(env, slack, settings):
    s, db, poster = env
    assert Digester(s, db, poster).run(CHANNEL).state == "nothing"
    assert slack.posts() == []
    loud = settings(database_url=db.url, slack_bot_token="xoxb-test", slack_api_url=slack.api_url,
                    digest_post_empty=True)
    outcome = Digester(loud, db, poster).run(CHANNEL)
    assert outcome.state == "posted"
    [post] = digest_posts(slack)
    assert "No new briefs in <#C0GENERAL>" in str(post.body["blocks"])


# --- destination channels --------------------------------------------------------------------------------

def test_destination_needs_the_asker_and_verdict_in_it(env, slack):
    settings, db, poster = env
    dest = "C0LEADERS"
    spec = f"weekly fri 16:00 Europe/Berlin to <#{dest}|leadership>"

    slack.members[dest] = ["U0BOSS"]  # Verdict is not in it
    answer = handle_schedule_command(settings, db, poster, CHANNEL, "U0BOSS", spec)
    assert answer.startswith(f"I'm not in <#{dest}>, so I can't post digests there")
    assert get_channel(db, CHANNEL).schedule is None

    slack.members[dest] = ["U0BOSS", BOT_USER_ID]
    answer = handle_schedule_command(settings, db, poster, CHANNEL, "U0ALICE", spec)
    assert answer == f"You're not a member of <#{dest}>, so you can't send this channel's digests there."
    assert get_channel(db, CHANNEL).schedule is None

    slack.fail("conversations.members", "channel_not_found", channel="C0SECRET")
    answer = handle_schedule_command(settings, db, poster, CHANNEL, "U0BOSS", "daily 09:00 to <#C0SECRET|x>")
    assert "I'm not in <#C0SECRET> (or can't see it)" in answer

    answer = handle_schedule_command(settings, db, poster, CHANNEL, "U0BOSS", spec)
    assert answer.startswith(f"Digests for <#{CHANNEL}> will be posted every Friday at 16:00 (Europe/Berlin) "
                             f"in <#{dest}>. Next: Fri ")
    channel = get_channel(db, CHANNEL)
    assert (channel.schedule, channel.timezone, channel.destination_id) == ("weekly fri 16:00", "Europe/Berlin", dest)

    add_briefs(db, CHANNEL, 3)
    answer = handle_digest_command(settings, db, poster, CHANNEL, "U0BOSS", "")
    assert answer == f"Posted the digest in <#{dest}>: 3 briefs."
    assert len(digest_posts(slack, dest)) == 1 and digest_posts(slack, CHANNEL) == []
    assert f"shared in <#{CHANNEL}>" in str(digest_posts(slack, dest)[0].body["blocks"])


def test_destination_that_refuses_tells_the_channel_and_releases_the_briefs(env, slack):
    settings, db, poster = env
    dest = "C0LEADERS"
    slack.members[dest] = ["U0BOSS", BOT_USER_ID]
    handle_schedule_command(settings, db, poster, CHANNEL, "U0BOSS", f"daily 09:00 to <#{dest}|leadership>")
    add_briefs(db, CHANNEL, 3)

    slack.fail("chat.postMessage", "not_in_channel", channel=dest)  # Verdict was removed from it since
    outcome = Digester(settings, db, poster).run(CHANNEL)
    assert outcome.state == "failed"
    [told] = slack.posts(CHANNEL)
    assert told.body["text"].startswith(f"I couldn't post this channel's digest in <#{dest}>: I'm not in that channel.")
    assert [row.state for row in digest_rows(db)] == ["failed"]
    assert items_by_digest(db) == {}  # released

    answer = handle_digest_command(settings, db, poster, CHANNEL, "U0BOSS", "")
    assert answer == f"Posted the digest in <#{dest}>: 3 briefs."  # the same briefs, once

    slack.fail("chat.postMessage", "not_in_channel", channel=dest)
    add_briefs(db, CHANNEL, 1, start=50)
    answer = handle_digest_command(settings, db, poster, CHANNEL, "U0BOSS", "")
    assert answer.startswith(f"I couldn't post this channel's digest in <#{dest}>: I'm not in that channel.")


# --- through the real app: mentions over signed HTTP -----------------------------------------------------

def test_schedule_status_and_digest_mentions_end_to_end(settings, db_url, slack):
    from fakes.harness import running_verdict
    from fakes.pages import ArticleServer
    from fakes.signing import mention_event, message_event, post_event
    from fakes.slack import BOT_USER_ID as VERDICT

    def mention(channel, text):
        body = mention_event(channel, f"<@{VERDICT}> {text}")
        assert post_event(verdict.base_url, body)[0] == 200
        return slack.wait_for("chat.postMessage", 1, 20, where=lambda c: c.body.get("_answered") == "ok"
                              and c.body.get("thread_ts") == body["event"]["ts"])[0].body["text"]

    with ArticleServer() as pages, running_verdict(settings, db_url, slack, pages) as verdict:
        shared = message_event("C0E2E", f"look <{pages.url('/news/1')}>")
        post_event(verdict.base_url, shared)
        slack.wait_for("chat.postMessage", 1, 20, where=lambda c: c.body.get("thread_ts") == shared["event"]["ts"])
        slack.wait_for("reactions.remove", 1, 20)  # the worker has finished the job

        answer = mention("C0E2E", "schedule weekdays 09:00 Europe/Berlin")
        assert answer.startswith("Digests for <#C0E2E> will be posted Monday to Friday at 09:00 (Europe/Berlin). Next:")
        assert "Digest: Monday to Friday at 09:00 (Europe/Berlin), posted here · next:" in mention("C0E2E", "status")
        assert "I can't use that schedule" in mention("C0E2E", "schedule fortnightly")
        assert mention("C0E2E", "digest") == "Posted the digest: 1 brief."
        [digest] = digest_posts(slack, "C0E2E")
        assert "thread_ts" not in digest.body
        assert f"https://fake.slack.com/archives/C0E2E/p{shared['event']['ts'].replace('.', '')}" in str(digest.body)
        assert mention("C0E2E", "digest") == "Nothing new in <#C0E2E> since the last digest; nothing posted."


def test_slash_digest_answers_at_once_and_reports_privately(settings, db_url, slack):
    """`/verdict digest` can take longer than Slack's 3 s (posts are paced): ack first, report later."""
    from fakes.harness import running_verdict
    from fakes.pages import ArticleServer
    from fakes.signing import message_event, post_event, post_slash

    with ArticleServer() as pages, running_verdict(settings, db_url, slack, pages) as verdict:
        shared = message_event("C0SL", f"look <{pages.url('/news/1')}>")
        post_event(verdict.base_url, shared)
        slack.wait_for("chat.postMessage", 1, 20, where=lambda c: c.body.get("thread_ts") == shared["event"]["ts"])
        slack.wait_for("reactions.remove", 1, 20)

        status, answer = post_slash(verdict.base_url, "digest", channel_id="C0SL")
        assert status == 200 and answer["response_type"] == "ephemeral"
        assert "Putting the digest together" in answer["text"]
        [report] = slack.wait_for("chat.postEphemeral", 1, 20)
        assert report.body["channel"] == "C0SL" and report.body["user"] == "UALICE"
        assert report.body["text"] == "Posted the digest: 1 brief."
        assert len(digest_posts(slack, "C0SL")) == 1
