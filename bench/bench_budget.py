#!/usr/bin/env python3
"""The heuristic summariser's worst cases, in wall-clock seconds (target: each < 2 s).

    python bench/bench_budget.py            # median of 3 runs per case

tests/summarizers/test_budget.py checks the same inputs in CPU seconds (stable under a loaded
machine); this prints what a worker actually waits.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.models import Article  # noqa: E402
from bot.summarizers.heuristic import HeuristicSummarizer  # noqa: E402

UNIT = "The committee met again and the members talked about the harbour plan at length, "
CASES = {
    "1 MB, one paragraph": ("A long meeting", (UNIT * (1_000_000 // len(UNIT) + 1))[:1_000_000]),
    "1.2 MB of deciding sentences": ("Plan rejected", "The council rejected the plan. " * 40_000),
    "quotes and dashes": (None, ("'" * 5000 + " by " + "-" * 5000 + " , ") * 20),
    # one long sentence of reason cues that each need a look ahead ("until later", "since 2003", "due to")
    "120 KB of reason cues": ("Plan refused", "The council refused the plan on Monday, citing noise. It waited"
                              + " until later, since 2003, is due to take," * 3000 + " and nothing changed."),
}


def main() -> int:
    summarizer = HeuristicSummarizer()
    summarizer.summarize(Article(source="warm.txt", title="Warm", text="The board approved the plan."))
    worst = 0.0
    for name, (title, text) in CASES.items():
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            summarizer.summarize(Article(source="case.txt", title=title, text=text))
            runs.append(time.perf_counter() - started)
        median = statistics.median(runs)
        worst = max(worst, median)
        print(f"{name:32s} {median:6.3f} s  (runs: {', '.join(f'{r:.3f}' for r in runs)})")
    print(f"worst median {worst:.3f} s; target < 2 s: {'met' if worst < 2 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
