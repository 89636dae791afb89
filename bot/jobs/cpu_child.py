"""The work a CPU child process does: extraction and a CPU-bound summariser, away from the web
process's GIL.

    pool = ProcessPoolExecutor(..., initializer=init, initargs=(summarizer,))
    pool.submit(ready).result()          # started, tables built: the pid
    pool.submit(work, url, page)         # an Article, a Brief, or a ChildError to rebuild

A spawned child imports this module and what it names, nothing more: no database, Slack, HTTP
client or settings (that keeps its start-up near half a second and its memory near 60 MB).
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
from bot.pipeline.page import Page
from bot.pipeline.source import read_source


class Fetched:
    """A fetcher that hands back a page fetched earlier, so `pipeline.read_source` runs unchanged."""

    def __init__(self, page: Page):
        self.page = page

    def fetch(self, url: str) -> Page:
        return self.page


def read_page(source: str, page: Page) -> Article:
    """The article of a page fetched earlier (in the parent), through the one pipeline."""
    return read_source(source, Fetched(page))


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


_summarizer = None


def init(summarizer) -> None:
    """Each child's start: the summariser to use (None: return articles), bounded heap, parent watch."""
    global _summarizer
    _summarizer = summarizer
    limit_malloc_arenas()
    _exit_with_parent()


def work(source: str, page) -> Article | Brief | ChildError:
    """One page: its article, or its brief when the child has a summariser."""
    try:
        article = bound_article(read_page(source, page))
        return _summarizer.summarize(article) if _summarizer is not None else article
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


def ready() -> int:
    """The child's pid, once it is ready for work: its summariser has built its tables, so the first
    page's CPU deadline pays for no start-up."""
    if _summarizer is not None:
        _summarizer.summarize(Article(source="warm-up", title="Warm-up", text="The board approved the plan."))
    return os.getpid()
