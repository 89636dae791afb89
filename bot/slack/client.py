"""The only module that calls Slack's Web API.

    client = make_web_client(settings)                 # honours SLACK_API_URL; retries 429 and connection errors
    poster = SlackPoster(client)                       # workers.BriefPoster for bot.jobs.workers.WorkerPool
    ts = poster.post_message("C123", message, thread_ts="1700000000.000100")
    poster.delete_message("C123", ts)

Manners: slack-sdk's retry handlers wait out `429 Retry-After` and retry dropped connections on every
client made here; posts are paced to about one per second per channel (Slack's own limit for
chat.postMessage), with a thread-safe limiter shared by every thread of the process.

Slack's refusals become `bot.errors.DeliveryError`: permanent for the channel-level ones
(`not_in_channel`, `channel_not_found`, `invalid_auth`, `is_archived`, …) — the caller logs them and
moves on without affecting other channels — transient for the rest (the caller retries later).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.config import Settings
from bot.errors import DeliveryError, SourceError
from bot.models import Brief
from bot.render.blocks import Message, brief_message, earlier_message, failure_message, skipped_message
from bot.slack.retries import PostSafeConnectionRetryHandler

if TYPE_CHECKING:
    from bot.db.jobs import JobView

logger = logging.getLogger(__name__)

# Slack errors that retrying will not fix: the channel or the token is the problem
PERMANENT_ERRORS = frozenset({
    "not_in_channel", "channel_not_found", "is_archived", "invalid_auth", "account_inactive",
    "token_revoked", "token_expired", "not_authed", "missing_scope", "no_permission", "restricted_action",
    "msg_too_long", "invalid_blocks", "invalid_arguments", "thread_not_found", "cannot_reply_to_message",
    "user_not_in_channel", "ekm_access_denied", "team_access_not_granted",
})
# Slack refused the message's blocks, not the message: its plain-text `text` is posted instead
BLOCK_REFUSALS = frozenset({"invalid_blocks", "invalid_blocks_format", "msg_too_long", "msg_blocks_too_long",
                            "too_many_blocks"})
REFUSED_BLOCKS_LOGGED = 20_000  # characters of refused blocks in the log line (JSON, ASCII-escaped)
PLAIN_TEXT_LIMIT = 3_000  # characters of a fallback posted alone (msg_too_long counts the text too)
# best-effort calls (reactions, deletes) that fail in these ways have nothing left to do
_HARMLESS_ERRORS = frozenset({"already_reacted", "no_reaction", "message_not_found", "cant_delete_message"})

EYES = "eyes"
# every reply to a link carries {"event_type": JOB_EVENT_TYPE, "event_payload": {"job_id": n}} (the same
# constant as bot.jobs.workers.JOB_EVENT_TYPE), so a restarted worker can find a reply it posted but never recorded
JOB_EVENT_TYPE = "verdict_link_job"


def job_metadata(job: JobView) -> dict:
    return {"event_type": JOB_EVENT_TYPE, "event_payload": {"job_id": job.id}}


def make_web_client(settings: Settings, *, with_bot_token: bool = True, timeout: float = 15) -> WebClient:
    """A WebClient for SLACK_API_URL with retry handlers for 429 (honouring Retry-After) and dropped connections.

    It carries SLACK_BOT_TOKEN; the Socket Mode client takes one `with_bot_token=False` (it sends the
    app token with apps.connections.open itself).
    """
    token = None
    if with_bot_token and settings.slack_bot_token is not None:
        token = settings.slack_bot_token.get_secret_value()
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[
            # dropped connections are retried, except posts that may have landed (bot.slack.retries)
            PostSafeConnectionRetryHandler(max_retry_count=2),
            # Retry-After is honoured; three waits cover Slack's usual one-minute windows for a burst
            RateLimitErrorRetryHandler(max_retry_count=3),
        ],
    )


class ChannelPacer:
    """At most one post per `interval` seconds per channel, across threads.

        pacer = ChannelPacer(1.0)
        pacer.wait("C123")      # returns at once the first time, then spaces calls a second apart

    Each caller reserves the next free slot under the lock and sleeps outside it, so waiting on a busy
    channel never holds up other channels.
    """

    def __init__(self, interval: float = 1.0, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def due(self, channel: str) -> float:
        """When (on this pacer's clock) `channel` may next be posted to without waiting."""
        with self._lock:
            return max(self._clock(), self._next.get(channel, 0.0))

    def wait(self, channel: str) -> float:
        """Block until this channel may be posted to; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next.get(channel, now))
            self._next[channel] = slot + self.interval
            if len(self._next) > 10_000:  # forget channels idle for a while, so memory stays flat
                self._next = {c: t for c, t in self._next.items() if t > now}
        delay = slot - now
        if delay > 0:
            self._sleep(delay)
        return delay


def _error_code(error: SlackApiError) -> str:
    response = error.response
    try:
        return str(response.get("error") or f"http_{response.status_code}")
    except Exception:  # a response without a JSON body
        return "unknown_error"


def delivery_error(error: Exception, method: str) -> DeliveryError:
    """Map a slack_sdk exception to DeliveryError (permanent or transient)."""
    if isinstance(error, SlackApiError):
        code = _error_code(error)
        return DeliveryError(f"Slack refused {method}: {code}", permanent=code in PERMANENT_ERRORS, code=code)
    # connection errors left after the retry handler gave up, timeouts, 5xx without JSON …
    return DeliveryError(f"Slack {method} failed: {type(error).__name__}: {error}", permanent=False,
                         code="connection_error")


class SlackPoster:
    """Slack calls for the link workers (`bot.jobs.workers.BriefPoster`) and for commands, Home and digests.

    Methods that matter raise DeliveryError; best-effort ones (reactions, deleting) log and return.
    """

    def __init__(self, client: WebClient, *, pacer: ChannelPacer | None = None):
        self.client = client
        self.pacer = pacer or ChannelPacer(1.0)

    # -- the raw calls, each mapped to DeliveryError ----------------------------------------------

    def call(self, method: str, **kwargs: Any) -> dict:
        """Call any Web API method (e.g. "conversations.history"); returns the response data."""
        try:
            response = self.client.api_call(method, json=kwargs) if method in _JSON_METHODS \
                else self.client.api_call(method, params=kwargs)
        except (SlackApiError, SlackClientError, OSError) as error:
            raise delivery_error(error, method) from error
        return dict(response.data) if isinstance(response.data, dict) else {}

    def post_message(self, channel: str, message: Message, *, thread_ts: str | None = None,
                     metadata: dict | None = None) -> str:
        """chat.postMessage (paced per channel); returns the new message's ts."""
        kwargs: dict[str, Any] = {"channel": channel, "text": message.text,
                                  "unfurl_links": False, "unfurl_media": False}
        if message.blocks:
            kwargs["blocks"] = message.blocks
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        if metadata:
            kwargs["metadata"] = metadata
        self.pacer.wait(channel)
        try:
            data = self.call("chat.postMessage", **kwargs)
        except DeliveryError as error:
            if error.code not in BLOCK_REFUSALS or "blocks" not in kwargs:
                raise
            data = self._post_plain(kwargs, error)
        return str(data.get("ts") or "")

    def _post_plain(self, kwargs: dict, error: DeliveryError) -> dict:
        """Slack refused the blocks (not the post): log what it refused, post the plain-text fallback."""
        refused = json.dumps(kwargs.pop("blocks"), ensure_ascii=True)
        logger.warning("Slack refused the blocks of a post to %s (%s); posting its plain text instead. "
                       "Refused blocks (%d characters): %s", kwargs.get("channel"), error.code, len(refused),
                       refused[:REFUSED_BLOCKS_LOGGED] + ("…" if len(refused) > REFUSED_BLOCKS_LOGGED else ""))
        kwargs["text"] = (kwargs.get("text") or "")[:PLAIN_TEXT_LIMIT]
        self.pacer.wait(kwargs["channel"])
        return self.call("chat.postMessage", **kwargs)

    def respond(self, response_url: str, message: Message) -> None:
        """Answer a slash command through its response_url (ephemeral; works where Verdict is no member).
        Never retried on a dropped connection (bot.slack.retries: it posts)."""
        from slack_sdk.webhook import WebhookClient

        try:
            response = WebhookClient(response_url, timeout=10, retry_handlers=[]).send(
                text=message.text, blocks=message.blocks or None, response_type="ephemeral",
                replace_original=False)
        except (SlackClientError, OSError) as error:
            raise delivery_error(error, "response_url") from error
        if response.status_code != 200:
            raise DeliveryError(f"Slack refused response_url: HTTP {response.status_code}",
                                permanent=response.status_code in (403, 404, 410), code=f"http_{response.status_code}")

    def update_message(self, channel: str, ts: str, message: Message) -> None:
        self.call("chat.update", channel=channel, ts=ts, text=message.text, blocks=message.blocks)

    def post_ephemeral(self, channel: str, user: str, message: Message, *, thread_ts: str | None = None) -> None:
        kwargs: dict[str, Any] = {"channel": channel, "user": user, "text": message.text}
        if message.blocks:
            kwargs["blocks"] = message.blocks
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        self.call("chat.postEphemeral", **kwargs)

    def delete_message(self, channel: str, ts: str) -> bool:
        """chat.delete, best effort: True when deleted (or already gone)."""
        try:
            self.call("chat.delete", channel=channel, ts=ts)
            return True
        except DeliveryError as error:
            if error.code in _HARMLESS_ERRORS:
                return True
            logger.warning("could not delete message %s in %s: %s", ts, channel, error)
            return False

    def permalink(self, channel: str, ts: str) -> str | None:
        try:
            return self.call("chat.getPermalink", channel=channel, message_ts=ts).get("permalink")
        except DeliveryError as error:
            logger.warning("no permalink for %s in %s: %s", ts, channel, error)
            return None

    def history(self, channel: str, *, oldest: str | None = None, limit: int = 200,
                include_all_metadata: bool = True) -> list[dict]:
        """conversations.history (one page, newest first) — digests look for their own tagged posts."""
        kwargs: dict[str, Any] = {"channel": channel, "limit": limit,
                                  "include_all_metadata": include_all_metadata}
        if oldest:
            kwargs["oldest"] = oldest
        return list(self.call("conversations.history", **kwargs).get("messages") or [])

    def is_member(self, channel: str, user: str) -> bool:
        """Is `user` in `channel`? (conversations.members, all pages)."""
        cursor = None
        while True:
            kwargs: dict[str, Any] = {"channel": channel, "limit": 1000}
            if cursor:
                kwargs["cursor"] = cursor
            data = self.call("conversations.members", **kwargs)
            if user in (data.get("members") or []):
                return True
            cursor = (data.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return False

    def channel_info(self, channel: str) -> dict:
        return dict(self.call("conversations.info", channel=channel).get("channel") or {})

    def publish_home(self, user: str, view: dict) -> None:
        self.call("views.publish", user_id=user, view=view)

    def open_view(self, trigger_id: str, view: dict) -> None:
        self.call("views.open", trigger_id=trigger_id, view=view)

    def _reaction(self, method: str, channel: str, ts: str, name: str) -> None:
        try:
            self.call(method, channel=channel, timestamp=ts, name=name)
        except DeliveryError as error:
            if error.code not in _HARMLESS_ERRORS:
                logger.info("%s %s on %s/%s: %s", method, name, channel, ts, error)

    # -- workers.BriefPoster ----------------------------------------------------------------------

    def started(self, job: JobView) -> None:
        """The progress sign: :eyes: on the message that shared the link (best effort)."""
        self._reaction("reactions.add", job.channel_id, job.message_ts, EYES)

    def finished(self, job: JobView) -> None:
        self._reaction("reactions.remove", job.channel_id, job.message_ts, EYES)

    def post_brief(self, job: JobView, brief: Brief) -> str | None:
        message = brief_message(brief, why_value=f"job:{job.id}")
        return self.post_message(job.channel_id, message, thread_ts=job.thread_ts, metadata=job_metadata(job))

    def post_earlier(self, job: JobView, earlier: JobView) -> str | None:
        link = self.permalink(earlier.channel_id, earlier.reply_ts or earlier.message_ts)
        return self.post_message(job.channel_id, earlier_message(job.url, link), thread_ts=job.thread_ts,
                                 metadata=job_metadata(job))

    def post_failure(self, job: JobView, error: SourceError) -> str | None:
        return self.post_message(job.channel_id, failure_message(job.url, error), thread_ts=job.thread_ts,
                                 metadata=job_metadata(job))

    def already_posted(self, job: JobView) -> str | None:
        """The ts of our reply for this job in its thread (tagged with its id), or None.

        The workers ask after a crash between posting and recording it; DeliveryError means "don't know"
        (the job is retried later rather than posted blindly a second time).
        """
        cursor = None
        for _ in range(20):  # 20 pages of 200 replies: far more than any thread Verdict answers in
            kwargs: dict[str, Any] = {"channel": job.channel_id, "ts": job.thread_ts, "limit": 200,
                                      "include_all_metadata": True}
            if cursor:
                kwargs["cursor"] = cursor
            data = self.call("conversations.replies", **kwargs)
            for message in data.get("messages") or []:
                metadata = message.get("metadata") or {}
                payload = metadata.get("event_payload") or {}
                if metadata.get("event_type") == JOB_EVENT_TYPE and str(payload.get("job_id")) == str(job.id):
                    return str(message.get("ts"))
            cursor = (data.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None

    # -- other replies ------------------------------------------------------------------------------

    def post_skipped(self, channel: str, thread_ts: str, skipped: int, limit: int) -> str | None:
        return self.post_message(channel, skipped_message(skipped, limit), thread_ts=thread_ts)


# slack_sdk posts these as JSON (blocks, views and metadata are nested objects); the rest as form fields
_JSON_METHODS = frozenset({
    "chat.postMessage", "chat.update", "chat.postEphemeral", "views.publish", "views.open", "views.update",
})


# --- digests (bot/digest.py; this section is kept by the digest helper) ------------------------------

DIGEST_EVENT_TYPE = "verdict_digest"


@dataclass(frozen=True)
class SlackIdentity:
    """Who Verdict is in this workspace (auth.test): its bot user, team and workspace URL."""

    user_id: str | None
    team_id: str | None
    url: str | None  # "https://acme.slack.com/"

    def permalink(self, channel: str, message_ts: str, thread_ts: str | None = None) -> str | None:
        """Slack's permalink format, built locally: one chat.getPermalink per brief would not scale."""
        if not self.url:
            return None
        link = f"{self.url.rstrip('/')}/archives/{channel}/p{message_ts.replace('.', '')}"
        if thread_ts and thread_ts != message_ts:
            link += f"?thread_ts={thread_ts}&cid={channel}"
        return link


_identity_lock = threading.Lock()
_identities: dict[int, SlackIdentity] = {}


def bot_identity(poster: SlackPoster) -> SlackIdentity:
    """auth.test, once per poster (a failure is not cached: the next call asks again)."""
    with _identity_lock:
        known = _identities.get(id(poster))
    if known is not None:
        return known
    data = poster.call("auth.test")
    identity = SlackIdentity(user_id=data.get("user_id"), team_id=data.get("team_id"), url=data.get("url"))
    with _identity_lock:
        _identities[id(poster)] = identity
    return identity


def history_since(poster: SlackPoster, channel: str, *, oldest: str, max_pages: int = 20) -> list[dict]:
    """conversations.history from `oldest` on, all pages (with message metadata), newest first."""
    return _paged(poster, "conversations.history", max_pages, channel=channel, oldest=oldest,
                  include_all_metadata=True, limit=200)


def thread_replies(poster: SlackPoster, channel: str, ts: str, *, max_pages: int = 20) -> list[dict]:
    """conversations.replies of one thread, all pages (with message metadata), parent first."""
    return _paged(poster, "conversations.replies", max_pages, channel=channel, ts=ts,
                  include_all_metadata=True, limit=200)


def _paged(poster: SlackPoster, method: str, max_pages: int, **kwargs: Any) -> list[dict]:
    messages: list[dict] = []
    cursor = None
    for _ in range(max_pages):
        data = poster.call(method, **kwargs, **({"cursor": cursor} if cursor else {}))
        messages.extend(data.get("messages") or [])
        cursor = (data.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return messages


def digest_tags(messages: list[dict], digest_id: int) -> dict[int, dict]:
    """{part: message} for the messages tagged with this digest's metadata."""
    found: dict[int, dict] = {}
    for message in messages:
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        if metadata.get("event_type") == DIGEST_EVENT_TYPE and str(payload.get("digest_id")) == str(digest_id):
            found[int(payload.get("part") or 1)] = message
    return found
