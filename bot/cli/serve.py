"""`python -m bot serve`: the Slack app, the link workers and (optionally) the digest scheduler.

    serve(settings, run_scheduler=True)      # blocks until SIGTERM / SIGINT, then shuts down cleanly

    server = Server(settings, host="127.0.0.1")   # tests: the same thing, started and stopped in-process
    server.start(); server.port; server.stop()

Modes: Socket Mode when SLACK_APP_TOKEN is set (no public URL needed: a laptop behind NAT), else HTTP
on PORT behind waitress (a production WSGI server, threads): `POST /slack/events` goes to Bolt,
`GET /healthz` answers 200 `{"ok": true}` only while the database answers (503 otherwise).

Start-up order: check tokens → upgrade the schema → build the app (auth.test) → start the link
workers (which resume unfinished jobs) → accept events → start the scheduler.
"""

from __future__ import annotations

import importlib
import json
import logging
import signal
import threading
from collections.abc import Callable, Iterable

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.config import Settings
from bot.db.engine import Database
from bot.memory import limit_malloc_arenas
from bot.slack.app import Services, build_app, check_tokens
from bot.slack.client import SlackPoster, make_web_client
from bot.slack.guard import guard_bolt, guarded_socket_mode_handler, waitress_options

logger = logging.getLogger(__name__)

# Enough request threads for Slack's bursts (each ack is a few ms of database work); the CPU-bound
# work happens in the link workers, not here.
HTTP_THREADS = 16


def make_wsgi_app(app: App, db: Database) -> Callable:
    """The WSGI app: `GET /healthz` here, everything else to Bolt (`POST /slack/events`)."""
    bolt = guard_bolt(SlackRequestHandler(app), app)  # signature checked on the raw bytes before Bolt parses

    def wsgi(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            ok = db.ping()
            body = json.dumps({"ok": ok}).encode()
            start_response("200 OK" if ok else "503 Service Unavailable",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        return bolt(environ, start_response)

    return wsgi


class Server:
    """The whole `serve` process as an object: `start()` returns once events are accepted."""

    def __init__(self, settings: Settings, *, run_scheduler: bool = False, host: str = "0.0.0.0",
                 db: Database | None = None):
        self.settings = settings
        self.run_scheduler = run_scheduler
        self.host = host
        self.db = db
        self.app: App | None = None
        self.services: Services | None = None
        self.pool = None
        self.scheduler = None
        self._http = None
        self._http_thread: threading.Thread | None = None
        self._socket_mode = None
        self._started = False

    @property
    def port(self) -> int:
        """The HTTP port actually bound (PORT=0 picks a free one)."""
        return int(self._http.effective_port) if self._http is not None else 0

    def start(self) -> None:
        settings = self.settings
        check_tokens(settings)  # before anything else: a missing token is one line, not a traceback later
        limit_malloc_arenas()  # before the threads start: one heap per thread bloats RSS (bot.memory)
        self._started = True
        if self.db is None:
            self.db = Database(settings.database_url)
        self.db.upgrade()

        from bot.jobs.workers import WorkerPool
        from bot.pipeline.fetching import Fetcher
        from bot.summarizers import make_summarizer

        client = make_web_client(settings)
        poster = SlackPoster(client)
        fetcher = Fetcher(settings)
        summarizer = make_summarizer(settings)
        self.pool = WorkerPool(settings, self.db, summarizer=summarizer, fetcher=fetcher, poster=poster)
        self.services = Services(settings=settings, db=self.db, poster=poster, pool=self.pool,
                                 _fetcher=fetcher, _summarizer=summarizer)
        self.app = build_app(settings, self.db, pool=self.pool, client=client, services=self.services)
        _ = self.services.intake  # start the group-commit thread now, not on the first event of a burst
        self.pool.start()

        if settings.slack_app_token is not None:
            self._start_socket_mode()
        else:
            self._start_http()
        if self.run_scheduler:
            self._start_scheduler(poster)

    def _start_http(self) -> None:
        from waitress.server import create_server

        # waitress warns at every queued request; under Slack's bursts that is normal (acks take a few ms)
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)

        self._http = create_server(make_wsgi_app(self.app, self.db), host=self.host, port=self.settings.port,
                                   threads=HTTP_THREADS, ident="verdict", **waitress_options())
        self._http_thread = threading.Thread(target=self._http.run, name="verdict-http", daemon=True)
        self._http_thread.start()
        logger.info("Verdict is listening on http://%s:%s (POST /slack/events, GET /healthz)",
                    self.host, self.port)

    def _start_socket_mode(self) -> None:
        # its own client without the bot token: apps.connections.open takes the app token, and it must
        # go to SLACK_API_URL like every other call
        self._socket_mode = guarded_socket_mode_handler(  # malformed envelopes dropped (bot.slack.guard)
            self.app, self.settings.slack_app_token.get_secret_value(),  # type: ignore[union-attr]
            web_client=make_web_client(self.settings, with_bot_token=False),
            logger=logging.getLogger("bot.socket_mode"),
        )
        self._socket_mode.connect()
        logger.info("Verdict is connected to Slack in Socket Mode")

    def _start_scheduler(self, poster: SlackPoster) -> None:
        try:
            scheduling = importlib.import_module("bot.digests.scheduler")
        except ModuleNotFoundError as error:
            if error.name != "bot.digests.scheduler":
                raise
            logger.warning("digest scheduler not started: bot.digests.scheduler is not installed in this build")
            return
        start = getattr(scheduling, "start_scheduler", None)
        if start is None:
            logger.warning("digest scheduler not started: bot.digests.scheduler has no start_scheduler()")
            return
        self.scheduler = start(self.settings, self.db, poster)
        logger.info("digest scheduler started in this process")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop taking events, let workers finish or hand back their jobs, close the database."""
        if not self._started:
            return
        self._started = False
        if self._socket_mode is not None:
            try:
                self._socket_mode.close()
            except Exception:
                logger.exception("closing the Socket Mode connection failed")
        if self._http is not None:
            _stop_waitress(self._http)
            if self._http_thread is not None:
                self._http_thread.join(timeout)
        if self.scheduler is not None and hasattr(self.scheduler, "shutdown"):
            try:
                self.scheduler.shutdown(wait=False)
            except Exception:
                logger.exception("stopping the scheduler failed")
        if self.pool is not None:
            self.pool.stop(timeout)
        if self.services is not None:
            self.services.close()
        if self.db is not None:
            self.db.dispose()
        logger.info("Verdict stopped")


def _stop_waitress(server) -> None:
    """Close every socket of a running waitress server from another thread.

    The close runs inside waitress's own loop (via its trigger), so no socket is closed under its feet;
    with its map empty the loop returns, then the request threads are shut down.
    """
    def close_all():
        for dispatcher in list(server._map.values()):
            try:
                dispatcher.close()
            except OSError:
                pass

    server.trigger.pull_trigger(close_all)
    server.task_dispatcher.shutdown(cancel_pending=False, timeout=5)


def serve(settings: Settings, run_scheduler: bool) -> None:
    """Run until SIGTERM or SIGINT. Raises ConfigError (one line naming the variable) on bad tokens."""
    stopping = threading.Event()

    def on_signal(signum, _frame):
        logger.info("%s received: shutting down", signal.Signals(signum).name)
        stopping.set()

    server = Server(settings, run_scheduler=run_scheduler)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
    try:
        server.start()
        # a timed wait, so signal handlers get to run promptly in the main thread
        while not stopping.wait(0.5):
            pass
    finally:
        server.stop()
