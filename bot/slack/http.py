"""HTTP mode: the WSGI app (`POST /slack/events` to Bolt, `GET /healthz`) behind waitress.

    server = HTTPServer(make_wsgi_app(app, db), host="0.0.0.0", port=3000)
    server.start(); server.port; server.stop()
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress import wasyncore
from waitress.server import create_server

from bot.db.engine import Database
from bot.jobs.intake import AckGate
from bot.slack.guard import guard_bolt, waitress_options

logger = logging.getLogger(__name__)

# Enough request threads for Slack's bursts (each ack is a few ms of database work); the CPU-bound
# work happens in the link workers, not here.
HTTP_THREADS = 16

WSGIApp = Callable[[dict, Callable[..., Any]], Iterable[bytes]]


def make_wsgi_app(app: App, db: Database, *, gate: AckGate | None = None) -> WSGIApp:
    """The WSGI app: `GET /healthz` here, everything else to Bolt (`POST /slack/events`). `gate`:
    counts the Slack requests in hand, so the link workers step aside for them (bot.jobs.intake)."""
    bolt = guard_bolt(SlackRequestHandler(app), app)  # signature checked on the raw bytes before Bolt parses

    def wsgi(environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            ok = db.ping()
            body = json.dumps({"ok": ok}).encode()
            start_response("200 OK" if ok else "503 Service Unavailable",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        if gate is None:
            return bolt(environ, start_response)
        with gate.answering():  # Bolt's answer is a list: the work is done when it returns
            return bolt(environ, start_response)

    return wsgi


class HTTPServer:
    """waitress (a production WSGI server, threads) running in a thread of its own."""

    def __init__(self, wsgi: WSGIApp, *, host: str, port: int):
        # waitress warns at every queued request; under Slack's bursts that is normal (acks take a few ms)
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        # our own socket map (create_server's `map` argument), so stop() can close every channel
        self._map: dict = {}
        self._server = create_server(wsgi, map=self._map, host=host, port=port, threads=HTTP_THREADS,
                                     ident="verdict", **waitress_options())
        self._thread = threading.Thread(target=self._server.run, name="verdict-http", daemon=True)

    @property
    def port(self) -> int:
        """The port actually bound (port 0 picks a free one)."""
        return int(self._server.effective_port)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop accepting, let the requests in hand finish and flush, close every connection, and
        close waitress's wake-up pipe last, once no thread can write to it; all within `timeout`.
        Requests accepted but not yet started are cut: Slack sends them again."""
        server, trigger = self._server, self._server.trigger
        if self._thread.ident is None:  # never started: no thread can touch a socket or the pipe
            wasyncore.close_all(self._map)
            return
        began = time.monotonic()
        deadline = began + timeout

        def left() -> float:
            return max(0.0, deadline - time.monotonic())

        def stop_accepting() -> None:
            # the listening socket only: waitress's own server.close() also closes the wake-up pipe
            wasyncore.dispatcher.close(server)

        def close_connections() -> None:
            for channel in list(self._map.values()):
                if channel is not trigger and channel is not server:  # the server's own close() shuts the pipe
                    try:
                        channel.handle_close()  # also wakes a request thread waiting to write to it
                    except OSError:  # a socket the peer already reset
                        pass
            trigger.del_channel()  # the map is empty: waitress's loop returns, the pipe stays open

        # Everything that touches a socket runs inside waitress's loop, woken by its pipe. A request
        # thread finishing an answer also writes to that pipe, so closing it inside the loop (as
        # wasyncore.close_all does) races with those writes: EBADF, or a byte written into whatever
        # file the kernel gave the number to next.
        self._in_loop(stop_accepting)
        server.task_dispatcher.shutdown(cancel_pending=False, timeout=left() * 0.6)
        self._wait_for_answers_sent(timeout=min(2.0, left()))
        self._in_loop(close_connections)
        self._thread.join(left())
        if self._thread.is_alive() or server.task_dispatcher.threads:
            logger.warning("the HTTP server had not stopped after %.1fs (%d request threads still running); "
                           "its wake-up pipe is left open", time.monotonic() - began,
                           len(server.task_dispatcher.threads))
            return
        # the loop may have ended before it ran the thunks (an error in it): both are idempotent
        stop_accepting()
        close_connections()
        trigger.close()

    def _wait_for_answers_sent(self, timeout: float) -> None:
        """The loop writes a finished answer out after its request thread is done: wait (bounded) for
        those bytes to leave, so closing the connections cuts no answer short."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and any(
            getattr(channel, "total_outbufs_len", 0) for channel in list(self._map.values())
        ):
            time.sleep(0.01)

    def _in_loop(self, thunk: Callable[[], None]) -> None:
        """Run `thunk` in waitress's loop thread, or here when that loop has ended."""
        trigger = self._server.trigger
        # a pipe waitress closed itself (an error in its loop) must not be written to
        if self._thread.is_alive() and not getattr(trigger, "_closed", False):
            trigger.pull_trigger(thunk)
        else:
            thunk()
