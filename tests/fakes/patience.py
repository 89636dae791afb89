"""How long a test waits for something that should happen.

    deadline = time.monotonic() + patience(10)

A wait for an expected event returns as soon as it happens, so a longer bound costs nothing when the
code works; it only keeps a loaded machine (parallel test workers, a busy CI host) from failing a
test that is merely slow. `VERDICT_TEST_PATIENCE` scales every such wait (default 4). Absence checks
never use it: they wait on `Running.settled()`.
"""

from __future__ import annotations

import os

SCALE = max(1.0, float(os.environ.get("VERDICT_TEST_PATIENCE", "4")))


def patience(seconds: float) -> float:
    return seconds * SCALE
