"""A `python -m bot digest --channel C` process that stops dead at a named step (for the SIGKILL tests).

    python tests/digest_child.py STEP -- digest --channel C0GENERAL

Settings come from the environment as in production (bot.config reads it). The step to stop at comes
from argv and is installed as `bot.digests.digester.STEP_HOOK`: every step is printed as `STEP name`; at STEP
the process prints `PAUSED name` and waits to be killed.
"""

from __future__ import annotations

import sys
import time

import bot.digests.digester
from bot.__main__ import main


def install(stop_at: str) -> None:
    def hook(name: str) -> None:
        print(f"STEP {name}", flush=True)
        if name == stop_at:
            print(f"PAUSED {name}", flush=True)
            time.sleep(600)

    bot.digests.digester.STEP_HOOK = hook


if __name__ == "__main__":
    stop_at, separator, *args = sys.argv[1:]
    assert separator == "--"
    install(stop_at)
    sys.exit(main(args))
