"""The door of HTTP mode: a WSGI middleware that checks Slack's signature on the raw bytes first.

    wsgi = SlackGuard(SlackRequestHandler(app), signing_secret="…")   # in front of Bolt
    create_server(wsgi, **waitress_options())                         # waitress settings that go with it

Why in front of Bolt rather than Bolt's own check: Bolt decodes the body as UTF-8, parses it (JSON or
form, `payload=` JSON) and reads the timestamp header as an integer *before* it verifies the
signature, so an unsigned request with invalid UTF-8, a JSON array, 100,000 nested brackets or
`X-Slack-Request-Timestamp: abc` became an HTTP 500 with a traceback; and Bolt logs the whole body
of every badly signed request at INFO (a 20 MB POST added 21 MB to the log, a newline in it forged
a log line). Here, for `POST /slack/events`:

    body larger than MAX_BODY_BYTES (declared or read)     413   nothing parsed
    timestamp not digits, older/newer than 5 minutes       401
    signature missing or wrong (HMAC-SHA256, v0)           401
    signed, but not UTF-8 or not what Bolt can parse        400   (not a JSON object, too deep …)
    signed, parsed, but a field read has the wrong type     200   dropped (bot.slack.payloads), so
                                                                  Slack does not retry it
    signed and well-formed                                  → Bolt, with the body it was checked on

Each rejection answers one short line and logs one line (control characters escaped, no body),
at most LOG_BURST lines per LOG_WINDOW seconds; the rest are counted in the next line logged.
Everything else (`/healthz`, other paths and methods) passes through untouched.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.socket_mode.response import SocketModeResponse

from bot.slack.payloads import shape_problem

logger = logging.getLogger(__name__)

# Slack's own payloads are a few KB (a message with many blocks: tens of KB); 512 KB is plenty
MAX_BODY_BYTES = 512 * 1024
MAX_SKEW_SECONDS = 5 * 60  # Slack's replay window
LOG_BURST = 20
LOG_WINDOW = 10.0
_MAX_LOGGED_CHARS = 120  # of any one header value quoted in a log line


def waitress_options(*, max_body: int = MAX_BODY_BYTES) -> dict:
    """waitress settings for HTTP mode (see the README's "In front of Verdict").

    - a body past `max_body` is refused by waitress itself with 413 from the headers (or while
      de-chunking), before it is spooled to disk: the guard never sees a 20 MB upload;
    - slow or idle clients (slowloris) are dropped quickly and many may wait at once: waitress
      reads requests in its event loop (no thread per connection), so what stopped `/healthz` was
      `connection_limit=100` and `channel_timeout=120` s, not threads.
    """
    return {
        "max_request_body_size": max_body + 1,  # waitress refuses at >= its limit
        "connection_limit": 1000,
        "channel_timeout": 10,  # seconds a connection may sit idle, or trickle a request
        "cleanup_interval": 2,  # how often idle connections are looked for
        "backlog": 2048,
        "asyncore_use_poll": True,  # select() stops at 1,024 descriptors; poll does not
    }


class SlackGuard:
    """WSGI middleware: verify, bound and shape-check Slack requests before `inner` sees them."""

    def __init__(self, inner: Callable, *, signing_secret: str, path: str = "/slack/events",
                 max_body: int = MAX_BODY_BYTES, clock: Callable[[], float] = time.time):
        self.inner = inner
        self.path = path
        self.max_body = max_body
        self._secret = signing_secret.encode()
        self._clock = clock
        self._log = _RateLimitedLog(logger)
        quiet_bolt_request_logs()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != self.path or environ.get("REQUEST_METHOD") != "POST":
            return self.inner(environ, start_response)
        verdict = self._check(environ)
        if isinstance(verdict, _Rejection):
            self._log.rejected(environ, verdict)
            return _answer(start_response, verdict.status, verdict.text)
        # Bolt reads exactly CONTENT_LENGTH bytes of wsgi.input: hand it the bytes that were verified
        inner_environ = dict(environ)
        inner_environ["wsgi.input"] = io.BytesIO(verdict)
        inner_environ["CONTENT_LENGTH"] = str(len(verdict))
        inner_environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.inner(inner_environ, start_response)

    def _check(self, environ: dict) -> bytes | _Rejection:
        declared = (environ.get("CONTENT_LENGTH") or "").strip()
        if declared and not declared.isdigit():
            return _Rejection(400, "bad Content-Length", "malformed Content-Length")
        if declared and int(declared) > self.max_body:
            return _Rejection(413, "request body too large", f"declared {declared} bytes")
        body = _read(environ.get("wsgi.input"), int(declared) if declared else None, self.max_body + 1)
        if len(body) > self.max_body:
            return _Rejection(413, "request body too large", f"more than {self.max_body} bytes")

        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or ""
        signature = environ.get("HTTP_X_SLACK_SIGNATURE") or ""
        if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
            return _Rejection(401, "invalid request signature", "missing or malformed timestamp")
        if abs(self._clock() - int(timestamp)) > MAX_SKEW_SECONDS:
            return _Rejection(401, "invalid request signature", "timestamp outside the 5-minute window")
        expected = "v0=" + hmac.new(self._secret, b"v0:" + timestamp.encode() + b":" + body,
                                    hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
            return _Rejection(401, "invalid request signature", "bad signature")

        # signed: from Slack (or someone holding the secret). Still refuse what Bolt would choke on.
        parsed, problem = _parse(body, environ.get("CONTENT_TYPE"))
        if problem:
            return _Rejection(400, "malformed request body", problem)
        problem = shape_problem(parsed) if parsed else None
        if problem:
            # acknowledged (a 200): Slack retries anything else three times, and the body won't improve
            return _Rejection(200, "ignored: malformed payload", problem)
        return body


def _read(stream, length: int | None, limit: int) -> bytes:
    """At most `limit` bytes of the body (CONTENT_LENGTH of them when declared)."""
    if stream is None:
        return b""
    want = limit if length is None else min(length, limit)
    chunks: list[bytes] = []
    got = 0
    while got < want:
        chunk = stream.read(min(64 * 1024, want - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _parse(body: bytes, content_type: str | None) -> tuple[dict | None, str | None]:
    """(the body as Bolt will parse it, None) or (None, why Bolt could not: its own rules, from
    slack_bolt.request.internals.parse_body)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None, "not UTF-8"
    if not text:
        return None, None
    main_type = (content_type or "").split(";")[0].strip()
    try:
        if main_type == "application/json" or text.startswith("{"):
            parsed = json.loads(text)
        elif "payload" in text:
            payload = dict(parse_qsl(text, keep_blank_values=True)).get("payload")
            parsed = json.loads(payload) if payload is not None else {}
        else:
            return dict(parse_qsl(text, keep_blank_values=True)), None  # slash commands: form fields
    except RecursionError:
        return None, "JSON nested too deeply"
    except ValueError:
        return None, "not valid JSON"
    if not isinstance(parsed, dict):
        return None, f"JSON {type(parsed).__name__}, not an object"
    return parsed, None


class _Rejection:
    __slots__ = ("status", "text", "why")

    def __init__(self, status: int, text: str, why: str):
        self.status, self.text, self.why = status, text, why


_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 413: "Payload Too Large"}


def _answer(start_response: Callable, status: int, text: str) -> list[bytes]:
    body = (text + "\n").encode()
    start_response(f"{status} {_REASONS[status]}", [("Content-Type", "text/plain; charset=utf-8"),
                                                    ("Content-Length", str(len(body)))])
    return [body]


def escape_for_log(value: object, limit: int = _MAX_LOGGED_CHARS) -> str:
    """One line, printable: control characters (newlines first) as escapes, cut at `limit`."""
    text = str(value)
    cut = len(text) > limit
    text = text[:limit].encode("unicode_escape").decode("ascii")
    return text + ("…" if cut else "")


class _RateLimitedLog:
    """One line per rejected request, at most LOG_BURST per LOG_WINDOW s; the rest are counted."""

    def __init__(self, target: logging.Logger):
        self._logger = target
        self._lock = threading.Lock()
        self._window_start = 0.0
        self._in_window = 0
        self._suppressed = 0

    def rejected(self, environ: dict, rejection: _Rejection) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._window_start > LOG_WINDOW:
                self._window_start, self._in_window = now, 0
            self._in_window += 1
            if self._in_window > LOG_BURST:
                self._suppressed += 1
                return
            suppressed, self._suppressed = self._suppressed, 0
        more = f" (+{suppressed} more rejected, not logged)" if suppressed else ""
        self._logger.warning(
            "%s Slack request from %s: %d %s (%s; %s bytes, type %s, agent %s)%s",
            "dropped signed" if rejection.status == 200 else "rejected",
            escape_for_log(environ.get("REMOTE_ADDR") or "?"), rejection.status, rejection.text,
            escape_for_log(rejection.why), escape_for_log(environ.get("CONTENT_LENGTH") or "?"),
            escape_for_log(environ.get("CONTENT_TYPE") or "none"),
            escape_for_log(environ.get("HTTP_USER_AGENT") or "none"), more)


class _NoRequestBodies(logging.Filter):
    """Drops Bolt's "Invalid request signature detected (… body: …)" line: it carries the whole body,
    unescaped. The guard has already logged that request in one line (this only fires when a request
    crosses the 5-minute window between the guard's check and Bolt's)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Invalid request signature detected")


_FILTER = _NoRequestBodies()


def quiet_bolt_request_logs() -> None:
    """Install the filter on the handlers' loggers Bolt uses for request verification (idempotent)."""
    for name in ("bot.bolt", "slack_bolt.RequestVerification"):
        target = logging.getLogger(name)
        if _FILTER not in target.filters:
            target.addFilter(_FILTER)


def guard_bolt(handler: Callable, app) -> SlackGuard:
    """`handler` (Bolt's WSGI adapter for `app`) behind a SlackGuard with the app's signing secret."""
    services = getattr(app, "services", None)
    secret = services.settings.slack_signing_secret if services is not None else None
    raw = secret.get_secret_value() if secret is not None else getattr(app, "_signing_secret", "") or ""
    return SlackGuard(handler, signing_secret=raw)


def guarded_socket_mode_handler(*args, **kwargs):
    """slack_bolt's SocketModeHandler whose envelopes are shape-checked (bot.slack.payloads) before Bolt
    dispatches them: a malformed payload is acknowledged, logged in one line and dropped. (The
    WebSocket authenticates Socket Mode, so there is no signature to check.)"""
    class GuardedSocketModeHandler(SocketModeHandler):
        def handle(self, client, req) -> None:
            payload = req.payload
            problem = shape_problem(payload) if isinstance(payload, dict) else "payload is not an object"
            if problem:
                logger.warning("dropped Socket Mode envelope %s: malformed payload (%s)",
                               escape_for_log(req.envelope_id), escape_for_log(problem))
                client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))
                return
            super().handle(client, req)

    return GuardedSocketModeHandler(*args, **kwargs)
