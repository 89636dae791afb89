"""Signed requests to a running Verdict over real HTTP, as Slack sends them.

    status, text = post_event(base_url, message_event("C1", "see <https://x.test/a>"), SECRET)
    status, text = post_event(base_url, body, SECRET, retry_num=2)          # X-Slack-Retry-Num
    status, payload = post_slash(base_url, "summarize https://x.test/a", SECRET, channel_id="C1")
    post_action(base_url, block_actions_payload, SECRET)

Signatures come from slack_sdk's own `SignatureVerifier.generate_signature`, the counterpart of what
Bolt checks.
"""

from __future__ import annotations

import itertools
import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from fakes.slack import TEAM_ID

SECRET = "test-signing-secret"
_ids = itertools.count(1)
_ts = itertools.count(1)


def next_ts() -> str:
    return f"{1_600_000_000 + next(_ts)}.{next(_ts):06d}"


def event_body(event: dict, *, event_id: str | None = None) -> dict:
    """An Events API `event_callback` envelope around `event`."""
    return {
        "token": "legacy", "team_id": TEAM_ID, "api_app_id": "AFAKE", "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}", "event_time": int(time.time()),
        "event": event,
    }


def message_event(channel: str, text: str, *, user: str = "UALICE", ts: str | None = None,
                  thread_ts: str | None = None, **extra) -> dict:
    event = {"type": "message", "channel": channel, "user": user, "text": text, "ts": ts or next_ts(),
             "channel_type": "channel", "team": TEAM_ID, **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event_body(event)


def mention_event(channel: str, text: str, *, user: str = "UALICE", ts: str | None = None,
                  thread_ts: str | None = None) -> dict:
    event = {"type": "app_mention", "channel": channel, "user": user, "text": text, "ts": ts or next_ts(),
             "team": TEAM_ID}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event_body(event)


def sign(body: bytes, secret: str, timestamp: int | None = None) -> dict:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": signature}


def post_raw(base_url: str, body: bytes, headers: dict, *, timeout: float = 10.0) -> tuple[int, str]:
    request = urllib.request.Request(base_url.rstrip("/") + "/slack/events", data=body, headers=headers,
                                     method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def post_event(base_url: str, body: dict, secret: str = SECRET, *, retry_num: int | None = None,
               timestamp: int | None = None) -> tuple[int, str]:
    raw = json.dumps(body).encode()
    headers = {"Content-Type": "application/json", **sign(raw, secret, timestamp)}
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return post_raw(base_url, raw, headers)


def post_form(base_url: str, fields: dict, secret: str = SECRET) -> tuple[int, str]:
    raw = urlencode(fields).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(raw, secret)}
    return post_raw(base_url, raw, headers)


def post_slash(base_url: str, text: str, secret: str = SECRET, *, channel_id: str = "C1",
               user_id: str = "UALICE") -> tuple[int, dict]:
    status, body = post_form(base_url, {
        "token": "legacy", "team_id": TEAM_ID, "channel_id": channel_id, "channel_name": "general",
        "user_id": user_id, "user_name": "alice", "command": "/verdict", "text": text,
        "response_url": "https://hooks.invalid/commands/1", "trigger_id": "1.2.3", "api_app_id": "AFAKE",
    }, secret)
    return status, (json.loads(body) if body.strip().startswith("{") else {"raw": body})


def post_action(base_url: str, payload: dict, secret: str = SECRET) -> tuple[int, str]:
    return post_form(base_url, {"payload": json.dumps(payload)}, secret)
