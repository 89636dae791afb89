"""Issue 11 item 5: a malformed DATABASE_URL or OPENAI_BASE_URL never prints its password or key.

The real command line in a subprocess (what an operator sees), and `load_settings` (the one line).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.errors import ConfigError
from bot.redaction import redact_text, redact_url

REPO = Path(__file__).resolve().parents[1]
SECRETS = ("s3cret", "sk-123", "sk-456", "qq-pass")


def run_cli(tmp_path, *args, **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items()
               if not k.startswith(("SLACK_", "OPENAI_", "DATABASE_", "SUMMARIZER"))}
    environ.update(PYTHONPATH=str(REPO), **env)
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=tmp_path, env=environ, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://app:s3cret@db.internal:notaport/verdict",   # SQLAlchemy's parse error quotes it all
    "app:s3cret@db.internal/verdict",                                  # the scheme forgotten
    "postgresql+psycopg://app:s3cret@db.internal/verdict?password=qq-pass&sslmode=x y",
    "nonsense+driver://app:s3cret@db.internal/verdict?key=qq-pass",    # unknown dialect, at start-up
])
def test_a_bad_database_url_is_named_without_its_secrets(tmp_path, url):
    result = run_cli(tmp_path, "digest", "--channel", "C1", "--dry-run", DATABASE_URL=url,
                     SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="x")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for secret in SECRETS:
        assert secret not in result.stderr, result.stderr


def test_an_unreachable_database_is_one_line_without_the_password(tmp_path):
    result = run_cli(tmp_path, "digest", "--channel", "C1", "--dry-run",
                     DATABASE_URL="postgresql+psycopg://app:s3cret@127.0.0.1:1/verdict?password=qq-pass",
                     SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="x")
    assert result.returncode != 0 and "DATABASE_URL" in result.stderr
    assert not any(secret in result.stderr for secret in SECRETS), result.stderr


@pytest.mark.parametrize("url", [
    "htp://key:sk-123@llm.internal/v1?api-key=sk-456",   # not http(s)
    "ftp://llm.internal/v1?api-key=sk-456",
])
def test_a_bad_openai_base_url_is_named_without_its_key(tmp_path, url):
    (tmp_path / "a.txt").write_text("Headline\nThe council approved the request.\n")
    result = run_cli(tmp_path, "summarize", "a.txt", SUMMARIZER="openai", OPENAI_BASE_URL=url,
                     OPENAI_API_KEY="sk-789", OPENAI_MODEL="m")
    assert result.returncode == 2
    assert result.stderr.startswith("verdict: configuration error: OPENAI_BASE_URL=")
    assert "llm.internal" in result.stderr  # the rest is shown: it says what is wrong
    for secret in (*SECRETS, "sk-789"):
        assert secret not in result.stderr, result.stderr


def test_load_settings_redacts_in_its_one_line(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "mysql://root:s3cret@localhost:port/db")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "s3cret" not in str(caught.value) and "DATABASE_URL=" in str(caught.value)


def test_redaction_rules():
    assert redact_url("postgresql+psycopg://app:s3cret@db:5432/v?sslpassword=x&a=b#f") == \
        "postgresql+psycopg://***@db:5432/v?sslpassword=***&a=***#f"
    assert redact_url("app:s3cret@db/v") == "***@db/v"
    assert redact_url("postgresql://u:pa/ss?w@host/db") == "postgresql://***@host/db"  # a '/' in the password
    assert redact_url("sqlite:///verdict.db") == "sqlite:///verdict.db"
    assert redact_url("https://api.openai.com/v1") == "https://api.openai.com/v1"
    assert redact_text("failed for 'https://k:sk-1@x/v1?key=sk-2' now") == "failed for 'https://***@x/v1?key=***' now"
