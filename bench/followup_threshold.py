"""Measure the follow-up match threshold (bot.followups.matching.THRESHOLD) on hand-written pairs.

    python bench/followup_threshold.py

Each pair is two requests between the same parties, as the heuristic summariser words them in a
"pending" article and in a later "decided" one: `same` pairs are one request reworded, `different`
pairs are another request of the same requester to the same decider. Names never differ here (that
is step 1 and 2 of the rule); this measures step 3 only. All text is written for this file.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.followups.matching import THRESHOLD, overlap, request_words  # noqa: E402

SAME = [
    ("to build a new bus depot on the river bank, a project it had planned for six years",
     "to build a new bus depot on the river bank"),
    ("to purchase Cheongung air-defence missiles and counter-artillery radars",
     "to buy Cheongung missiles and radars"),
    ("for a licence to extend opening hours until 2 am at weekends", "to extend its opening hours to 2 am"),
    ("to merge with its rival brewer Hopfield", "for its merger with Hopfield"),
    ("for 40 more night flights a year", "to allow 40 additional night flights"),
    ("for a 6% pay rise for all rail workers", "a pay rise of 6% for rail workers"),
    ("to hold the summer festival in the park for an extra weekend", "to extend the park festival by a weekend"),
    ("for an injunction to stop the publication of the memoir", "to block publication of the memoir"),
    ("to drill two exploration wells off the northern coast", "permission for two exploration wells off the coast"),
    ("for funding to repair the flood defences along the harbour", "money to repair the harbour flood defences"),
    ("to extradite the former minister to face fraud charges", "the extradition of the former minister"),
    ("to raise the speed limit on the coastal road to 70 km/h", "a higher speed limit on the coastal road"),
]
DIFFERENT = [
    ("to build a new bus depot on the river bank", "to raise parking fees in the town centre"),
    ("to purchase Cheongung air-defence missiles", "to train pilots at South Korean bases"),
    ("for a licence to extend opening hours until 2 am", "to put tables on the pavement outside the bar"),
    ("to merge with its rival brewer Hopfield", "to close its bottling plant in Lindau"),
    ("for 40 more night flights a year", "to build a second runway"),
    ("for a 6% pay rise for all rail workers", "to cap weekly working hours at 35"),
    ("to hold the summer festival in the park for an extra weekend", "to sell alcohol at the festival until midnight"),
    ("for an injunction to stop the publication of the memoir", "for damages over a newspaper article"),
    ("to drill two exploration wells off the northern coast", "to extend the pipeline to the southern port"),
    ("for funding to repair the flood defences along the harbour", "to dredge the harbour entrance"),
    ("to extradite the former minister to face fraud charges", "to freeze the former minister's bank accounts"),
    ("to raise the speed limit on the coastal road", "to close the coastal road to lorries at night"),
    ("to build a new school on the old hospital site", "to build new homes on the old hospital site"),
]


class _R:
    def __init__(self, request: str):
        self.request, self.title = request, None


def scores(pairs):
    return [overlap(request_words(_R(a)), request_words(_R(b))) for a, b in pairs]


def main() -> int:
    same, different = scores(SAME), scores(DIFFERENT)
    print(f"same request reworded ({len(same)}):   " + " ".join(f"{s.value:.2f}" for s in sorted(same, key=lambda s: s.value)))
    print(f"different requests     ({len(different)}): " + " ".join(f"{s.value:.2f}" for s in sorted(different, key=lambda s: s.value)))
    best = max((sum(s.value >= t for s in same) + sum(s.value < t for s in different), -abs(t - THRESHOLD), t)
               for t in [i / 100 for i in range(5, 96)])
    print(f"min same {min(s.value for s in same):.2f}, max different {max(s.value for s in different):.2f}; "
          f"best accuracy {best[0]}/{len(same) + len(different)} at threshold {best[2]:.2f}")
    ok = sum(s.value >= THRESHOLD for s in same) + sum(s.value < THRESHOLD for s in different)
    print(f"THRESHOLD = {THRESHOLD}: {ok}/{len(same) + len(different)} right")
    for (a, b), s in zip(SAME + DIFFERENT, same + different, strict=True):
        print(f"  {s.value:.2f}  {a!r} ~ {b!r}: {s.explain()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
