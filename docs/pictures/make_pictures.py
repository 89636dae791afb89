"""Render the README's pictures from the Block Kit payloads Verdict really posts.

    python docs/pictures/make_pictures.py            # capture (runs one test), render HTML, screenshot PNGs
    python docs/pictures/make_pictures.py --html     # stop after the HTML (no browser needed)

1. runs `tests/e2e/test_ux_capture.py` with VERDICT_CAPTURE_DIR=docs/pictures/payloads: the real app, over
   HTTP, against the fake Slack and local article pages, writes the payloads Slack received;
2. turns each payload into a page that looks like Slack's message view (a small Block Kit renderer
   for the blocks Verdict uses: header, section, context, actions, divider; mrkdwn bold, italics,
   code, links, channel names, emoji shortcodes, `<!date^…>` tokens);
3. screenshots each page with headless Chromium (`apt-get install chromium`) into docs/pictures/*.png.

Nothing here reaches the internet.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PAYLOADS = HERE / "payloads"

EMOJI = {
    "white_check_mark": "✅", "no_entry": "⛔", "large_orange_diamond": "🔶", "hourglass_flowing_sand": "⏳",
    "heavy_minus_sign": "➖", "warning": "⚠️", "eyes": "👀", "zzz": "💤", "thread": "🧵", "calendar": "📅",
    "bar_chart": "📊", "link": "🔗", "wave": "👋", "no_entry_sign": "🚫",
}

CSS = """
body { font: 15px/1.46 -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; color: #1d1c1d; margin: 0;
       background: #fff; width: 720px; }
.msg { display: flex; padding: 8px 20px; }
.avatar { width: 36px; height: 36px; border-radius: 6px; margin-right: 8px; flex: none; color: #fff;
          font-weight: 700; display: flex; align-items: center; justify-content: center; }
.who { font-weight: 900; } .app { font-size: 10px; background: #ddd; border-radius: 2px; padding: 1px 3px;
       margin-left: 4px; color: #555; } .time { color: #616061; font-size: 12px; margin-left: 6px; }
.thread { border-left: 3px solid #ddd; margin-left: 64px; padding-left: 8px; color: #616061; font-size: 13px; }
.section { margin: 4px 0; white-space: pre-wrap; } .context { color: #616061; font-size: 13px; margin: 4px 0; }
.header { font-size: 18px; font-weight: 900; margin: 6px 0; }
.divider { border-top: 1px solid #ddd; margin: 8px 0; }
.button { display: inline-block; border: 1px solid #bbb; border-radius: 4px; padding: 3px 12px; font-weight: 700;
          font-size: 13px; margin: 4px 6px 4px 0; } .primary { background: #007a5a; color: #fff; border-color: #007a5a; }
.row { display: flex; justify-content: space-between; align-items: flex-start; gap: 12px; }
a { color: #1264a3; text-decoration: none; } .channel { color: #1264a3; background: #e8f5fa; border-radius: 3px; }
code { background: #f6f6f6; border: 1px solid #ddd; border-radius: 3px; padding: 0 3px; font-size: 12px; }
.reactions span { display: inline-block; border: 1px solid #ddd; border-radius: 12px; padding: 0 6px;
                  font-size: 12px; margin-top: 4px; background: #f8f8f8; }
.home { padding: 12px 20px; }
"""


def mrkdwn(text: str) -> str:
    """Slack mrkdwn → HTML (the subset Verdict writes). `text` is Slack-escaped (&amp; &lt; &gt;)."""
    out = []
    text = re.sub(r"\*(<[^<>]+>)\*", "\x01\\1\x02", text)  # *<link>*: a bold link
    for part in re.split(r"(<[^<>]+>)", text):
        if part.startswith("<") and part.endswith(">"):
            inner = part[1:-1]
            target, _, label = inner.partition("|")
            if target.startswith("#"):
                out.append(f'<span class="channel">#{html.escape(label or "news")}</span>')
            elif target.startswith("!date^"):
                out.append(html.escape(label))
            else:
                out.append(f'<a href="#">{_inline(label or target)}</a>')
        else:
            out.append(_inline(part))
    return "".join(out).replace("\x01", "<b>").replace("\x02", "</b>")


def _inline(text: str) -> str:
    text = text.replace("&lt;", "\x00lt").replace("&gt;", "\x00gt").replace("&amp;", "&")
    text = html.escape(text, quote=False).replace("\x00lt", "&lt;").replace("\x00gt", "&gt;")
    text = re.sub(r":([a-z0-9_+\-]+):", lambda m: EMOJI.get(m.group(1), m.group(0)), text)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w_])_([^_\n]+)_(?![\w_])", r"<i>\1</i>", text)
    return text


def _element_text(element: dict) -> str:
    text = element.get("text")
    if isinstance(text, dict):
        return mrkdwn(text["text"]) if text.get("type") == "mrkdwn" else html.escape(text["text"])
    return ""


def _button(element: dict) -> str:
    style = " primary" if element.get("style") == "primary" else ""
    return f'<span class="button{style}">{html.escape(element["text"]["text"])}</span>'


def blocks_html(blocks: list[dict]) -> str:
    out = []
    for block in blocks:
        kind = block.get("type")
        if kind == "section":
            accessory = block.get("accessory")
            body = f'<div class="section">{_element_text(block)}</div>'
            if isinstance(accessory, dict) and accessory.get("type") == "button":
                body = f'<div class="row">{body}{_button(accessory)}</div>'
            out.append(body)
        elif kind == "context":
            out.append('<div class="context">' + " ".join(
                mrkdwn(e["text"]) if e.get("type") == "mrkdwn" else html.escape(e.get("text", ""))
                for e in block.get("elements", [])) + "</div>")
        elif kind == "header":
            out.append(f'<div class="header">{html.escape(block["text"]["text"])}</div>')
        elif kind == "divider":
            out.append('<div class="divider"></div>')
        elif kind == "actions":
            out.append("<div>" + "".join(_button(e) for e in block.get("elements", [])
                                         if e.get("type") == "button") + "</div>")
    return "\n".join(out)


def message_html(who: str, color: str, inner: str, *, app: bool = False, time: str = "9:41 AM") -> str:
    badge = '<span class="app">APP</span>' if app else ""
    return (f'<div class="msg"><div class="avatar" style="background:{color}">{html.escape(who[0])}</div>'
            f'<div><span class="who">{html.escape(who)}</span>{badge}<span class="time">{time}</span>'
            f"{inner}</div></div>")


def page(body: str) -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{CSS}</style></head><body>{body}</body></html>"


def render_all() -> dict[str, Path]:
    brief = json.loads((PAYLOADS / "brief.json").read_text())
    digest = json.loads((PAYLOADS / "digest.json").read_text())
    home = json.loads((PAYLOADS / "home.json").read_text())
    status = brief["reply"]["blocks"][0]["text"]["text"].split()[0].strip(":")
    parent = message_html(brief["parent"]["user"], "#4a154b",
                          f'<div class="section">{mrkdwn(html.escape(brief["parent"]["text"]))}</div>'
                          f'<div class="reactions"><span>{EMOJI.get(status, "")} 1</span></div>')
    reply = message_html("Verdict", "#2c2d30", blocks_html(brief["reply"]["blocks"]), app=True, time="9:41 AM")
    pages = {
        "brief": page(parent + '<div class="thread">Thread</div>' + reply),
        "digest": page(message_html("Verdict", "#2c2d30", blocks_html(digest["blocks"]), app=True, time="9:00 AM")),
        "home": page(f'<div class="home">{blocks_html(home["blocks"])}</div>'),
    }
    written = {}
    for name, text in pages.items():
        path = HERE / f"{name}.html"
        path.write_text(text)
        written[name] = path
    return written


def screenshot(html_path: Path, png: Path, height: int) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        raise SystemExit("no Chromium found: apt-get install chromium (or use --html)")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                    f"--screenshot={png}", f"--window-size=720,{height}", html_path.as_uri()],
                   check=True, timeout=120, capture_output=True)


def main(argv: list[str]) -> int:
    PAYLOADS.mkdir(exist_ok=True)
    env = {**os.environ, "VERDICT_CAPTURE_DIR": str(PAYLOADS), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-k", "not postgres",
                    str(ROOT / "tests" / "e2e" / "test_ux_capture.py")], check=True, cwd=ROOT, env=env, timeout=300)
    written = render_all()
    if "--html" in argv:
        print("\n".join(str(p) for p in written.values()))
        return 0
    for name, height in (("brief", 330), ("digest", 640), ("home", 480)):
        screenshot(written[name], HERE / f"{name}.png", height)
        print(HERE / f"{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
