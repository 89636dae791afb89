"""Local news pages for end-to-end tests and the benchmark (127.0.0.1, port 0; nothing from the internet).

    with ArticleServer() as pages:
        pages.url("/news/3")          # an article page (request, decision, reason — written here)
        pages.url("/dead")            # 404
        pages.url("/slow/1")          # an article after `pages.slow_seconds` (only the first time with
                                      # slow_first_only=True)
        pages.hits["/news/3"]         # how often a path was fetched
        pages.extra["/doc.pdf"] = ("application/pdf", data)   # any other file, served as given
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_REQUESTERS = ["The city of Lyon", "The fishermen's union", "Greenfield Council", "The teachers' association",
               "Northwind Airlines", "The village of Arlo", "The student senate", "Harbor Hospital"]
_DECIDERS = ["the regional government", "the ministry of transport", "the planning board", "the national regulator"]


def article_html(number: int) -> str:
    requester = _REQUESTERS[number % len(_REQUESTERS)]
    decider = _DECIDERS[number % len(_DECIDERS)]
    title = f"{decider.capitalize()} rejects request number {number} from {requester.lower()}"
    paragraphs = [
        f"{requester} asked {decider} for permission to build a new depot on the river bank, "
        f"a project it had planned for {number % 9 + 2} years.",
        f"On Tuesday {decider} rejected the request, saying the site lies in a protected flood zone.",
        "Officials said the decision followed a review of flood maps published last spring, and that "
        "no exception could be made under the current rules for the area.",
        f"{requester} said it would study the ruling and consider an appeal in the coming weeks.",
        "Local residents had been divided on the plan, with some welcoming the jobs it promised and "
        "others worried about traffic and noise along the river road.",
        "The depot would have employed about forty people, according to figures presented at a "
        "public meeting in March, where the plan was discussed for more than three hours.",
    ]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Local Test Gazette">
<meta property="article:published_time" content="2024-11-{number % 28 + 1:02d}T09:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article><h1>{title}</h1>
<p class="byline">By A. Reporter, November 2024</p>
{body}
</article>
<footer>© Local Test Gazette</footer>
</body></html>"""


class ArticleServer:
    def __init__(self, *, slow_seconds: float = 3.0, slow_first_only: bool = False,
                 news: Callable[[int], bytes] | None = None):
        self.news = news  # /news/<n> → its HTML (default: the synthetic article n)
        self.slow_seconds = slow_seconds
        self.slow_first_only = slow_first_only  # the crash test: slow until killed, quick after restart
        self.hits: Counter[str] = Counter()
        self.extra: dict[str, tuple[str, bytes]] = {}  # path → (content type, body): pages a test adds
        self.requested = threading.Event()  # set on any request (the crash test waits for the fetch)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    def start(self) -> ArticleServer:
        pages = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802
                pages._serve(self)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         name="article-server", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> ArticleServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.split("?")[0]
        with self._lock:
            self.hits[path] += 1
            hit = self.hits[path]
        self.requested.set()
        status, content_type, body = 200, "text/html; charset=utf-8", b""
        if path in self.extra:
            content_type, body = self.extra[path]
        elif path.startswith(("/news/", "/slow/")):
            if path.startswith("/slow/") and (hit == 1 or not self.slow_first_only):
                time.sleep(self.slow_seconds)
            tail = path.rsplit("/", 1)[-1]
            n = int(tail) if tail.isdigit() else 0
            body = self.news(n) if self.news is not None and path.startswith("/news/") else article_html(n).encode()
        elif path.startswith("/report.pdf"):
            content_type, body = "application/pdf", b"%PDF-1.4 not an article"
        else:
            status, body = 404, b"<html><body><h1>Not found</h1></body></html>"
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)
