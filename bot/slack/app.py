"""The Bolt app (sync).

    app = build_app(settings, client)                 # calls auth.test on SLACK_API_URL
    handlers.register(app, services)                  # the routing table (done by bot.cli.serve)

`build_app` checks the tokens (ConfigError naming the variable when one is missing, malformed or
refused) and builds Bolt around the process's one WebClient (SLACK_API_URL, retry handlers for 429
and dropped connections).

Listeners run before the response is sent (`process_before_response=True`): the ack *is* the end
of the listener, so nothing is acknowledged to Slack before it is in the database. Listeners only
write rows; Slack calls go to `Services.later` (a small thread pool) or to the link workers.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk import WebClient

from bot.config import Settings
from bot.errors import ConfigError, VerdictError

logger = logging.getLogger(__name__)


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


def build_app(settings: Settings, client: WebClient) -> App:
    """The Bolt app, without listeners (`handlers.register` adds them). `client` is the process's one
    WebClient, so every Slack call shares its connection pool and retry handlers."""
    check_tokens(settings)
    socket_mode = settings.slack_app_token is not None
    signing_secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    try:
        return App(
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
