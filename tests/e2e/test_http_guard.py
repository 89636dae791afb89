"""Issue 11 item 3: hostile requests to `POST /slack/events`, over real HTTP (waitress → guard → Bolt).

Every attack of the issue is sent on a raw socket (so chunked bodies, broken bytes and huge uploads
are sent exactly as written); each must get a one-line 4xx, log one escaped line without its body,
leave no traceback in the log, and leave the app answering.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import socket
import time

import pytest
from fakes.signing import SECRET, message_event, post_event

from bot.slack.guard import MAX_BODY_BYTES, SlackGuard, escape_for_log

MARK = "BODYMARK-7f3a"  # never to appear in the log


def raw_post(port: int, body: bytes, headers: dict, *, chunked: bool = False, timeout: float = 10.0,
             path: str = "/slack/events") -> tuple[int, bytes]:
    """One HTTP/1.1 POST on a fresh socket; returns (status, response body)."""
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    elif not any(name.lower() == "content-length" for name in headers):
        lines.append(f"Content-Length: {len(body)}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head)
        try:
            if chunked:
                for start in range(0, len(body), 1000):
                    piece = body[start:start + 1000]
                    sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                sock.sendall(b"0\r\n\r\n")
            else:
                for start in range(0, len(body), 1 << 20):
                    sock.sendall(body[start:start + (1 << 20)])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before taking the whole upload: that is the point
        response = b""
        try:
            while chunk := sock.recv(65536):
                response += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    status_line, _, rest = response.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


def signed(body: bytes, *, timestamp: str | None = None) -> dict:
    timestamp = timestamp or str(int(time.time()))
    digest = hmac.new(SECRET.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}


def unsigned() -> dict:
    return {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=" + "0" * 64}


JSON = {"Content-Type": "application/json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DEEP = b"[" * 100_000 + b"]" * 100_000

ATTACKS = {
    "malformed JSON": (b'{"type": "event_callback", "x": ' + MARK.encode(), JSON),
    "invalid UTF-8": (b'{"type": "\xff\xfe' + MARK.encode() + b'"}', JSON),
    "JSON array": (b'["' + MARK.encode() + b'"]', JSON),
    "payload= not JSON": (b"payload=" + MARK.encode() + b"%7Bnot-json", FORM),
    "100,000-deep nesting": (b'{"a": ' + DEEP + b', "m": "' + MARK.encode() + b'"}', JSON),
    "newline forging a log line": (b'{"text": "' + MARK.encode() + b'\nERROR forged line"}\n'
                                   b"CRITICAL forged too", JSON),
}


def _no_tracebacks_and_no_body(caplog) -> None:
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    assert all(MARK not in r.getMessage() for r in caplog.records), "the body reached the log"
    assert all("\n" not in r.getMessage() for r in caplog.records if r.name == "bot.slack.guard")


def _rejections(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.slack.guard" and "rejected" in r.getMessage()]


@pytest.mark.parametrize("name", list(ATTACKS))
def test_unsigned_hostile_bodies_get_401_one_line_and_no_traceback(verdict, caplog, name):
    caplog.set_level(logging.DEBUG)
    body, headers = ATTACKS[name]
    status, answer = raw_post(verdict.server.port, body, {**headers, **unsigned()})
    assert status == 401
    assert answer == b"invalid request signature\n"
    assert len(_rejections(caplog)) == 1
    _no_tracebacks_and_no_body(caplog)
    assert verdict.get("/healthz") == (200, {"ok": True})


@pytest.mark.parametrize("name", list(ATTACKS))
def test_signed_hostile_bodies_get_400_not_500(verdict, caplog, name):
    # signed by someone holding the secret: still never a 500 with a traceback
    caplog.set_level(logging.DEBUG)
    body, headers = ATTACKS[name]
    status, answer = raw_post(verdict.server.port, body, {**headers, **signed(body)})
    assert status == 400, answer
    assert answer == b"malformed request body\n"
    _no_tracebacks_and_no_body(caplog)


def test_timestamp_that_is_not_a_number(verdict, caplog):
    caplog.set_level(logging.DEBUG)
    body = json.dumps(message_event("C1", "hello " + MARK)).encode()
    headers = {**JSON, **signed(body)}
    headers["X-Slack-Request-Timestamp"] = "abc"
    status, answer = raw_post(verdict.server.port, body, headers)
    assert (status, answer) == (401, b"invalid request signature\n")
    assert "malformed timestamp" in _rejections(caplog)[0].getMessage()
    _no_tracebacks_and_no_body(caplog)


def test_chunked_bodies_are_checked_like_any_other(verdict, slack, caplog):
    caplog.set_level(logging.DEBUG)
    # unsigned and chunked: refused
    junk = b'["' + MARK.encode() + b'"]' * 500
    assert raw_post(verdict.server.port, junk, {**JSON, **unsigned()}, chunked=True)[0] == 401
    # signed and chunked: accepted (waitress de-chunks, the guard checks the bytes it got)
    good = json.dumps(message_event("C1", "no links here")).encode()
    assert raw_post(verdict.server.port, good, {**JSON, **signed(good)}, chunked=True)[0] == 200
    _no_tracebacks_and_no_body(caplog)


def test_a_20_mb_unsigned_post_is_413_and_the_log_stays_small(verdict, caplog):
    caplog.set_level(logging.DEBUG)
    body = b'{"x": "' + MARK.encode() + b"A" * 20_000_000 + b'"}'
    started = time.monotonic()
    status, _ = raw_post(verdict.server.port, body, {**JSON, **unsigned()})
    assert status == 413
    assert time.monotonic() - started < 5  # refused from the headers, not after reading 20 MB
    # chunked, so no Content-Length to refuse from: waitress stops de-chunking at the cap
    status, _ = raw_post(verdict.server.port, body[:2_000_000], {**JSON, **unsigned()}, chunked=True)
    assert status == 413
    assert sum(len(r.getMessage()) for r in caplog.records) < 10_000
    _no_tracebacks_and_no_body(caplog)
    assert verdict.get("/healthz") == (200, {"ok": True})


def test_a_body_just_over_the_cap_is_413(verdict, caplog):
    caplog.set_level(logging.DEBUG)
    body = b"{" + b" " * MAX_BODY_BYTES + b"}"
    assert raw_post(verdict.server.port, body, {**JSON, **signed(body)})[0] == 413
    # exactly at the cap it is read and checked
    body = b"{" + b" " * (MAX_BODY_BYTES - 2) + b"}"
    assert raw_post(verdict.server.port, body, {**JSON, **unsigned()})[0] == 401


def test_the_guard_caps_bodies_without_a_length_on_any_server(caplog):
    # behind a server that does not de-chunk or cap (not waitress), the guard reads at most cap + 1 bytes
    import io

    stream = io.BytesIO(b"x" * (MAX_BODY_BYTES * 4))
    guard = SlackGuard(lambda environ, start_response: [b"inner"], signing_secret=SECRET)
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/slack/events", "wsgi.input": stream}
    assert guard(environ, lambda status, headers: None) == [b"request body too large\n"]
    assert stream.tell() == MAX_BODY_BYTES + 1


def test_genuine_events_still_go_through(verdict, slack, pages):
    body = message_event("C1", f"read <{pages.url('/news/1')}>")
    assert post_event(verdict.base_url, body)[0] == 200
    slack.wait_for("chat.postMessage", where=lambda c: c.body.get("_answered") == "ok")


def test_rejections_are_logged_at_most_a_burst_per_window(caplog):
    caplog.set_level(logging.DEBUG)
    guard = SlackGuard(lambda environ, start_response: [b"inner"], signing_secret=SECRET)
    import io

    for _ in range(200):
        environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/slack/events", "CONTENT_LENGTH": "2",
                   "wsgi.input": io.BytesIO(b"{}"), "HTTP_USER_AGENT": "evil\nERROR forged"}
        assert guard(environ, lambda status, headers: None) == [b"invalid request signature\n"]
    lines = _rejections(caplog)
    assert 1 <= len(lines) <= 20
    assert all("\n" not in r.getMessage() and "evil\\nERROR" in r.getMessage() for r in lines)


def test_escape_for_log():
    assert escape_for_log("a\nb\r\x1b[31m") == "a\\nb\\r\\x1b[31m"
    assert escape_for_log("x" * 500).endswith("…") and len(escape_for_log("x" * 500)) < 130
