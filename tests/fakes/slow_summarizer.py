"""A summariser for the CPU-deadline tests, importable by name in the worker's spawned CPU process:
the real heuristic summariser, except that a page whose link contains "runon" never finishes
(a stand-in for the quadratic run-on sentence of issue 11)."""

from __future__ import annotations

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
