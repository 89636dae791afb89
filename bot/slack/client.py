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

import itertools
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.web import SlackResponse
from slack_sdk.webhook import WebhookClient

from bot.config import Settings
from bot.db.jobs import JobView
from bot.errors import DeliveryError, SourceError
from bot.models import Brief, SlackIdentity
from bot.render.blocks import (
    FAILED_REACTION,
    STATUS_REACTION,
    Message,
    brief_message,
    earlier_message,
    failure_message,
    skipped_message,
)
from bot.slack.caching import TimedCache
from bot.slack.membership import CHANNEL_TYPES, Membership
from bot.slack.people import People
from bot.slack.retries import PostSafeConnectionRetryHandler
from bot.slack.visibility import Visibility

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


def make_web_client(settings: Settings, *, with_bot_token: bool = True, timeout: int = 15) -> WebClient:
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
    """Slack calls for the link workers (`bot.jobs.workers.BriefPoster`), digests
    (`bot.digests.digester.DigestPoster`), commands and App Home.

    Methods that matter raise DeliveryError; best-effort ones (reactions, deleting) log and return.
    """

    def __init__(self, client: WebClient, *, pacer: ChannelPacer | None = None):
        self.client = client
        # per-connection caches of what Slack says about people and conversations (bounded, timed)
        self.people = People(self)
        self.members = Membership(self)
        self.bot_channels = Membership(self, types=CHANNEL_TYPES)  # Verdict's own: channels only
        self.visibility = Visibility(self)
        # is Verdict in this conversation? (conversations.info, for slash commands; bot.slack.slash)
        self.bot_in: TimedCache[bool] = TimedCache(10_000)
        self.pacer = pacer or ChannelPacer(1.0)
        self._identity: SlackIdentity | None = None
        self._identity_lock = threading.Lock()

    # -- every Web API call goes through _api (or _pages), each mapped to DeliveryError -----------

    def _api(self, method: Callable[..., SlackResponse], **kwargs: Any) -> dict:
        """Call a typed WebClient method (e.g. `self.client.chat_postMessage`); the response data."""
        try:
            response = method(**kwargs)
        except (SlackApiError, SlackClientError, OSError) as error:
            raise delivery_error(error, _method_name(method)) from error
        return dict(response.data) if isinstance(response.data, dict) else {}

    def _pages(self, method: Callable[..., SlackResponse], key: str, *, max_pages: int,
               **kwargs: Any) -> Iterator[Any]:
        """The `key` items of every page of a cursor-paginated method (slack-sdk follows the cursor),
        at most `max_pages` pages."""
        try:
            for page in itertools.islice(method(**kwargs), max_pages):
                data = page.data if isinstance(page.data, dict) else {}
                yield from data.get(key) or []
        except (SlackApiError, SlackClientError, OSError) as error:
            raise delivery_error(error, _method_name(method)) from error

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
            data = self._api(self.client.chat_postMessage, **kwargs)
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
        return self._api(self.client.chat_postMessage, **kwargs)

    def respond(self, response_url: str, message: Message) -> None:
        """Answer a slash command through its response_url (ephemeral; works where Verdict is no member).
        Never retried on a dropped connection (bot.slack.retries: it posts)."""
        try:
            response = WebhookClient(response_url, timeout=10, retry_handlers=[]).send(
                text=message.text, blocks=message.blocks or None, response_type="ephemeral",
                replace_original=False)
        except (SlackClientError, OSError) as error:
            raise delivery_error(error, "response_url") from error
        if response.status_code != 200:
            raise DeliveryError(f"Slack refused response_url: HTTP {response.status_code}",
                                permanent=response.status_code in (403, 404, 410), code=f"http_{response.status_code}")

    def post_ephemeral(self, channel: str, user: str, message: Message, *, thread_ts: str | None = None) -> None:
        kwargs: dict[str, Any] = {"channel": channel, "user": user, "text": message.text}
        if message.blocks:
            kwargs["blocks"] = message.blocks
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        self._api(self.client.chat_postEphemeral, **kwargs)

    def delete_message(self, channel: str, ts: str) -> bool:
        """chat.delete, best effort: True when deleted (or already gone)."""
        try:
            self._api(self.client.chat_delete, channel=channel, ts=ts)
            return True
        except DeliveryError as error:
            if error.code in _HARMLESS_ERRORS:
                return True
            logger.warning("could not delete message %s in %s: %s", ts, channel, error)
            return False

    def permalink(self, channel: str, ts: str) -> str | None:
        try:
            return self._api(self.client.chat_getPermalink, channel=channel, message_ts=ts).get("permalink")
        except DeliveryError as error:
            logger.warning("no permalink for %s in %s: %s", ts, channel, error)
            return None

    def identity(self) -> SlackIdentity:
        """auth.test, once per poster (a failure is not cached: the next call asks again)."""
        with self._identity_lock:
            if self._identity is not None:
                return self._identity
        data = self._api(self.client.auth_test)
        identity = SlackIdentity(user_id=data.get("user_id"), team_id=data.get("team_id"), url=data.get("url"))
        with self._identity_lock:
            self._identity = identity
        return identity

    def history_since(self, channel: str, *, oldest: str, max_pages: int = 20) -> list[dict]:
        """conversations.history from `oldest` on, all pages (with message metadata), newest first."""
        return list(self._pages(self.client.conversations_history, "messages", max_pages=max_pages,
                                channel=channel, oldest=oldest, include_all_metadata=True, limit=200))

    def thread_replies(self, channel: str, ts: str, *, max_pages: int = 20) -> list[dict]:
        """conversations.replies of one thread, all pages (with message metadata), parent first."""
        return list(self._pages(self.client.conversations_replies, "messages", max_pages=max_pages,
                                channel=channel, ts=ts, include_all_metadata=True, limit=200))

    def is_member(self, channel: str, user: str) -> bool:
        """Is `user` in `channel`? (conversations.members, all pages)."""
        members = self._pages(self.client.conversations_members, "members", max_pages=100,
                              channel=channel, limit=1000)
        return any(member == user for member in members)

    def channel_info(self, channel: str) -> dict:
        """conversations.info: the channel's kind (public, private, DM …) and name."""
        return dict(self._api(self.client.conversations_info, channel=channel).get("channel") or {})

    def publish_home(self, user: str, view: dict) -> None:
        self._api(self.client.views_publish, user_id=user, view=view)

    def open_view(self, trigger_id: str, view: dict) -> None:
        self._api(self.client.views_open, trigger_id=trigger_id, view=view)

    def _reaction(self, method: Callable[..., SlackResponse], channel: str, ts: str, name: str) -> None:
        try:
            self._api(method, channel=channel, timestamp=ts, name=name)
        except DeliveryError as error:
            if error.code not in _HARMLESS_ERRORS:
                logger.info("%s %s on %s/%s: %s", _method_name(method), name, channel, ts, error)

    # -- workers.BriefPoster ----------------------------------------------------------------------

    def started(self, job: JobView) -> None:
        """The progress sign: :eyes: on the message that shared the link (best effort)."""
        self._reaction(self.client.reactions_add, job.channel_id, job.message_ts, EYES)

    def finished(self, job: JobView) -> None:
        self._reaction(self.client.reactions_remove, job.channel_id, job.message_ts, EYES)

    def post_brief(self, job: JobView, brief: Brief) -> str | None:
        message = brief_message(brief, why_value=f"job:{job.id}")
        ts = self.post_message(job.channel_id, message, thread_ts=job.thread_ts, metadata=job_metadata(job))
        # the outcome at a glance on the shared message; `finished` then takes the :eyes: away
        self._reaction(self.client.reactions_add, job.channel_id, job.message_ts, STATUS_REACTION[brief.status])
        return ts

    def post_earlier(self, job: JobView, earlier: JobView) -> str | None:
        link = self.permalink(earlier.channel_id, earlier.reply_ts or earlier.message_ts)
        return self.post_message(job.channel_id, earlier_message(job.url, link), thread_ts=job.thread_ts,
                                 metadata=job_metadata(job))

    def post_failure(self, job: JobView, error: SourceError) -> str | None:
        ts = self.post_message(job.channel_id, failure_message(job.url, error), thread_ts=job.thread_ts,
                               metadata=job_metadata(job))
        self._reaction(self.client.reactions_add, job.channel_id, job.message_ts, FAILED_REACTION)
        return ts

    def already_posted(self, job: JobView) -> str | None:
        """The ts of our reply for this job in its thread (tagged with its id), or None.

        The workers ask after a crash between posting and recording it; DeliveryError means "don't know"
        (the job is retried later rather than posted blindly a second time).
        """
        # 20 pages of 200 replies: far more than any thread Verdict answers in
        for message in self._pages(self.client.conversations_replies, "messages", max_pages=20,
                                   channel=job.channel_id, ts=job.thread_ts, limit=200, include_all_metadata=True):
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == JOB_EVENT_TYPE and str(payload.get("job_id")) == str(job.id):
                return str(message.get("ts"))
        return None

    # -- digests.DigestPoster -----------------------------------------------------------------------

    def post_digest_part(self, channel: str, message: Message, *, digest_id: int, part: int, through: int,
                         thread_ts: str | None = None) -> str:
        """One part of a digest, tagged so that a restarted digester finds it (`digest_parts`)."""
        metadata = {"event_type": DIGEST_EVENT_TYPE,
                    "event_payload": {"digest_id": digest_id, "part": part, "through": through}}
        return self.post_message(channel, message, thread_ts=thread_ts, metadata=metadata)

    def digest_parts(self, channel: str, digest_id: int, *, oldest: str) -> dict[int, dict]:
        """{part: message} of the parts of a digest already posted in `channel` (top level and thread)."""
        top = digest_tags(self.history_since(channel, oldest=oldest), digest_id)
        parent = top.get(1)
        if parent is None:
            return {}
        parts = digest_tags(self.thread_replies(channel, str(parent["ts"])), digest_id)
        parts[1] = parent
        return parts

    # -- people and membership (bot.slack.people, bot.slack.membership, shortcuts) ---------------------

    def user_conversations(self, user: str, *, max_pages: int = 50,
                           types: str = "public_channel,private_channel,mpim,im") -> list[dict]:
        """users.conversations for `user` (at most `max_pages` × 200): public and private channels, DMs
        and group DMs. With a bot token Slack lists the non-public ones only where Verdict is a member
        too — exactly the conversations Verdict can have briefs from."""
        return [c for c in self._pages(self.client.users_conversations, "channels", max_pages=max_pages, user=user,
                                       types=types, exclude_archived=True,
                                       limit=200) if isinstance(c, dict)]

    def user_info(self, user: str) -> dict:
        """users.info: the user's profile (display name, `tz`), as Slack returns it."""
        return dict(self._api(self.client.users_info, user=user).get("user") or {})

    def display_name(self, user: str) -> str | None:
        """A person's display name for digests (cached; bot.slack.people), or None when Slack can't say."""
        return self.people.display_name(user)

    def message_at(self, channel: str, ts: str) -> dict | None:
        """The message `ts` of `channel` (a thread's parent), via conversations.replies; None if gone."""
        data = self._api(self.client.conversations_replies, channel=channel, ts=ts, limit=1, inclusive=True)
        for message in data.get("messages") or []:
            if isinstance(message, dict) and message.get("ts") == ts:
                return message
        return None

    # -- other replies ------------------------------------------------------------------------------

    def post_skipped(self, channel: str, thread_ts: str, skipped: int, limit: int) -> str | None:
        return self.post_message(channel, skipped_message(skipped, limit), thread_ts=thread_ts)


def _method_name(method: Callable[..., Any]) -> str:
    """`chat_postMessage` → "chat.postMessage", for error messages and logs."""
    return getattr(method, "__name__", "api_call").replace("_", ".", 1)


DIGEST_EVENT_TYPE = "verdict_digest"


def digest_tags(messages: list[dict], digest_id: int) -> dict[int, dict]:
    """{part: message} for the messages tagged with this digest's metadata."""
    found: dict[int, dict] = {}
    for message in messages:
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        if metadata.get("event_type") == DIGEST_EVENT_TYPE and str(payload.get("digest_id")) == str(digest_id):
            found[int(payload.get("part") or 1)] = message
    return found

