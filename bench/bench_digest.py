"""Digest benchmarks: rendering a 1,000-brief digest, and 500 channels due at the same minute.

    python bench/bench_digest.py                       # both, on a temporary SQLite database
    python bench/bench_digest.py --only render
    python bench/bench_digest.py --only fanout --channels 500 --briefs 20
    python bench/bench_digest.py --database-url postgresql+psycopg://…   # an empty database/schema

1. Build and render a digest of 1,000 briefs: the pure rendering (Block Kit, split into messages),
   and the whole dry run from the database (select, load briefs, render). Median of several runs;
   target < 200 ms.
2. Fan-out: N channels × M briefs (long briefs, so each digest needs two messages and the one-post-
   per-second-per-channel pace matters), every channel scheduled for the same minute, the real
   APScheduler-driven scheduler against the fake Slack over HTTP. A few channels answer
   `channel_not_found`: they must not hold up the others. Reports seconds from the slot until the
   last digest is posted (target: all within 60 s), digests posted twice (target 0), and the
   shortest gap between two posts in one channel (target ≥ ~1 s).
"""

from __future__ import annotations

import argparse
import logging
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakes.digests import add_briefs, digest_titles, make_brief  # noqa: E402
from fakes.slack import FakeSlack  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.db.engine import Database  # noqa: E402
from bot.db.tables import Channel  # noqa: E402
from bot.digests.digester import Digester  # noqa: E402
from bot.digests.scheduler import DigestScheduler  # noqa: E402
from bot.render.digest import DigestEntry, render_digest  # noqa: E402
from bot.slack.client import SlackPoster, make_web_client  # noqa: E402

# the fake Slack is a ThreadingHTTPServer, whose listen backlog of 5 resets connections when the 128
# digest threads post at once (Slack's own servers don't): give it a real server's backlog
ThreadingHTTPServer.request_queue_size = 1024


def bench_render(db: Database, runs: int = 9) -> None:
    entries = [DigestEntry(brief=make_brief(i), permalink=f"https://acme.slack.com/archives/C1/p{i}",
                           shared_by="U1", shared_at=datetime.now(UTC)) for i in range(1000)]
    tz = ZoneInfo("Europe/Berlin")
    end = datetime.now(UTC)
    pure = []
    for _ in range(runs):
        started = time.perf_counter()
        messages = render_digest(entries, channel_id="C1", period_start=end - timedelta(days=7), period_end=end, tz=tz)
        pure.append(time.perf_counter() - started)

    add_briefs(db, "C0RENDER", 1000)
    settings = Settings(_env_file=None, database_url=db.url)
    digester = Digester(settings, db, None)
    whole = []
    for _ in range(runs):
        started = time.perf_counter()
        outcome = digester.run("C0RENDER", dry_run=True)
        whole.append(time.perf_counter() - started)
    assert outcome.count == 1000
    print(f"render 1,000 briefs: median {statistics.median(pure) * 1000:.1f} ms "
          f"(min {min(pure) * 1000:.1f}) → {len(messages)} messages")
    print(f"build from the database + render (dry run): median {statistics.median(whole) * 1000:.1f} ms "
          f"(min {min(whole) * 1000:.1f})  target < 200 ms")


def bench_fanout(db: Database, channels: int, briefs: int, failing: int) -> bool:
    names = [f"C0BENCH{i:04d}" for i in range(channels)]
    bad = set(names[:: max(1, channels // failing)][:failing]) if failing else set()
    seeded = time.perf_counter()
    for n, channel in enumerate(names):
        add_briefs(db, channel, briefs, start=n * briefs, long=True)
    print(f"seeded {channels} channels × {briefs} briefs in {time.perf_counter() - seeded:.1f} s")

    with FakeSlack() as slack:
        for channel in bad:
            slack.fail("chat.postMessage", "channel_not_found", channel=channel)
        settings = Settings(_env_file=None, database_url=db.url, slack_bot_token="xoxb-bench",
                            slack_api_url=slack.api_url)
        poster = SlackPoster(make_web_client(settings))  # the real pacer: one post a second per channel
        # every channel due at the next minute that is at least 10 s away
        slot = (datetime.now(UTC) + timedelta(seconds=70)).replace(second=0, microsecond=0)
        with db.session() as s:
            for channel in names:
                s.merge(Channel(id=channel, watched=True, schedule=f"daily {slot:%H:%M}", timezone="UTC",
                                created_at=slot - timedelta(hours=1), updated_at=slot - timedelta(hours=1)))
        scheduler = DigestScheduler(settings, db, poster).start()
        try:
            print(f"all {channels} channels due at {slot:%H:%M:%S} UTC; waiting "
                  f"{(slot - datetime.now(UTC)).total_seconds():.0f} s for it …")
            expected = channels - len(bad)
            deadline = slot.timestamp() + 120
            while time.time() < deadline:
                tops = [c for c in slack.posts() if (c.body.get("metadata") or {}).get("event_payload", {}).get("part") == 1]
                if len(tops) >= expected:
                    break
                time.sleep(0.2)
            time.sleep(3)  # let continuation parts (paced) finish
            while True:  # until no digest is in flight
                with db.session(readonly=True) as s:
                    from sqlalchemy import func, select

                    from bot.db.tables import Digest
                    left = s.scalar(select(func.count()).select_from(Digest).where(Digest.state == "prepared"))
                if not left or time.time() > deadline:
                    break
                time.sleep(0.5)
        finally:
            scheduler.shutdown()

        posts = [c for c in slack.posts() if (c.body.get("metadata") or {}).get("event_type") == "verdict_digest"]
        mono_slot = time.monotonic() - (time.time() - slot.timestamp())
        by_channel: dict[str, list] = defaultdict(list)
        for call in posts:
            by_channel[call.body["channel"]].append(call)
        last = max(c.at for c in posts) - mono_slot
        first = min(c.at for c in posts) - mono_slot
        titles = digest_titles(posts)
        twice = len(titles) - len(set(titles))
        tops_per_channel = [sum(1 for c in calls if "thread_ts" not in c.body) for calls in by_channel.values()]
        gaps = [b.at - a.at for calls in by_channel.values() for a, b in zip(calls, calls[1:], strict=False)]
        complete = sum(1 for ch in names if ch not in bad and
                       len(set(digest_titles(by_channel.get(ch, [])))) == briefs)
        print(f"posted: {len(by_channel)} channels, {len(posts)} messages "
              f"({len(posts) / max(1, len(by_channel)):.1f} per digest); {len(bad)} channels answered "
              f"channel_not_found")
        print(f"first post {first:.2f} s after the slot, last {last:.2f} s  (target ≤ 60 s)")
        print(f"channels with every brief: {complete}/{channels - len(bad)}; briefs posted twice: {twice}; "
              f"digests per channel: max {max(tops_per_channel)}  (target: all, 0, 1)")
        print(f"shortest gap between two posts in one channel: {min(gaps):.2f} s  (target ≥ ~1 s)" if gaps
              else "one message per channel: no pacing needed")
        return (last <= 60 and twice == 0 and complete == channels - len(bad) and max(tops_per_channel) == 1
                and (not gaps or min(gaps) >= 0.9))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["render", "fanout"])
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--briefs", type=int, default=20)
    parser.add_argument("--failing", type=int, default=5, help="channels that answer channel_not_found")
    parser.add_argument("--database-url", help="an empty database (default: a temporary SQLite file)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bot.digests.digester").setLevel(logging.ERROR)  # the failing channels are expected

    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        db = Database(url, pool_size=20)
        db.upgrade()
        print(f"database: {db.dialect}")
        if args.only in (None, "render"):
            bench_render(db)
        if args.only in (None, "fanout"):
            ok = bench_fanout(db, args.channels, args.briefs, args.failing)
        db.dispose()
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
