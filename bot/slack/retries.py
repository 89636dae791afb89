"""Retrying Slack calls without posting twice.

    WebClient(..., retry_handlers=[PostSafeConnectionRetryHandler(max_retry_count=2), ...])

slack-sdk's ConnectionErrorRetryHandler repeats any call whose connection broke — including a
`chat.postMessage` that Slack had already taken when the connection dropped, which posts the brief
twice. This handler repeats such *non-idempotent* calls only when nothing can have reached Slack
(the connection was refused, the name did not resolve); every other call is retried as before.

A post whose outcome is unknown becomes a transient DeliveryError instead: the link worker waits
POST_SETTLE_SECONDS (long enough for a slow post to show up in the thread), looks for the reply
tagged with the job's id, and posts only if it is not there.
"""

from __future__ import annotations

import logging
import socket
from urllib.error import URLError

from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler

logger = logging.getLogger(__name__)

# calls that create something each time they are made
NON_IDEMPOTENT = frozenset({
    "chat.postMessage", "chat.postEphemeral", "chat.scheduleMessage", "chat.meMessage", "files.upload",
    "files.completeUploadExternal", "conversations.create",
})
# a worker retrying a post whose outcome is unknown first waits this long, then looks for it
POST_SETTLE_SECONDS = 30.0


def method_of(url: str) -> str:
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def nothing_was_sent(error: Exception | None) -> bool:
    """True when the request cannot have reached Slack (refused connection, DNS failure)."""
    reason = error.reason if isinstance(error, URLError) else error
    return isinstance(reason, ConnectionRefusedError | socket.gaierror)


class PostSafeConnectionRetryHandler(ConnectionErrorRetryHandler):
    """ConnectionErrorRetryHandler that never repeats a post that may have landed."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if not super()._can_retry(state=state, request=request, response=response, error=error):
            return False
        method = method_of(request.url)
        if method in NON_IDEMPOTENT and not nothing_was_sent(error):
            logger.info("%s: connection lost after sending (%s); not repeating it blindly",
                        method, type(error).__name__)
            return False
        return True
