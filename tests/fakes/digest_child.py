"""A `python -m bot digest --channel C` process that stops dead at a named step (for the SIGKILL tests).

    python tests/fakes/digest_child.py STEP -- digest --channel C0GENERAL

Settings come from the environment as in production (bot.config reads it). The step to stop at comes
from argv and is passed as the digester's `on_step`: every step is printed as `STEP name`; at STEP
the process prints `PAUSED name` and waits to be killed.
"""

from __future__ import annotations

import sys
import time

from bot.cli.digest import run_digest_command
from bot.config import load_settings


def install(stop_at: str) -> None:
    def hook(name: str) -> None:
        print(f"STEP {name}", flush=True)
        if name == stop_at:
            print(f"PAUSED {name}", flush=True)
            time.sleep(600)

    return hook


if __name__ == "__main__":
    stop_at, separator, command, flag, channel = sys.argv[1:]
    assert (separator, command, flag) == ("--", "digest", "--channel")
    sys.exit(run_digest_command(load_settings(), channel, False, on_step=install(stop_at)))
