"""The golden briefs: every seed and synthetic test article's brief, diffed against a snapshot.

A failure lists which brief changed and how. When the change is intended, regenerate with
`python bench/golden.py --update` and commit the new `tests/summarizers/golden.jsonl`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _golden():
    spec = importlib.util.spec_from_file_location("verdict_golden", REPO / "bench" / "golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_briefs_match_the_snapshot() -> None:
    golden = _golden()
    diff = golden.differences(golden.current(), golden.stored())
    assert not diff, "briefs changed (python bench/golden.py --update if intended):\n" + "\n".join(diff)
