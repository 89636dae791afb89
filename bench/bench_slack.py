"""Benchmark: the Slack app on HTTP under a burst of link events.

    python bench/bench_slack.py                         # 200 events, 50 channels, 16 senders, SQLite
    python bench/bench_slack.py --events 400 --database-url postgresql+psycopg://…

Runs `python -m bot serve --no-scheduler` as a subprocess against a local article server and the
fake Slack Web API (both from tests/, in this process), sends signed `message` events — one link
each, spread over the channels so the one-post-per-second-per-channel pace is not the bottleneck —
from concurrent senders, and prints:

    ack p50/p99      time until the HTTP 200 (the event is stored), as seen by the sender
                     (BENCH_TRACE=1 also lists the slowest acks and when in the burst they were sent)
    all briefs       seconds from the first event until every brief is posted
    briefs/s         events / that time
    peak RSS         VmHWM of the serve process (and of its children, if any)

Targets (2-core machine): p99 ack < 50 ms (issue 11; quote the median of several runs), ≥ 25 briefs/s, peak RSS < 250 MB.

Then (issue 11):

    stall 20×5, 20×10   20 messages of 5 (10) links in 20 channels: seconds until every brief is posted
                        (targets ≤ 6 s and ≤ 11 s; the one-post-a-second pace alone needs 4 s and 9 s)
    slowloris           200 sockets that trickle or never send a request: worst /healthz latency (< 1 s)

    python bench/bench_slack.py --only stall --only slowloris
    python bench/bench_slack.py --only burst --pages DIR     # real .html pages from DIR (memory)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from fakes.pages import ArticleServer  # noqa: E402
from fakes.postgres import create_schema, drop_schema, new_schema_name, schema_url  # noqa: E402
from fakes.signing import SECRET, message_event, post_event  # noqa: E402
from fakes.slack import FakeSlack  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vm_hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def children(pid: int) -> list[int]:
    try:
        found = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text().split()
            found += [int(c) for c in text]
        return found
    except OSError:
        return []


def send_burst(base: str, bodies: list[dict], senders: int) -> tuple[list[float], list[int]]:
    """In a separate process: `senders` threads post the signed events; returns ack latencies and non-200s."""
    work: queue.Queue = queue.Queue()
    for body in bodies:
        work.put(body)
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()

    def sender():
        while True:
            try:
                body = work.get_nowait()
            except queue.Empty:
                return
            started = time.perf_counter()
            status, _ = post_event(base, body)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                order.append((started - t0, elapsed))
                if status != 200:
                    failures.append(status)

    order: list = []
    t0 = time.perf_counter()
    threads = [threading.Thread(target=sender) for _ in range(senders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if os.environ.get("BENCH_TRACE"):
        for at, took in sorted(order, key=lambda x: -x[1])[:8]:
            print(f"  slow ack: sent at +{at * 1000:.0f} ms, took {took * 1000:.0f} ms")
    return latencies, failures


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[index]


def run(events: int, channels: int, senders: int, database_url: str | None, workers: int | None, *,
        links: int = 1, pages_dir: str | None = None, warm: bool = False) -> dict:
    if database_url and database_url.startswith("postgresql"):
        # a fresh schema per run: the events' ids and timestamps repeat from run to run, and a second
        # run into the same tables would find every link already queued
        schema = new_schema_name()
        create_schema(database_url, schema)
        try:
            return _run(events, channels, senders, schema_url(database_url, schema), workers, links=links,
                        pages_dir=pages_dir, warm=warm)
        finally:
            drop_schema(database_url, schema)
    return _run(events, channels, senders, database_url, workers, links=links, pages_dir=pages_dir, warm=warm)


def _run(events: int, channels: int, senders: int, database_url: str | None, workers: int | None, *,
         links: int = 1, pages_dir: str | None = None, warm: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as slack, \
            (folder_pages(pages_dir) if pages_dir else ArticleServer()) as pages:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
        env.update(SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=slack.api_url,
                   PORT=str(port), DATABASE_URL=database_url or f"sqlite:///{tmp}/bench.db",
                   FETCH_ALLOW_PRIVATE="true", PYTHONPATH=str(REPO),
                   LOG_LEVEL="WARNING")
        if workers:
            env["WORKER_COUNT"] = str(workers)
        env["LINKS_PER_MESSAGE"] = str(max(links, 5))
        server = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--no-scheduler"], env=env, cwd=tmp)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                        if response.status == 200:
                            break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit("serve did not start") from None
                    time.sleep(0.1)

            profiler = _start_profiler(server.pid)
            if warm:
                # the stall cases measure pacing, not start-up: one brief first, so the CPU process has
                # imported trafilatura & co. (a second or two after /healthz answers)
                post_event(base, message_event("CWARMUP", f"<{pages.url('/news/999999')}>"))
                slack.wait_for("chat.postMessage", 1, timeout=60, where=lambda c: c.body.get("channel") == "CWARMUP")
                slack.calls.clear()
            bodies = [message_event(f"CBENCH{i % channels:03d}", "read these " + " ".join(
                f"<{pages.url(f'/news/{i * links + j}')}>" for j in range(links))) for i in range(events)]
            peak = {"rss": 0}
            done = threading.Event()

            def sample_rss():
                while not done.wait(0.05):
                    total = vm_hwm_kb(server.pid) + sum(vm_hwm_kb(c) for c in children(server.pid))
                    peak["rss"] = max(peak["rss"], total)

            sampler = threading.Thread(target=sample_rss, daemon=True)
            sampler.start()
            # the senders run in their own process: in this one, the fake Slack and the article server
            # (Python threads answering ~1,000 calls) would hold the GIL and inflate the measured acks
            ctx = multiprocessing.get_context("spawn")
            with ctx.Pool(1) as senders_process:
                senders_process.apply(send_burst, (base, [], 1))  # imports this module there: not timed
                cpu_before = cpu_seconds(server.pid)
                start = time.perf_counter()
                started_mono = time.monotonic()
                latencies, failures = senders_process.apply(send_burst, (base, bodies, senders))
            acked = time.perf_counter() - start
            burst_cpu = cpu_seconds(server.pid) - cpu_before
            _stop_profiler(profiler)  # the burst's acks only
            slack.wait_for("chat.postMessage", events * links, timeout=300,
                           where=lambda c: c.body.get("_answered") == "ok")
            total = time.perf_counter() - start
            first_brief = statistics.median(first_post_per_channel(slack, started_mono).values())
            done.set()
            sampler.join()
            server_hwm = vm_hwm_kb(server.pid)
            time.sleep(1)
            posted = len(slack.posts())
            per_channel_gap = min_gap_per_channel(slack)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
    return {
        "events": events, "channels": channels, "senders": senders,
        "ack_p50_ms": statistics.median(latencies) * 1000, "ack_p99_ms": percentile(latencies, 99) * 1000,
        "ack_max_ms": max(latencies) * 1000, "non_200": len(failures), "burst_s": acked,
        "serve_cpu_ms_per_event": burst_cpu * 1000 / events,
        "all_posted_s": total, "briefs_per_s": events / total, "posted": posted,
        "server_peak_rss_mb": server_hwm / 1024, "peak_rss_with_children_mb": peak["rss"] / 1024,
        "min_gap_same_channel_s": per_channel_gap, "links": links, "median_first_brief_s": first_brief,
    }


def _start_profiler(pid: int):
    """BENCH_PYSPY=FILE: py-spy (if installed) samples the serve process while the burst is acked, all threads,
    into FILE (collapsed stacks: `--format raw`; a .svg name gives a flame graph)."""
    out = os.environ.get("BENCH_PYSPY")
    if not out:
        return None
    fmt = "flamegraph" if out.endswith(".svg") else "raw"
    profiler = subprocess.Popen(["py-spy", "record", "--pid", str(pid), "--rate", "500", "--threads",
                                 "--format", fmt, "--output", out, "--nonblocking",
                                 *os.environ.get("BENCH_PYSPY_ARGS", "").split()],  # e.g. "--gil" or "--idle"
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)  # py-spy attaches
    return profiler


def _stop_profiler(profiler) -> None:
    if profiler is not None:
        profiler.send_signal(signal.SIGINT)
        profiler.wait(30)


def first_post_per_channel(slack: FakeSlack, since: float) -> dict[str, float]:
    first: dict[str, float] = {}
    for call in slack.posts():
        channel = call.body["channel"]
        first[channel] = min(first.get(channel, float("inf")), call.at - since)
    return first


def folder_pages(folder: str) -> ArticleServer:
    """The article server with the .html files of a folder as /news/<n> (n modulo the number of
    files), for memory runs with real pages instead of the synthetic ones (nothing leaves 127.0.0.1)."""
    files = sorted(Path(folder).glob("*.htm*"))
    if not files:
        raise SystemExit(f"no .html files in {folder}")
    return ArticleServer(news=lambda n: files[n % len(files)].read_bytes())


def min_gap_per_channel(slack: FakeSlack) -> float:
    by_channel: dict[str, list[float]] = {}
    for call in slack.posts():
        by_channel.setdefault(call.body["channel"], []).append(call.at)
    gaps = [b - a for times in by_channel.values() for a, b in zip(times, times[1:], strict=False)]
    return min(gaps) if gaps else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--channels", type=int, default=50)
    parser.add_argument("--senders", type=int, default=16)
    parser.add_argument("--workers", type=int, default=None, help="WORKER_COUNT (default: the setting's)")
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument("--pages", default=None, metavar="DIR",
                        help="serve the .html files of DIR instead of the synthetic 1 KB pages (memory)")
    parser.add_argument("--only", choices=["burst", "stall", "slowloris"], action="append",
                        help="run only these parts (default: all)")
    args = parser.parse_args()
    only = set(args.only or ["burst", "stall", "slowloris"])
    if "burst" in only:
        burst(args)
    if "stall" in only:
        for links, target in ((5, 6), (10, 11)):
            result = run(20, 20, args.senders, args.database_url, args.workers, links=links, pages_dir=args.pages,
                         warm=True)
            print(f"stall 20×{links}: 20 messages of {links} links in 20 channels: all {result['posted']} posted "
                  f"after {result['all_posted_s']:.2f} s (target ≤ {target} s; pacing floor {links - 1} s), "
                  f"median channel's first brief after {result['median_first_brief_s']:.2f} s")
    if "slowloris" in only:
        slowloris(args)


def burst(args) -> None:
    result = run(args.events, args.channels, args.senders, args.database_url, args.workers, pages_dir=args.pages)
    print(f"events {result['events']} over {result['channels']} channels from {result['senders']} senders "
          f"({result['non_200']} not acked with 200)")
    print(f"ack p50 {result['ack_p50_ms']:.1f} ms · p99 {result['ack_p99_ms']:.1f} ms · "
          f"max {result['ack_max_ms']:.1f} ms   (target p99 < 50 ms)")
    print(f"burst acked in {result['burst_s']:.2f} s; serve used {result['serve_cpu_ms_per_event']:.1f} ms of CPU "
          f"per event meanwhile (acks and the workers' first jobs; the CPU child not counted)")
    print(f"all {result['posted']} briefs posted after {result['all_posted_s']:.2f} s · "
          f"{result['briefs_per_s']:.1f} briefs/s   (target ≥ 25/s)")
    print(f"peak RSS {result['server_peak_rss_mb']:.0f} MB serve process, "
          f"{result['peak_rss_with_children_mb']:.0f} MB with children   (target < 250 MB)")
    print(f"closest two posts in one channel: {result['min_gap_same_channel_s']:.2f} s apart (pace ~1/s)")


def slowloris(args, sockets: int = 200, seconds: float = 15.0) -> None:
    """`sockets` slow clients (a request header trickled one line every 2 s, or nothing at all) while
    /healthz is asked every 0.5 s: its worst latency must stay under 1 s."""
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as slack:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
        env.update(SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=slack.api_url,
                   PORT=str(port), DATABASE_URL=args.database_url or f"sqlite:///{tmp}/bench.db",
                   PYTHONPATH=str(REPO), LOG_LEVEL="WARNING")
        server = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--no-scheduler"], env=env, cwd=tmp)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_healthy(base, server)
            slow: list[socket.socket] = []
            for n in range(sockets):
                sock = socket.create_connection(("127.0.0.1", port), timeout=5)
                if n % 2 == 0:  # half trickle a header that never ends, half say nothing
                    sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\n")
                slow.append(sock)
            latencies: list[float] = []
            failures = 0
            ends = time.monotonic() + seconds
            next_trickle = time.monotonic()
            while time.monotonic() < ends:
                if time.monotonic() >= next_trickle:
                    for sock in slow[::2]:
                        try:
                            sock.sendall(b"X-Slow: 1\r\n")
                        except OSError:
                            pass
                    next_trickle = time.monotonic() + 2
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                        response.read()
                    latencies.append(time.perf_counter() - started)
                except OSError:
                    failures += 1
                    latencies.append(time.perf_counter() - started)
                time.sleep(0.5)
            closed = sum(1 for sock in slow if _closed_by_peer(sock))
            for sock in slow:
                sock.close()
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
    print(f"slowloris: {sockets} slow sockets for {seconds:.0f} s: /healthz p50 "
          f"{statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms over "
          f"{len(latencies)} requests, {failures} failed   (target max < 1000 ms); "
          f"{closed} idle sockets closed by the server")


def _closed_by_peer(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def wait_healthy(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("serve did not start") from None
            time.sleep(0.1)


if __name__ == "__main__":
    main()
