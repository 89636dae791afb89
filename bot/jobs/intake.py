"""The ack path's group commit (events that arrive together are queued in one transaction), and the
gate that lets acks go before the workers' background steps (AckGate)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from bot.db.engine import Database
from bot.db.jobs import EnqueueRequest, enqueue_many

logger = logging.getLogger(__name__)


class GroupCommit:
    """Acks that arrive together share one transaction: one commit (one fsync) for a whole burst.

        intake = GroupCommit(db)
        new_ids = intake.enqueue(EnqueueRequest(...))     # blocks until committed (or raises)

    SQLite has one writer at a time and a durable commit costs an fsync; sixteen request threads each
    committing their own row queue behind each other (and behind the workers). Here one thread takes
    whatever is pending, inserts it in one `enqueue_many` transaction and wakes the waiting requests:
    the ack still comes only after the row is committed. A failed batch is retried one request at a
    time, so one bad request cannot fail its neighbours; its own error reaches its own ack (a 500, so
    Slack delivers it again).
    """

    def __init__(self, db: Database, *, max_batch: int = 200, timeout: float = 10.0):
        self.db = db
        self.max_batch = max_batch
        self.timeout = timeout
        self._pending: list[_Pending] = []
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False

    def enqueue(self, request: EnqueueRequest) -> list[int]:
        item = _Pending(request)
        with self._cond:
            if self._closed:
                raise RuntimeError("intake is closed")
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="verdict-intake", daemon=True)
                self._thread.start()
            self._pending.append(item)
            self._cond.notify()
        if not item.done.wait(self.timeout):
            raise TimeoutError(f"the database did not take the event within {self.timeout:g} s")
        if item.error is not None:
            raise item.error
        return item.ids

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(self.timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                if not self._pending:
                    return
                batch, self._pending = self._pending[: self.max_batch], self._pending[self.max_batch:]
            try:
                results = enqueue_many(self.db, [item.request for item in batch])
                for item, ids in zip(batch, results, strict=True):
                    item.ids = ids
            except Exception:
                logger.warning("group commit of %d events failed; committing them one by one", len(batch),
                               exc_info=True)
                for item in batch:
                    try:
                        item.ids = enqueue_many(self.db, [item.request])[0]
                    except Exception as error:
                        item.error = error
            for item in batch:
                item.done.set()


@dataclass
class _Pending:
    request: EnqueueRequest
    ids: list[int] = field(default_factory=list)
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


class AckGate:
    """Acks first: background work steps aside while Slack requests are being answered.

        gate = AckGate()
        with gate.answering():            # the HTTP layer, around each Slack request
            ...
        gate.wait_quiet(0.05)             # a worker, before a step: returns when no request is in
                                          # hand, or after 0.05 s at most

    The web process holds one GIL for the ack path and the link workers' threads (claims, database
    writes, posts). During a burst the workers held about half of it, and an ack's median was mostly
    waiting for it: 16 requests in hand, each behind the workers' Python. A worker asks the gate
    before each step and, while requests are in hand, waits for the first quiet moment — never longer
    than its bound, so a steady stream of events slows the workers down but never stops them.
    """

    def __init__(self) -> None:
        self._in_hand = 0
        self._quiet = threading.Condition()

    @property
    def in_hand(self) -> int:
        return self._in_hand

    def enter(self) -> None:
        with self._quiet:
            self._in_hand += 1

    def leave(self) -> None:
        with self._quiet:
            self._in_hand -= 1
            if self._in_hand <= 0:
                self._in_hand = 0
                self._quiet.notify_all()

    @contextmanager
    def answering(self) -> Iterator[None]:
        self.enter()
        try:
            yield
        finally:
            self.leave()

    def wait_quiet(self, timeout: float) -> bool:
        """Wait until no request is in hand, at most `timeout` s; True when quiet."""
        if self._in_hand == 0:  # the common case without a lock: a stale read only shortens a wait
            return True
        with self._quiet:
            return self._quiet.wait_for(lambda: self._in_hand == 0, timeout)
