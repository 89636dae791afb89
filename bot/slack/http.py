"""HTTP mode: the WSGI app (`POST /slack/events` to Bolt, `GET /healthz`) behind waitress.

    server = HTTPServer(make_wsgi_app(app, db), host="0.0.0.0", port=3000)
    server.start(); server.port; server.stop()
"""

from __future__ import annotations

import json
import logging
import threading
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
        # close every socket inside waitress's own loop (its trigger wakes it), so none is closed under
        # its feet; with the map empty the loop returns; then the request threads finish what they hold
        server = self._server
        trigger = server.trigger
        # a closed trigger keeps its fd number, which the kernel may have handed to another file:
        # never write to it (waitress sets `_closed` before closing the pipe)
        if self._thread.is_alive() and not getattr(trigger, "_closed", False):
            trigger.pull_trigger(lambda: wasyncore.close_all(self._map))
        else:  # the loop has ended: nothing runs under our feet
            wasyncore.close_all(self._map)
        server.task_dispatcher.shutdown(cancel_pending=False, timeout=5)
        self._thread.join(timeout)
