"""`python -m bot serve` as a real child process, for the crash and restart tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from fakes.patience import patience
from fakes.signing import SECRET
from fakes.slack import FakeSlack

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_env(slack: FakeSlack, db_url: str, port: int, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "PORT"))}
    env.update(SLACK_BOT_TOKEN="xoxb-test-token", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=slack.api_url,
               PORT=str(port), DATABASE_URL=db_url, FETCH_ALLOW_PRIVATE="true", PYTHONPATH=str(REPO),
               LOG_LEVEL="INFO")
    env.update(extra)
    return env


def start_serve(env: dict, cwd: Path) -> subprocess.Popen:
    # cwd is a temporary folder: no .env of the developer's leaks in
    return subprocess.Popen([sys.executable, "-m", "bot", "serve", "--no-scheduler"], env=env, cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_healthy(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + patience(timeout)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited early:\n{process.stdout.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("serve never became healthy")


