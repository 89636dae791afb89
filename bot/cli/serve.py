"""`python -m bot serve`: the Slack app, the link workers and (optionally) the digest scheduler.

    serve(settings, run_scheduler=True)      # blocks until SIGTERM / SIGINT, then shuts down cleanly

    server = Server(settings, host="127.0.0.1")   # tests: the same thing, started and stopped in-process
    server.start(); server.port; server.stop()

This is the composition root: the one place that builds the database, the Slack client and poster,
the fetcher and summariser, the worker pool, the digester and scheduler, and the `Services` that the
listeners get, and passes each where it is needed. Nothing below looks anything up globally.

Modes: Socket Mode when SLACK_APP_TOKEN is set (no public URL needed: a laptop behind NAT), else HTTP
on PORT behind waitress: `POST /slack/events` goes to Bolt, `GET /healthz` answers 200 `{"ok": true}`
only while the database answers (503 otherwise).

Start-up order: check tokens → upgrade the schema → build the app (auth.test) → start the link
workers (which resume unfinished jobs) and the follow-up job → accept events → start the scheduler.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from functools import partial
from types import FrameType

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

import handlers
from bot.config import Settings
from bot.db.engine import Database
from bot.digests.scheduler import DigestScheduler
from bot.followups.updates import FollowupRunner
from bot.jobs.intake import AckGate
from bot.jobs.workers import WorkerPool
from bot.memory import limit_malloc_arenas, settle_heap
from bot.pipeline.fetching import Fetcher
from bot.slack.app import build_app, check_tokens
from bot.slack.client import SlackPoster, make_web_client
from bot.slack.guard import guarded_socket_mode_handler
from bot.slack.http import HTTPServer, make_wsgi_app
from bot.slack.services import Services
from bot.summarizers import make_summarizer

logger = logging.getLogger(__name__)


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
        self.pool: WorkerPool | None = None
        self.gate: AckGate | None = None
        self.scheduler: DigestScheduler | None = None
        self._http: HTTPServer | None = None
        self._socket_mode: SocketModeHandler | None = None
        self.followups: FollowupRunner | None = None
        self._started = False

    @property
    def port(self) -> int:
        """The HTTP port actually bound (PORT=0 picks a free one)."""
        return self._http.port if self._http is not None else 0

    def start(self) -> None:
        settings = self.settings
        check_tokens(settings)  # before anything else: a missing token is one line, not a traceback later
        limit_malloc_arenas()  # before the threads start: one heap per thread bloats RSS (bot.memory)
        self._started = True
        if self.db is None:
            self.db = Database(settings.database_url)
        self.db.upgrade()

        client = make_web_client(settings)
        poster = SlackPoster(client)
        fetcher = Fetcher(settings)
        summarizer = make_summarizer(settings)
        # the Slack requests in hand (HTTP mode): the link workers let them go first
        self.gate = AckGate()
        self.pool = WorkerPool(settings, self.db, summarizer=summarizer, fetcher=fetcher, poster=poster,
                               gate=self.gate)
        if self.run_scheduler:
            # built now, started last: the commands' `schedule` applies changes to it at once
            self.scheduler = DigestScheduler(settings, self.db, poster)
        self.services = Services(settings=settings, db=self.db, poster=poster, fetcher=fetcher,
                                 summarizer=summarizer, pool=self.pool, scheduler=self.scheduler)
        self.app = build_app(settings, client)
        handlers.register(self.app, self.services)
        _ = self.services.intake  # start the group-commit thread now, not on the first event of a burst
        self.pool.start()
        if settings.followups_enabled:
            self.followups = FollowupRunner(settings, self.db, poster, fetcher=fetcher, summarizer=summarizer)
            self.followups.start()

        settle_heap()  # before the first event: no full collection of start-up objects in a burst
        if settings.slack_app_token is not None:
            self._start_socket_mode(self.app, settings)
        else:
            self._http = HTTPServer(make_wsgi_app(self.app, self.db, gate=self.gate), host=self.host,
                                    port=settings.port)
            self._http.start()
            logger.info("Verdict is listening on http://%s:%s (POST /slack/events, GET /healthz)",
                        self.host, self.port)
        if self.scheduler is not None:
            self.scheduler.start()
            logger.info("digest scheduler started in this process")

    def _start_socket_mode(self, app: App, settings: Settings) -> None:
        assert settings.slack_app_token is not None
        # its own client without the bot token: apps.connections.open takes the app token, and it must
        # go to SLACK_API_URL like every other call
        self._socket_mode = guarded_socket_mode_handler(  # malformed envelopes dropped (bot.slack.guard)
            app, settings.slack_app_token.get_secret_value(),
            web_client=make_web_client(settings, with_bot_token=False),
            logger=logging.getLogger("bot.socket_mode"),
        )
        self._socket_mode.connect()
        logger.info("Verdict is connected to Slack in Socket Mode")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop taking events, let workers finish or hand back their jobs, close the database."""
        if not self._started:
            return
        self._started = False
        # each step runs even when one before it fails: a failed step must not leave workers running
        steps: list[tuple[str, Callable[[], object]]] = []
        if self._socket_mode is not None:
            steps.append(("closing the Socket Mode connection", self._socket_mode.close))
        if self._http is not None:
            steps.append(("stopping the HTTP server", partial(self._http.stop, timeout)))
        if self.scheduler is not None:
            steps.append(("stopping the scheduler", partial(self.scheduler.shutdown, wait=False)))
        if self.followups is not None:
            steps.append(("stopping the follow-ups", partial(self.followups.stop, timeout)))
        if self.pool is not None:
            steps.append(("stopping the link workers", partial(self.pool.stop, timeout)))
        if self.services is not None:
            steps.append(("closing the services", self.services.close))
        if self.db is not None:
            steps.append(("closing the database", self.db.dispose))
        for what, step in steps:
            try:
                step()
            except Exception:
                logger.exception("%s failed", what)
        logger.info("Verdict stopped")


def serve(settings: Settings, run_scheduler: bool) -> None:
    """Run until SIGTERM or SIGINT. Raises ConfigError (one line naming the variable) on bad tokens."""
    stopping = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
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
