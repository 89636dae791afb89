"""Issue 11 item 12: one channel's one-post-a-second pace never holds the workers.

The whole app over real HTTP (waitress, Bolt, database, the link workers and their CPU process) with
two workers: ten links shared in one channel, then one link in another. Before, both workers slept
on the first channel's pace and the second channel waited ~9 s for its brief.
"""

from __future__ import annotations

import time

from fakes.harness import brief_posts, running_verdict
from fakes.signing import message_event, post_event

from bot.jobs.posting import PostingQueue
from bot.slack.client import ChannelPacer


def test_a_busy_channel_does_not_hold_up_another(settings, db_url, slack, pages):
    with running_verdict(settings, db_url, slack, pages, worker_count=2, links_per_message=10) as v:
        busy = message_event("CBUSY", " ".join(f"<{pages.url(f'/news/{n}')}>" for n in range(10)))
        quiet = message_event("CQUIET", f"<{pages.url('/news/50')}>")
        assert post_event(v.base_url, busy)[0] == 200
        time.sleep(0.3)
        assert post_event(v.base_url, quiet)[0] == 200
        [answer] = brief_posts(slack, "CQUIET", quiet["event"]["ts"], timeout=20)
        posts = brief_posts(slack, "CBUSY", busy["event"]["ts"], count=10, timeout=40)
        times = sorted(p.at for p in posts)
        # the busy channel's ten briefs need nine seconds of pace; the quiet one comes early among them
        # (before: after the ninth, both workers asleep on the busy channel). Order, not seconds, so a
        # loaded machine does not fail it; bench/bench_slack.py --only stall measures the seconds
        assert answer.at < times[5], f"the quiet brief came after {sum(t < answer.at for t in times)} busy ones"
        assert min(b - a for a, b in zip(times, times[1:], strict=False)) > 0.9  # the pace still holds
        assert len({p.body["text"] for p in posts}) == 10


def test_the_posting_queue_keeps_each_channels_order_and_pace():
    pacer = ChannelPacer(0.2)
    posting = PostingQueue(pacer, threads=2)
    done: list[tuple[str, int, float]] = []

    def post(channel, n):
        def run():
            pacer.wait(channel)  # what SlackPoster.post_message does: returns at once when due
            done.append((channel, n, time.monotonic()))
        return run

    started = time.monotonic()
    for n in range(5):
        for channel in ("A", "B"):
            posting.submit(channel, post(channel, n))
    deadline = time.monotonic() + 5
    while len(done) < 10 and time.monotonic() < deadline:
        time.sleep(0.02)
    posting.close()
    for channel in ("A", "B"):
        mine = [(n, at) for c, n, at in done if c == channel]
        assert [n for n, _ in mine] == list(range(5))
        gaps = [b - a for (_, a), (_, b) in zip(mine, mine[1:], strict=False)]
        assert min(gaps) > 0.15
    # both channels at once, not one after the other
    assert max(at for _, _, at in done) - started < 0.2 * 4 + 0.5
