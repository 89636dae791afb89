"""Keeping the resident size of `serve` and its CPU process down with real, large pages.

    limit_malloc_arenas()     # at start-up, before threads: glibc keeps one heap per thread otherwise
    release_memory()          # after a large page: collect, then hand freed heap back to the OS
    settle_heap()             # once, after start-up: the objects alive now leave the collector's view

Real news pages are 100 KB–1 MB of HTML; parsing one grows the heap by tens of MB, and glibc keeps
freed memory in the process (in up to 8 × cores arenas for a process with many threads, as `serve`
is: waitress, workers, posting). Both calls are best effort and do nothing off glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging

logger = logging.getLogger(__name__)

_M_ARENA_MAX = -8  # mallopt parameter (malloc.h)
ARENAS = 2
LARGE_PAGE_CHARS = 100_000  # pages this big are followed by release_memory()

_libc = None


def _glibc():
    global _libc
    if _libc is None:
        try:
            name = ctypes.util.find_library("c")
            lib = ctypes.CDLL(name) if name else None
            _libc = lib if lib is not None and hasattr(lib, "malloc_trim") else False
        except OSError:
            _libc = False
    return _libc or None


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas (MALLOC_ARENA_MAX) for threads started from now on."""
    libc = _glibc()
    if libc is None:
        return False
    try:
        return bool(libc.mallopt(_M_ARENA_MAX, arenas))
    except (AttributeError, OSError):
        return False


def trim_heap() -> None:
    """Return free heap pages to the operating system (no garbage collection: in a process with
    request threads a full collection holds the GIL for tens of milliseconds; ctypes releases it)."""
    libc = _glibc()
    if libc is not None:
        try:
            libc.malloc_trim(0)
        except (AttributeError, OSError):
            pass


def release_memory() -> None:
    """Run the garbage collector and return free heap pages to the operating system."""
    gc.collect()
    trim_heap()


def settle_heap() -> None:
    """Collect once, then freeze what survives (gc.freeze): the ~120,000 objects of start-up (modules,
    SQLAlchemy, Bolt, pydantic) are never traversed again. Without it, a full collection that fell into
    a burst of events held the GIL for 50–300 ms on this machine: every ack in hand waited for it."""
    gc.collect()
    gc.freeze()
