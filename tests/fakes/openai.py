"""A local fake of an OpenAI-compatible Chat Completions server, for tests (127.0.0.1, port 0).

    with FakeOpenAI() as fake:
        fake.queue(Reply(429, {"error": {"message": "slow down"}}, headers={"Retry-After": "1"}),
                   completion({"summary": "…", ...}))
        settings = Settings(_env_file=None, openai_base_url=fake.base_url, openai_model="m", ...)
        ...
        fake.requests[0].json["response_format"]["type"]   # every request is recorded, body and headers

Replies are served from the queue in order; when it is empty, `responder(request)` decides (default:
HTTP 500 "no canned reply", so a test that asks more often than it planned fails loudly).
A reply's `delay` holds the answer back (for timeouts); `stop()` cuts delays short.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict/list → JSON; str → sent as is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    json: Any


def completion(content: str | dict, *, prompt_tokens: int = 120, completion_tokens: int = 80,
               usage: bool = True) -> Reply:
    """A 200 chat.completion whose message content is `content` (a dict is JSON-encoded)."""
    text = content if isinstance(content, str) else json.dumps(content)
    body: dict[str, Any] = {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": "fake-model",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
    }
    if usage:
        body["usage"] = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                         "total_tokens": prompt_tokens + completion_tokens}
    return Reply(200, body)


def error(status: int, message: str, *, headers: dict[str, str] | None = None, delay: float = 0.0) -> Reply:
    """An OpenAI-style error body."""
    return Reply(status, {"error": {"message": message, "type": "invalid_request_error", "code": status}},
                 headers=headers or {}, delay=delay)


class FakeOpenAI:
    def __init__(self, responder: Callable[[Recorded], Reply] | None = None):
        self.responder = responder or (lambda request: error(500, "no canned reply left in the fake"))
        self.requests: list[Recorded] = []
        self.max_in_flight = 0
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._in_flight = 0
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        # a short poll interval: shutdown() waits for it, once per test
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def queue(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._stopping.is_set():
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def _next_reply(self, request: Recorded) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self._replies:
                return self._replies.popleft()
        return self.responder(request)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                if self.path.rstrip("/").endswith("/models"):
                    self._send(Reply(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]}))
                else:
                    self._send(error(404, "not found"))

            def do_POST(self) -> None:  # noqa: N802
                if fake._stopping.is_set():
                    self.close_connection = True  # stopped: a kept-alive connection gets no answer either
                    return
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                request = Recorded("POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                if not self.path.endswith("/chat/completions"):
                    with fake._lock:
                        fake.requests.append(request)
                    self._send(error(404, f"unknown path {self.path}"))
                    return
                reply = fake._next_reply(request)
                with fake._lock:
                    fake._in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake._in_flight)
                try:
                    if reply.delay and fake._stopping.wait(reply.delay):
                        return  # shutting down: drop the connection
                    self._send(reply)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (its timeout): that is what the test wanted
                finally:
                    with fake._lock:
                        fake._in_flight -= 1

            def _send(self, reply: Reply) -> None:
                data = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                payload = data.encode("utf-8")
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

        return Handler
