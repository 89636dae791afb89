"""The Bolt app (sync) and the services its listeners call.

    db = Database(settings.database_url)
    app = build_app(settings, db)                     # calls auth.test on SLACK_API_URL
    app.dispatch(bolt_request)                        # or serve it: bot.cli.serve

`build_app` checks the tokens (ConfigError naming the variable when one is missing, malformed or
refused), makes the one WebClient (SLACK_API_URL, retry handlers for 429 and dropped connections),
and registers the routing table in `handlers.register`.

Listeners run before the response is sent (`process_before_response=True`): the ack *is* the end
of the listener, so nothing is acknowledged to Slack before it is in the database. Listeners only
write rows; Slack calls go to `Services.later` (a small thread pool) or to the link workers.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk import WebClient

from bot.config import Settings
from bot.db.engine import Database
from bot.errors import ConfigError, VerdictError
from bot.slack.client import SlackPoster, make_web_client

if TYPE_CHECKING:
    from bot.jobs.workers import WorkerPool
    from bot.pipeline.fetching import Fetcher
    from bot.slack.events import GroupCommit
    from bot.summarizers import Summarizer

logger = logging.getLogger(__name__)

WATCH_CACHE_SECONDS = 5.0


@dataclass
class Services:
    """Everything a listener may use. Built once per process by `build_app` (or by tests)."""

    settings: Settings
    db: Database
    poster: SlackPoster
    pool: WorkerPool | None = None
    # for `/verdict summarize URL`, answered in the web process (ephemeral, nothing queued)
    _fetcher: Fetcher | None = None
    _summarizer: Summarizer | None = None
    executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=4, thread_name_prefix="verdict-after-ack"))
    # interactive answers (the "Why?" modal: a trigger_id lives 3 s) never queue behind digests or fetches
    interactive: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=2, thread_name_prefix="verdict-interactive"))
    # `/verdict summarize URL`: fetches here, CPU in the workers' CPU process (bot.slack.slash)
    briefing: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=2, thread_name_prefix="verdict-briefing"))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _intake: GroupCommit | None = None
    _watched: dict[str, tuple[float, bool]] = field(default_factory=dict)

    @property
    def fetcher(self) -> Fetcher:
        with self._lock:
            if self._fetcher is None:
                from bot.pipeline.fetching import Fetcher

                self._fetcher = Fetcher(self.settings)
            return self._fetcher

    @property
    def summarizer(self) -> Summarizer:
        with self._lock:
            if self._summarizer is None:
                from bot.summarizers import make_summarizer

                self._summarizer = make_summarizer(self.settings)
            return self._summarizer

    @property
    def intake(self) -> GroupCommit:
        """The ack path's group commit (bot.slack.events.GroupCommit), started on first use."""
        with self._lock:
            if self._intake is None:
                from bot.slack.events import GroupCommit

                self._intake = GroupCommit(self.db)
            return self._intake

    def is_watched(self, channel_id: str) -> bool:
        """The channel's watch state, read at most every WATCH_CACHE_SECONDS per channel.

        On the ack path of every message: the database read (an ORM session, ~2 ms of CPU) is what a
        burst can't afford. `watch`/`unwatch` here update the cache at once; in other processes within
        WATCH_CACHE_SECONDS.
        """
        now = time.monotonic()
        cached = self._watched.get(channel_id)
        if cached is not None and cached[0] > now:
            return cached[1]
        from bot.db.engine import get_channel

        watched = get_channel(self.db, channel_id).watched
        self._watched[channel_id] = (now + WATCH_CACHE_SECONDS, watched)
        return watched

    def set_watched(self, channel_id: str, watched: bool, *, team_id: str | None = None) -> None:
        from bot.db.engine import set_watched

        set_watched(self.db, channel_id, watched, team_id=team_id)
        self._watched[channel_id] = (time.monotonic() + WATCH_CACHE_SECONDS, watched)

    def notify_workers(self) -> None:
        """Wake the link workers now instead of at their next poll."""
        if self.pool is not None:
            self.pool.notify()

    def later(self, fn, *args: Any, **kwargs: Any) -> Future:
        """Run `fn` after the ack, on the after-ack pool; a crash is logged, never lost silently."""

        def run():
            try:
                return fn(*args, **kwargs)
            except Exception:
                logger.exception("after-ack task %s failed", getattr(fn, "__qualname__", fn))

        return self.executor.submit(run)

    def now(self, fn, *args: Any, **kwargs: Any) -> Future:
        """Like `later`, on the interactive pool: for answers Slack waits for (modals)."""

        def run():
            try:
                return fn(*args, **kwargs)
            except Exception:
                logger.exception("interactive task %s failed", getattr(fn, "__qualname__", fn))

        return self.interactive.submit(run)

    def close(self) -> None:
        if self._intake is not None:
            self._intake.close()
        self.executor.shutdown(wait=True, cancel_futures=False)
        self.interactive.shutdown(wait=True, cancel_futures=True)
        self.briefing.shutdown(wait=False, cancel_futures=True)
        if self._fetcher is not None:
            self._fetcher.close()


class _DropTokenWarning(logging.Filter):
    """Bolt warns "token will be unused" when SLACK_BOT_TOKEN is in the environment and a client is
    given; the client *is* built from that token, so the warning only confuses operators."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "will be unused" not in record.getMessage()


def _bolt_logger() -> logging.Logger:
    bolt_logger = logging.getLogger("bot.bolt")
    if not any(isinstance(f, _DropTokenWarning) for f in bolt_logger.filters):
        bolt_logger.addFilter(_DropTokenWarning())
    return bolt_logger


def check_tokens(settings: Settings) -> None:
    """ConfigError naming the variable when a token the chosen mode needs is missing."""
    if settings.slack_bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN is not set: the bot token (xoxb-…) from the app's "
                          "OAuth & Permissions page")
    if settings.slack_app_token is None and settings.slack_signing_secret is None:
        raise ConfigError("SLACK_SIGNING_SECRET is not set: HTTP mode needs it (Basic Information → "
                          "Signing Secret); or set SLACK_APP_TOKEN (xapp-…) for Socket Mode")


def build_app(settings: Settings, db: Database, *, pool: WorkerPool | None = None,
              client: WebClient | None = None, services: Services | None = None) -> App:
    """The Bolt app with every listener registered. `app.services` holds its `Services`.

    Pass the `client` the worker pool's poster uses so all Slack calls share one client.
    """
    check_tokens(settings)
    client = client or (services.poster.client if services else make_web_client(settings))
    socket_mode = settings.slack_app_token is not None
    signing_secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    try:
        app = App(
            name="verdict",
            # the client carries SLACK_BOT_TOKEN from Settings (Bolt would otherwise read os.environ itself)
            client=client,
            signing_secret=signing_secret,
            # Socket Mode envelopes are authenticated by the WebSocket, not signed
            request_verification_enabled=not socket_mode,
            # the listener's return *is* the ack: nothing is acknowledged before it is stored
            process_before_response=True,
            logger=_bolt_logger(),
        )
    except BoltError as error:
        # auth.test refused the token (invalid_auth, account_inactive …)
        raise ConfigError(f"SLACK_BOT_TOKEN was refused by Slack ({settings.slack_api_url}): {error}") from None
    except Exception as error:  # Slack unreachable: one line, not a traceback
        raise VerdictError(f"could not reach Slack at SLACK_API_URL={settings.slack_api_url}: "
                           f"{type(error).__name__}: {error}") from None

    if services is None:
        services = Services(settings=settings, db=db, poster=SlackPoster(client), pool=pool)
    elif pool is not None:
        services.pool = pool
    from handlers import register

    register(app, services)
    app.services = services  # type: ignore[attr-defined]
    return app
