"""Posts that must wait for their channel's pace, without holding a link worker.

    posting = PostingQueue(pacer)                  # bot.slack.client.ChannelPacer: 1 post/s/channel
    if posting.must_wait("C1"):
        posting.submit("C1", lambda: post_and_record(...))   # runs when C1 is free; the worker moves on
    posting.busy_channels()                        # {"C1": 3} posts waiting per channel
    posting.close(timeout=5)

Why: Slack takes about one post per second per channel. When that pace slept inside a link worker,
twenty messages of five links in twenty channels took 41 s instead of ~5: the workers, claiming
first-in first-out, all ended up asleep on the same channel. Here each channel has its own queue
with a due time (the pacer's), a single timer thread hands each channel's next post to a few
posting threads when it is due, and the workers go on fetching other channels' links. The
workers also claim by channel (`bot.jobs.workers`): a channel with posts waiting gets no new
claims until its queue drains, so the queue stays short.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

logger = logging.getLogger(__name__)

PARK_THRESHOLD_SECONDS = 0.05  # a post due sooner than this is made right away, in the caller's thread


class PostingQueue:
    def __init__(self, pacer, *, threads: int = 4, clock: Callable[[], float] = time.monotonic):
        self._pacer = pacer
        self._clock = clock
        self._lock = threading.Condition()
        self._queues: dict[str, deque[Callable[[], None]]] = {}
        self._heap: list[tuple[float, int, str]] = []  # (due, seq, channel): channels whose head waits
        self._seq = itertools.count()
        self._running: set[str] = set()  # channels whose head is being posted right now
        self._closed = False
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="verdict-post")
        self._timer = threading.Thread(target=self._run, name="verdict-post-timer", daemon=True)
        self._timer.start()

    def must_wait(self, channel: str) -> bool:
        """True when a post to `channel` now would wait for the pace (or behind queued posts)."""
        with self._lock:
            if channel in self._queues:
                return True
        return self._pacer.due(channel) - self._clock() > PARK_THRESHOLD_SECONDS

    def submit(self, channel: str, post: Callable[[], None]) -> None:
        """Run `post()` once `channel` is free, after the posts queued for it before."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the posting queue is closed")
            queue = self._queues.get(channel)
            if queue is None:
                self._queues[channel] = queue = deque()
                heapq.heappush(self._heap, (self._pacer.due(channel), next(self._seq), channel))
                self._lock.notify()
            queue.append(post)

    def busy_channels(self) -> dict[str, int]:
        """{channel: posts waiting or being made}."""
        with self._lock:
            return {channel: len(queue) for channel, queue in self._queues.items()}

    def pending(self) -> int:
        with self._lock:
            return sum(len(queue) for queue in self._queues.values())

    def close(self, timeout: float = 10.0) -> None:
        """Make the posts already due, drop the timer; queued posts not yet due are left (their jobs'
        leases run out, or the caller hands them back)."""
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        self._timer.join(timeout)
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._closed and (not self._heap or self._heap[0][0] > self._clock()):
                    self._lock.wait(None if not self._heap else max(self._heap[0][0] - self._clock(), 0.001))
                if self._closed:
                    return
                _, _, channel = heapq.heappop(self._heap)
                self._running.add(channel)
            self._executor.submit(self._post_head, channel)

    def _post_head(self, channel: str) -> None:
        with self._lock:
            post = self._queues[channel][0]
        try:
            post()
        except Exception:
            logger.exception("a queued post to %s failed", channel)
        finally:
            with self._lock:
                queue = self._queues[channel]
                queue.popleft()
                self._running.discard(channel)
                if queue and not self._closed:
                    heapq.heappush(self._heap, (self._pacer.due(channel), next(self._seq), channel))
                    self._lock.notify()
                elif not queue:
                    del self._queues[channel]
