"""`python -m bot serve` as a real process: crash recovery (SIGKILL), clean SIGTERM, start-up errors."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fakes.pages import ArticleServer
from fakes.process import free_port, serve_env, start_serve, wait_healthy
from fakes.signing import SECRET, message_event, post_event
from fakes.slack import FakeSlack

from bot.cli.serve import Server
from bot.config import Settings
from bot.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def test_killed_after_the_ack_before_the_reply_resumes_within_30_s(db_url, tmp_path):
    with FakeSlack() as slack, ArticleServer(slow_seconds=60, slow_first_only=True) as pages:
        port = free_port()
        env = serve_env(slack, db_url, port, JOB_LEASE_SECONDS="5")  # the shortest lease: less waiting
        first = start_serve(env, tmp_path)
        try:
            wait_healthy(port, first)
            body = message_event("CKILL", f"<{pages.url('/slow/41')}>")
            assert post_event(f"http://127.0.0.1:{port}", body)[0] == 200  # acknowledged …
            assert pages.requested.wait(15)  # … and a worker is fetching it
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        finally:
            if first.poll() is None:
                first.kill()
        assert slack.posts("CKILL") == []

        second = start_serve(env, tmp_path)
        try:
            wait_healthy(port, second)
            restarted_at = time.monotonic()  # serving again: from here the job's lease and one poll remain
            post = slack.wait_for("chat.postMessage", timeout=30,
                                  where=lambda c: c.body.get("_answered") == "ok" and c.body["channel"] == "CKILL")
            assert time.monotonic() - restarted_at < 30
            assert post[0].body["thread_ts"] == body["event"]["ts"]
            assert "rejects request number 41" in str(post[0].body["blocks"])
            time.sleep(2)
            assert len(slack.posts("CKILL")) == 1
        finally:
            second.send_signal(signal.SIGTERM)
            output = second.communicate(timeout=20)[0]
        assert second.returncode == 0, output  # SIGTERM is a clean shutdown
        assert "Traceback" not in output


@pytest.mark.parametrize("env_change,expected", [
    ({"SLACK_BOT_TOKEN": ""}, "SLACK_BOT_TOKEN is not set"),
    ({"SLACK_BOT_TOKEN": "not-a-token"}, "SLACK_BOT_TOKEN"),
    ({"SLACK_SIGNING_SECRET": ""}, "SLACK_SIGNING_SECRET is not set"),
    ({"SLACK_APP_TOKEN": "xoxb-wrong-kind"}, "SLACK_APP_TOKEN"),
])
def test_missing_or_malformed_tokens_stop_start_up_with_one_line(tmp_path, env_change, expected):
    with FakeSlack() as slack:
        env = serve_env(slack, f"sqlite:///{tmp_path / 'v.db'}", free_port(), **env_change)
        result = subprocess.run([sys.executable, "-m", "bot", "serve"], env=env, cwd=tmp_path,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_a_token_slack_refuses_is_a_config_error(tmp_path):
    with FakeSlack() as slack:
        slack.fail("auth.test", "invalid_auth")
        settings = Settings(_env_file=None, slack_bot_token="xoxb-revoked", slack_signing_secret=SECRET,
                            slack_api_url=slack.api_url, port=0, database_url=f"sqlite:///{tmp_path / 'v.db'}")
        server = Server(settings, host="127.0.0.1")
        with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN was refused by Slack"):
            server.start()
        server.stop()


def test_a_step_of_stopping_that_fails_does_not_leave_the_workers_running(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    # the HTTP server's stop failing (as an EBADF once did in CI) used to skip every later step, so
    # the link workers went on polling a database that was gone
    with FakeSlack() as slack:
        settings = Settings(_env_file=None, slack_bot_token="xoxb-test-token", slack_signing_secret=SECRET,
                            slack_api_url=slack.api_url, port=0, database_url=f"sqlite:///{tmp_path / 'v.db'}",
                            worker_count=1)
        server = Server(settings, host="127.0.0.1")
        server.start()
        assert server.pool is not None and server._http is not None
        dispatcher = server.pool._dispatcher
        assert dispatcher is not None and dispatcher.is_alive()
        http = server._http
        real_stop = http.stop

        def failing_stop(timeout: float = 10.0) -> None:
            real_stop(timeout)
            raise OSError(9, "Bad file descriptor")

        http.stop = failing_stop  # type: ignore[method-assign]
        server.stop()

    assert not dispatcher.is_alive()
    assert "stopping the HTTP server failed" in caplog.text
    assert "Verdict stopped" in caplog.text
