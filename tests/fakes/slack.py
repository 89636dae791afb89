"""A fake Slack for tests: the Web API over real HTTP, and a Socket Mode WebSocket server.

    with FakeSlack() as slack:                       # 127.0.0.1, port 0
        settings = Settings(slack_api_url=slack.api_url, ...)
        slack.rate_limit("chat.postMessage", times=1, retry_after=1)
        slack.fail("chat.postMessage", "not_in_channel", channel="C9")
        ...
        posts = slack.wait_for("chat.postMessage", count=1, timeout=10)
        posts[0].body["thread_ts"]

Every call is recorded as `Call(method, body, headers)` with the parsed body (JSON or form, merged
with the query string; JSON-in-form fields such as `blocks` decoded). Answers are what Slack would
say for the methods Verdict uses; `chat.postMessage` keeps a per-channel history for
`conversations.history` (with `metadata`, as digests need).

    with FakeSocketModeServer() as ws:               # websockets' sync server on 127.0.0.1:0
        slack.socket_url = ws.url                    # apps.connections.open returns it
        envelope_id = ws.send_event(event_body)      # an events_api envelope
        ws.wait_for_ack(envelope_id)
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from fakes.patience import patience

BOT_USER_ID = "UVERDICT"
BOT_ID = "BVERDICT"
TEAM_ID = "T0TEAM"

_JSON_FIELDS = ("blocks", "attachments", "view", "metadata")


@dataclass
class Call:
    method: str
    body: dict
    headers: dict
    at: float = field(default_factory=time.monotonic)


@dataclass
class _Failure:
    error: str
    times: int
    status: int = 200
    retry_after: int | None = None
    channel: str | None = None


class FakeSlack:
    """The Web API methods Verdict calls, on http://127.0.0.1:<port>/api/."""

    def __init__(self):
        self.calls: list[Call] = []
        self.socket_url: str | None = None
        self.members: dict[str, list[str]] = {}  # channel → members (default: everyone asked about)
        self.private: set[str] = set()  # channels conversations.info calls private
        self.history: dict[str, list[dict]] = {}
        # users.info answers: user id → fields merged over the default profile (display name, tz …)
        self.users: dict[str, dict] = {}
        # users.conversations: which of `members`' conversations are private / DMs ("public" by default)
        self.kinds: dict[str, str] = {}
        self._failures: dict[str, list[_Failure]] = {}
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._ts = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                fake._handle(self)

            do_GET = do_POST  # noqa: N815

            def log_message(self, *args):  # keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fake-slack", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def api_url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    # -- steering -------------------------------------------------------------------------------

    def fail(self, method: str, error: str, *, times: int = 1, channel: str | None = None) -> None:
        """Answer `{"ok": false, "error": error}` to the next `times` calls (to `channel`, if given)."""
        with self._lock:
            self._failures.setdefault(method, []).append(_Failure(error, times, channel=channel))

    def rate_limit(self, method: str, *, times: int = 1, retry_after: int = 1) -> None:
        """Answer HTTP 429 with `Retry-After: retry_after` to the next `times` calls."""
        with self._lock:
            self._failures.setdefault(method, []).append(
                _Failure("ratelimited", times, status=429, retry_after=retry_after))

    # -- reading what happened ------------------------------------------------------------------

    def calls_to(self, method: str, where: Callable[[Call], bool] | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and (where is None or where(c))]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0,
                 where: Callable[[Call], bool] | None = None) -> list[Call]:
        """Wait until at least `count` matching calls were made; returns them (AssertionError on timeout)."""
        timeout = patience(timeout)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self.calls if c.method == method and (where is None or where(c))]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = sorted({c.method for c in self.calls})
                    raise AssertionError(f"waited {timeout}s for {count} × {method}, got {len(found)} "
                                         f"(methods called: {seen})")
                self._changed.wait(min(remaining, 0.2))

    def add_message(self, channel: str, message: dict) -> dict:
        """Put someone's message into `channel`'s history (conversations.replies/history answer it)."""
        with self._lock:
            self.history.setdefault(channel, []).insert(0, dict(message))
        return message

    def posts(self, channel: str | None = None) -> list[Call]:
        """chat.postMessage calls that went through (not the 429/failed attempts)."""
        return self.calls_to("chat.postMessage", lambda c: c.body.get("_answered") == "ok"
                             and (channel is None or c.body.get("channel") == channel))

    # -- the server side ------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        method = parts.path.rsplit("/", 1)[-1]
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        body: dict = dict(parse_qsl(parts.query))
        content_type = request.headers.get("Content-Type", "")
        if raw and "json" in content_type:
            body.update(json.loads(raw))
        elif raw:
            body.update(dict(parse_qsl(raw.decode())))
        for key in _JSON_FIELDS:
            if isinstance(body.get(key), str):
                try:
                    body[key] = json.loads(body[key])
                except ValueError:
                    pass
        call = Call(method, body, dict(request.headers))

        with self._changed:
            failure = self._take_failure(method, body)
            if failure is None:
                status, answer, headers = 200, self._answer(method, body), {}
            else:
                status = failure.status
                answer = {"ok": False, "error": failure.error}
                headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
            body["_answered"] = "ok" if answer.get("ok") else answer.get("error")
            self.calls.append(call)
            self._changed.notify_all()

        data = json.dumps(answer).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json; charset=utf-8")
        request.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(data)

    def _take_failure(self, method: str, body: dict) -> _Failure | None:
        for failure in self._failures.get(method, []):
            if failure.times > 0 and (failure.channel is None or failure.channel == body.get("channel")):
                failure.times -= 1
                return failure
        return None

    def _next_ts(self) -> str:
        # the current time, like Slack (digest recovery reads history with `oldest=`); unique and
        # increasing (callers hold self._lock)
        self._last_ts = max(time.time(), getattr(self, "_last_ts", 0.0) + 0.000001)
        return f"{self._last_ts:.6f}"

    def _answer(self, method: str, body: dict) -> dict:
        channel = body.get("channel")
        if method == "auth.test":
            return {"ok": True, "url": "https://fake.slack.com/", "team": "Fake", "user": "verdict",
                    "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID}
        if method == "chat.postMessage":
            ts = self._next_ts()
            message = {"type": "message", "ts": ts, "text": body.get("text"), "bot_id": BOT_ID,
                       "user": BOT_USER_ID, "blocks": body.get("blocks") or []}
            if body.get("thread_ts"):
                message["thread_ts"] = body["thread_ts"]
            if body.get("metadata"):
                message["metadata"] = body["metadata"]
            self.history.setdefault(channel, []).insert(0, message)
            return {"ok": True, "channel": channel, "ts": ts, "message": message}
        if method == "chat.update":
            return {"ok": True, "channel": channel, "ts": body.get("ts"), "text": body.get("text")}
        if method == "chat.delete":
            msgs = self.history.get(channel, [])
            self.history[channel] = [m for m in msgs if m["ts"] != body.get("ts")]
            return {"ok": True, "channel": channel, "ts": body.get("ts")}
        if method == "chat.getPermalink":
            ts = str(body.get("message_ts", "")).replace(".", "")
            return {"ok": True, "channel": channel, "permalink": f"https://fake.slack.com/archives/{channel}/p{ts}"}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method in ("reactions.add", "reactions.remove", "views.publish", "views.open", "views.update"):
            return {"ok": True}
        if method == "conversations.info":
            if channel in self.private:
                return {"ok": True, "channel": {"id": channel, "name": f"name-{channel}", "is_member": True,
                                                "is_channel": False, "is_group": True, "is_private": True}}
            return {"ok": True, "channel": {"id": channel, "name": f"name-{channel}", "is_member": True,
                                            "is_channel": True}}
        if method == "conversations.members":
            members = self.members.get(channel, [BOT_USER_ID])
            return {"ok": True, "members": members, "response_metadata": {"next_cursor": ""}}
        if method == "conversations.history":
            messages = self.history.get(channel, [])
            oldest = float(body.get("oldest") or 0)
            # like Slack: top-level messages only; metadata only when include_all_metadata is asked for
            return {"ok": True, "has_more": False, "messages": [
                _metadata_if_asked(m, body) for m in messages
                if float(m["ts"]) >= oldest and m.get("thread_ts", m["ts"]) == m["ts"]]}
        if method == "conversations.replies":
            ts = body.get("ts")
            thread = [m for m in self.history.get(channel, []) if m["ts"] == ts or m.get("thread_ts") == ts]
            return {"ok": True, "messages": sorted(thread, key=lambda m: float(m["ts"])), "has_more": False,
                    "response_metadata": {"next_cursor": ""}}
        if method == "users.info":
            user = body.get("user")
            profile = {"id": user, "name": f"name-{user}", "real_name": f"Real {user}", "tz": "UTC",
                       "is_bot": False, "profile": {"display_name": f"display-{user}"}}
            profile.update(self.users.get(user, {}))
            return {"ok": True, "user": profile}
        if method == "users.conversations":
            user = body.get("user")
            channels = [{"id": cid, "is_private": self.kinds.get(cid, "public") != "public",
                         "is_im": self.kinds.get(cid) == "im", "is_mpim": self.kinds.get(cid) == "mpim"}
                        for cid, members in self.members.items() if user in members]
            return {"ok": True, "channels": channels, "response_metadata": {"next_cursor": ""}}
        if method == "apps.connections.open":
            if not self.socket_url:
                return {"ok": False, "error": "no_socket_server"}
            return {"ok": True, "url": self.socket_url}
        return {"ok": False, "error": "unknown_method"}


def _metadata_if_asked(message: dict, body: dict) -> dict:
    if str(body.get("include_all_metadata", "")).lower() in ("1", "true"):
        return message
    return {k: v for k, v in message.items() if k != "metadata"}


class FakeSocketModeServer:
    """Slack's Socket Mode endpoint, locally: hands envelopes to the connected app, records its acks."""

    def __init__(self):
        self.acks: list[dict] = []
        self.received: list[dict] = []
        self._connections: list = []
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._server = None
        self._thread: threading.Thread | None = None

    def start(self) -> FakeSocketModeServer:
        from websockets.sync.server import serve

        self._server = serve(self._session, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-socket-mode", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()

    def __enter__(self) -> FakeSocketModeServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        port = self._server.socket.getsockname()[1]
        # the built-in client sends "GET {path}?{query}": it needs a path
        return f"ws://127.0.0.1:{port}/link/?ticket=fake"

    def _session(self, connection) -> None:
        connection.send(json.dumps({"type": "hello", "num_connections": 1,
                                    "connection_info": {"app_id": "AFAKE"}}))
        with self._changed:
            self._connections.append(connection)
            self._changed.notify_all()
        try:
            for raw in connection:
                message = json.loads(raw)
                with self._changed:
                    self.received.append(message)
                    if "envelope_id" in message:
                        self.acks.append(message)
                    self._changed.notify_all()
        except Exception:  # the client went away
            pass
        finally:
            with self._changed:
                if connection in self._connections:
                    self._connections.remove(connection)

    def wait_connected(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + patience(timeout)
        with self._changed:
            while not self._connections:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError("the app never connected to the Socket Mode server")
                self._changed.wait(remaining)

    def send(self, payload: dict, *, kind: str = "events_api") -> str:
        """Deliver an envelope to the connected app; returns its envelope_id."""
        self.wait_connected()
        envelope_id = str(uuid.uuid4())
        envelope = {"envelope_id": envelope_id, "type": kind, "payload": payload,
                    "accepts_response_payload": kind != "events_api", "retry_attempt": 0, "retry_reason": ""}
        with self._lock:
            connection = self._connections[-1]
        connection.send(json.dumps(envelope))
        return envelope_id

    def wait_for_ack(self, envelope_id: str, timeout: float = 10.0) -> dict:
        deadline = time.monotonic() + patience(timeout)
        with self._changed:
            while True:
                for ack in self.acks:
                    if ack.get("envelope_id") == envelope_id:
                        return ack
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no ack for envelope {envelope_id}")
                self._changed.wait(remaining)
