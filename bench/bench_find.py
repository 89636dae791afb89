"""`find` latency over 100,000 briefs, SQLite (FTS5) and PostgreSQL (tsvector + GIN).

    python bench/bench_find.py                        # SQLite in a temporary file
    python bench/bench_find.py --postgres URL         # also PostgreSQL (a throwaway schema in that database)
    python bench/bench_find.py --briefs 20000 --runs 20

Measures what `@Verdict find WORDS` runs in the database: the channels holding matches
(`search_channels`), then the newest ten in the visible channels (`search_briefs`).
Slack's visibility answers are cached per user and channel, so they are left out. Queries: a rare
word (a few matches), a common one (~10 % of the briefs), two words together, and a miss.
Target: < 50 ms median.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sqlalchemy import insert, text  # noqa: E402

from bot.db import followups as repo  # noqa: E402
from bot.db.engine import Database, utcnow  # noqa: E402
from bot.db.tables import BriefRecordRow, BriefRow, LinkJob  # noqa: E402

TEAM = "T0BENCH"
PLACES = ["Lyon", "Arlo", "Greenfield", "Lakeside", "Northwind", "Harbor", "Seoul", "Kyiv", "Oslo", "Porto"]
BODIES = ["council", "union", "airline", "hospital", "university", "port authority", "club", "association"]
THINGS = ["bridge", "depot", "runway", "school", "licence", "pay rise", "merger", "festival", "pipeline",
          "wind farm", "tram line", "stadium", "museum wing", "ferry", "housing estate", "clinic"]
DECIDERS = ["the planning board", "the ministry", "the regulator", "the court", "the city council"]
QUERIES = {"rare word": "zephyrine", "common word": "stadium", "two words": "lyon bridge", "no match": "xylograph"}


def fill(db: Database, count: int, channels: int = 200, batch: int = 5000) -> None:
    rng = random.Random(7)
    now = utcnow()
    job_id = 0
    for start in range(0, count, batch):
        briefs, jobs, records, fts = [], [], [], []
        for n in range(start, min(count, start + batch)):
            job_id = n + 1
            place, body, thing = rng.choice(PLACES), rng.choice(BODIES), rng.choice(THINGS)
            requester = f"{place} {body}"
            request = f"to build a {thing} near the {rng.choice(['river', 'station', 'coast', 'centre'])}"
            if n % 20_000 == 0:
                request += " for the zephyrine gardens"  # a rare word: 5 briefs in 100,000
            title = f"{rng.choice(DECIDERS).capitalize()} rules on the {requester}'s {thing}"
            when = now - timedelta(minutes=count - n)
            channel = f"C{n % channels:04d}"
            briefs.append({"id": job_id, "url_key": f"news.example/{n}", "status": "approved", "title": title,
                           "brief_json": "{}", "created_at": when})
            jobs.append({"id": job_id, "team_id": TEAM, "channel_id": channel, "message_ts": f"{n}.1",
                         "thread_ts": f"{n}.1", "user_id": "U1", "url": f"https://news.example/{n}",
                         "url_key": f"news.example/{n}", "fresh": False, "state": "done", "attempts": 1,
                         "next_attempt_at": when, "brief_id": job_id, "reply_ts": f"{n}.2", "created_at": when,
                         "finished_at": when})
            record = {"job_id": job_id, "brief_id": job_id, "team_id": TEAM, "channel_id": channel,
                      "thread_ts": f"{n}.1", "reply_ts": f"{n}.2", "url": f"https://news.example/{n}",
                      "status": "approved", "requester": requester, "request": request,
                      "decided_by": rng.choice(DECIDERS), "title": title, "searchable": True, "open_state": None,
                      "recheck_at": None, "rechecks": 0, "created_at": when}
            records.append(record)
            fts.append({"id": job_id, "requester": requester, "request": request,
                        "decided_by": record["decided_by"], "title": title})
        with db.session() as s:
            s.execute(insert(BriefRow), briefs)
            s.execute(insert(LinkJob), jobs)
            s.execute(insert(BriefRecordRow), records)
            if db.dialect == "sqlite":
                s.execute(text("INSERT INTO brief_records_fts (rowid, requester, request, decided_by, title) "
                               "VALUES (:id, :requester, :request, :decided_by, :title)"), fts)
    with db.session() as s:
        s.execute(text("ANALYZE"))


def find(db: Database, query: str, visible: set[str]) -> tuple[int, int]:
    words = repo.search_words(query)
    channels = repo.search_channels(db, TEAM, words, limit=50)
    rows, more = repo.search_briefs(db, TEAM, words, channel_ids=[c for c in channels if c in visible])
    return len(rows), more


def bench(db: Database, label: str, count: int, runs: int) -> None:
    started = time.perf_counter()
    fill(db, count)
    print(f"{label}: {count} briefs loaded in {time.perf_counter() - started:.1f} s")
    visible = {f"C{n:04d}" for n in range(0, 200, 2)}  # the asker sees half of the channels
    for name, query in QUERIES.items():
        find(db, query, visible)  # warm the cache and the plan
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            shown, more = find(db, query, visible)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(f"  {name:12} {query!r:14} median {statistics.median(times):6.1f} ms   p95 "
              f"{times[int(len(times) * 0.95) - 1]:6.1f} ms   ({shown} shown{', more' if more else ''})")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--briefs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--postgres", help="a PostgreSQL URL (postgresql+psycopg://…); a schema is made and dropped")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{folder}/bench.db", warm_connections=1)
        db.upgrade()
        try:
            bench(db, "SQLite", args.briefs, args.runs)
        finally:
            db.dispose()
    if args.postgres:
        from fakes.postgres import create_schema, drop_schema, new_schema_name, schema_url

        schema = new_schema_name()
        create_schema(args.postgres, schema)
        db = Database(schema_url(args.postgres, schema), warm_connections=1)
        try:
            db.upgrade()
            bench(db, "PostgreSQL", args.briefs, args.runs)
        finally:
            db.dispose()
            drop_schema(args.postgres, schema)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
