"""A summariser for the CPU-deadline tests, importable by name in the worker's spawned CPU process:
the real heuristic summariser, except that a page whose link contains "runon" never finishes
(a stand-in for the quadratic run-on sentence of issue 11)."""

from __future__ import annotations

import time

from bot.summarizers.heuristic import HeuristicSummarizer


class SlowOnRunOn:
    name = "heuristic"
    cpu_bound = True

    def __init__(self):
        self._inner = HeuristicSummarizer()

    def summarize(self, article):
        if "runon" in article.source:
            while True:  # pure CPU, holding the GIL between bytecodes: only killing the process stops it
                pass
        return self._inner.summarize(article)


class SlowToStart:
    """The heuristic summariser, except that each CPU child takes START_SECONDS to unpickle it (a
    stand-in for a slow start-up on a loaded host: spawning, imports, tables)."""

    name = "heuristic"
    cpu_bound = True
    START_SECONDS = 3.0

    def __init__(self):
        self._inner = HeuristicSummarizer()

    def __setstate__(self, state):
        time.sleep(self.START_SECONDS)
        self.__dict__.update(state)

    def summarize(self, article):
        return self._inner.summarize(article)
