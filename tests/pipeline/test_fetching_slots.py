"""Issue 11 item 11: waiting for a per-host slot does not eat the fetch deadline.

A real HTTP server whose pages take 1.2 s; FETCH_TIMEOUT 2 s; one slot per host. Four fetches of
that host at once: the last waits ~3.6 s for its slot, then loads in 1.2 s — within its own 2 s.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.config import Settings
from bot.errors import ConnectionFailed, FetchTimeout
from bot.pipeline import fetching
from bot.pipeline.fetching import Fetcher

PAGE = b"<!doctype html><html><head><title>t</title></head><body><p>slow but fine</p></body></html>"


@pytest.fixture
def slow_server():
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            time.sleep(1.2 if self.path.startswith("/slow") else 3.0)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetcher(**overrides) -> Fetcher:
    values = {"fetch_allow_private": True, "fetch_timeout": 2.0, "fetch_per_host_limit": 1} | overrides
    return Fetcher(Settings(_env_file=None, **values))


def test_links_queued_behind_the_per_host_limit_each_get_their_full_deadline(slow_server):
    with fetcher() as f, ThreadPoolExecutor(4) as pool:
        started = time.monotonic()
        futures = [pool.submit(f.fetch, f"{slow_server}/slow/{n}") for n in range(4)]
        pages = [future.result() for future in futures]  # before the fix: the last two raised FetchTimeout
        took = time.monotonic() - started
    assert all("slow but fine" in page.text for page in pages)
    assert took >= 4 * 1.2 - 0.2  # really one at a time


def test_a_slow_page_still_times_out_after_its_own_deadline(slow_server):
    with fetcher() as f:
        started = time.monotonic()
        with pytest.raises(FetchTimeout):
            f.fetch(f"{slow_server}/stuck")  # 3 s > 2 s
        assert time.monotonic() - started < 10  # (the page itself would have come at 3 s, no error)


def test_the_wait_for_a_slot_is_bounded_on_its_own(slow_server, monkeypatch):
    monkeypatch.setattr(fetching, "SLOT_WAIT_FACTOR", 0.5)  # at most 1 s in the queue
    with fetcher() as f:
        host = "127.0.0.1"
        with f._slots.hold(host, 1):  # another fetch of the same host holds the only slot
            started = time.monotonic()
            with pytest.raises(ConnectionFailed) as caught:
                f.fetch(f"{slow_server}/slow/9")
            assert 0.9 < time.monotonic() - started < 5
        assert caught.value.transient and "too many links" in str(caught.value)
