#!/usr/bin/env python3
"""The durable queue's write on the ack path: `enqueue_links` of a two-link message, median and max.

    python bench/bench_queue.py                                        # a temporary SQLite file
    python bench/bench_queue.py --database-url postgresql+psycopg://…  # an empty database/schema

Target: median < 5 ms (it is most of an ack's database time).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.db.engine import Database  # noqa: E402
from bot.db.jobs import enqueue_links  # noqa: E402


def measure(database_url: str, count: int) -> tuple[float, float]:
    db = Database(database_url)
    db.upgrade()
    try:
        durations = []
        for n in range(count):
            started = time.perf_counter()
            enqueue_links(db, team_id="T1", channel_id="CBENCH", message_ts=f"1700000000.{n:06d}",
                          thread_ts=f"1700000000.{n:06d}", user_id="U1",
                          urls=[f"https://example.org/{n}", f"https://example.org/{n}/b"])
            durations.append(time.perf_counter() - started)
        return statistics.median(durations), max(durations)
    finally:
        db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        median, worst = measure(url, args.count)
    print(f"enqueue_links ({url.split(':')[0]}, {args.count} messages of 2 links): "
          f"median {median * 1000:.2f} ms, max {worst * 1000:.2f} ms (target: median < 5 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
