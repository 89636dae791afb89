"""What runs in the workers' CPU process (bot.jobs.workers._CpuPool): page → article → brief.

    ProcessPoolExecutor(initializer=child_init, initargs=(summarizer,)).submit(child_work, url, page)

Kept apart from bot.jobs.workers so that the child imports only what reading a page needs:
trafilatura and lxml, pydantic's models, the heuristic summariser (unpickled from initargs) —
not SQLAlchemy, httpx, the settings or pypdf (until a PDF comes). Each of those is resident
memory in a process that lives as long as `serve`.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
from dataclasses import dataclass

from bot import errors
from bot.errors import Failed, SourceError
from bot.memory import LARGE_PAGE_CHARS, limit_malloc_arenas, release_memory
from bot.models import Article, Brief
from bot.pipeline.bounds import bound_article
from bot.pipeline.pages import Page


class _Fetched:
    """A fetcher that hands back a page fetched earlier, so `pipeline.read_source` runs unchanged."""

    def __init__(self, page: Page):
        self.page = page

    def fetch(self, url: str) -> Page:
        return self.page


def article_of(source: str, page: Page) -> Article:
    """The article in a page fetched earlier (also the threads' fallback when there is no child)."""
    from bot.pipeline.source import read_source  # trafilatura & co.: see child_init

    return read_source(source, _Fetched(page))


@dataclass(frozen=True)
class ChildError:
    """A SourceError from the child, by class name and state: their __init__ signatures differ,
    so they don't survive pickling as themselves."""

    name: str
    message: str
    state: dict

    def rebuild(self) -> SourceError:
        cls = getattr(errors, self.name, None)
        if not (isinstance(cls, type) and issubclass(cls, SourceError)):
            cls = Failed
        error = cls.__new__(cls)
        Exception.__init__(error, self.message)
        error.__dict__.update(self.state)
        return error


_child_summarizer = None


def child_init(summarizer) -> None:
    global _child_summarizer
    _child_summarizer = summarizer
    limit_malloc_arenas()
    _exit_with_parent()
    # now, so the child loads trafilatura & co. once, at start-up, not on its first page; not at the
    # top of this module, which the web process imports too (it reads pages only without a child)
    import bot.pipeline.source  # noqa: F401


def child_work(source: str, page) -> Brief | Article | ChildError:
    try:
        article = bound_article(article_of(source, page))
        return _child_summarizer.summarize(article) if _child_summarizer is not None else article
    except SourceError as error:
        return ChildError(type(error).__name__, str(error), dict(error.__dict__))
    finally:
        if len(getattr(page, "text", "") or "") > LARGE_PAGE_CHARS:
            release_memory()  # parsing a large page grew the heap by tens of MB: give it back


def _exit_with_parent() -> None:
    """A killed parent (SIGKILL, OOM) would leave pool children blocked on their task queue forever,
    ~75 MB each: they hold both ends of that pipe, so it never reports EOF. Watch the parent instead."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch():
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="verdict-parent-watch", daemon=True).start()


def child_ready() -> int:
    """The child's pid, once it is ready for work: its summariser has built its tables, so the first
    page's CPU deadline pays for no start-up."""
    if _child_summarizer is not None:
        _child_summarizer.summarize(Article(source="warm-up", title="Warm-up", text="The board approved the plan."))
    return os.getpid()
