"""A small thread-safe cache of what Slack said, bounded in size (least recently used out) and in age."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")


class TimedCache(Generic[V]):
    def __init__(self, max_size: int) -> None:
        self.max_size = max_size
        self._items: OrderedDict[str, tuple[float, V]] = OrderedDict()
        # when each key was last forgotten (bounded like the items): an answer asked for before that
        # is stale and is not stored
        self._forgotten: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._items

    def lookup(self, key: str, now: float) -> tuple[bool, V | None]:
        """(True, value) while the entry is fresh at `now`; (False, None) otherwise."""
        with self._lock:
            hit = self._items.get(key)
            if hit is None or hit[0] <= now:
                return False, None
            self._items.move_to_end(key)
            return True, hit[1]

    def store(self, key: str, value: V, expires: float, *, asked_at: float | None = None) -> None:
        """Keep `value` until `expires`; unless `key` was forgotten after `asked_at` (time.monotonic()
        when the answer was asked for), which makes the answer stale."""
        with self._lock:
            if asked_at is not None and self._forgotten.get(key, float("-inf")) >= asked_at:
                return
            self._items[key] = (expires, value)
            self._items.move_to_end(key)
            while len(self._items) > self.max_size:
                self._items.popitem(last=False)

    def forget(self, key: str | None = None) -> None:
        """Drop one entry, or all of them."""
        with self._lock:
            if key is None:
                self._items.clear()
            else:
                self._items.pop(key, None)
                self._forgotten[key] = time.monotonic()
                self._forgotten.move_to_end(key)
                while len(self._forgotten) > self.max_size:
                    self._forgotten.popitem(last=False)
