"""`python -m bot clock`: only the digest scheduler (exactly one per database), until SIGTERM/SIGINT."""

from __future__ import annotations

import logging
import signal
import threading

from bot.config import Settings
from bot.db.engine import Database
from bot.digests.scheduler import DigestScheduler, check_default_schedule
from bot.errors import ConfigError
from bot.slack.client import SlackPoster, make_web_client

logger = logging.getLogger(__name__)


def run_clock(settings: Settings, *, stop: threading.Event | None = None) -> None:
    """Run the scheduler until SIGTERM/SIGINT (or until `stop` is set)."""
    if settings.slack_bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN: required to post digests")
    check_default_schedule(settings)
    db = Database(settings.database_url)
    db.upgrade()
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
    scheduler = DigestScheduler(settings, db, SlackPoster(make_web_client(settings))).start()
    try:
        stop.wait()
    finally:
        logger.info("digest scheduler stopping")
        scheduler.shutdown(wait=True)
        db.dispose()
