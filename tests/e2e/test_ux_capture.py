"""Captures the real Block Kit payloads of a thread brief, a digest and App Home as the fake Slack
received them. `docs/pictures/make_pictures.py` runs this with VERDICT_CAPTURE_DIR set and renders the
README's pictures from what it writes; without it the payloads go to a temporary directory."""

from __future__ import annotations

import json
import os
from pathlib import Path

from fakes.harness import brief_posts
from fakes.signing import event_body, mention_event, message_event, post_event
from fakes.slack import BOT_USER_ID


def test_capture_a_brief_a_digest_and_app_home(verdict, slack, pages, tmp_path):
    out = Path(os.environ.get("VERDICT_CAPTURE_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    slack.members["C0NEWS"] = [BOT_USER_ID, "UALICE"]
    slack.users["UALICE"] = {"profile": {"display_name": "Alice"}}
    shared = []
    for number in (1, 2, 5, 7):
        body = message_event("C0NEWS", f"<{pages.url(f'/news/{number}')}>", user="UALICE")
        post_event(verdict.base_url, body)
        shared.append(brief_posts(slack, "C0NEWS", body["event"]["ts"])[0])
    post_event(verdict.base_url, mention_event("C0NEWS", "<@UVERDICT> digest"))
    digest = slack.wait_for("chat.postMessage", where=lambda c: (c.body.get("metadata") or {}).get(
        "event_type") == "verdict_digest")[0]
    post_event(verdict.base_url, event_body({"type": "app_home_opened", "user": "UALICE", "tab": "home"}))
    home = slack.wait_for("views.publish")[0]
    captured = {
        "brief": {"parent": {"user": "Alice", "text": "worth a read " + pages.url("/news/1")},
                  "reply": {k: shared[0].body[k] for k in ("text", "blocks")}},
        "digest": {k: digest.body[k] for k in ("text", "blocks")},
        "home": home.body["view"],
    }
    for name, payload in captured.items():
        (out / f"{name}.json").write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
    assert captured["brief"]["reply"]["blocks"][0]["text"]["text"].startswith(":no_entry: *Declined*")
    assert "<@U" not in json.dumps(captured["digest"])
