"""Settings: every contract variable, defaults, and one clear line for a bad value."""

import subprocess
import sys

import pytest

from bot.config import Settings, load_settings
from bot.errors import ConfigError


def test_defaults_match_the_contract(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    settings = Settings(_env_file=None)
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.port == 3000
    assert settings.database_url == "sqlite:///verdict.db"
    assert settings.summarizer == "heuristic"
    assert settings.digest_schedule == "0 9 * * 1-5"
    assert settings.digest_timezone == "UTC"
    assert settings.fetch_allow_private is False
    assert settings.fetch_timeout == 10
    assert settings.fetch_max_bytes == 5_000_000


def test_environment_and_dotenv_are_read(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("FETCH_TIMEOUT=3.5\nPORT=8080\n")
    monkeypatch.setenv("PORT", "9090")  # the environment wins over .env
    settings = load_settings()
    assert settings.fetch_timeout == 3.5
    assert settings.port == 9090


def test_heroku_postgres_url_is_accepted():
    settings = Settings(_env_file=None, database_url="postgres://u:p@db.example:5432/verdict")
    assert settings.database_url == "postgresql+psycopg://u:p@db.example:5432/verdict"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("FETCH_TIMEOUT", "abc", "FETCH_TIMEOUT='abc'"),
        ("PORT", "eighty", "PORT='eighty'"),
        ("FETCH_ALLOW_PRIVATE", "maybe", "FETCH_ALLOW_PRIVATE='maybe'"),
        ("SUMMARIZER", "gpt", "SUMMARIZER='gpt'"),
        ("DIGEST_TIMEZONE", "Mars/Olympus", "DIGEST_TIMEZONE='Mars/Olympus': unknown IANA timezone"),
        ("DIGEST_SCHEDULE", "sometimes", "DIGEST_SCHEDULE='sometimes'"),
        ("SLACK_BOT_TOKEN", "xoxp-123", "SLACK_BOT_TOKEN: must start with xoxb-"),
        ("SLACK_APP_TOKEN", "xoxb-123", "SLACK_APP_TOKEN: must start with xapp-"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_variable(monkeypatch, tmp_path, variable, value, expected):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(expected)
    assert "\n" not in message


def test_tokens_are_never_echoed(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "not-a-token-SECRET123")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "SECRET123" not in str(caught.value)


def test_command_line_stops_with_one_line(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "FETCH_TIMEOUT": "abc"}
    result = subprocess.run([sys.executable, "-m", "bot", "summarize", "x.txt"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "FETCH_TIMEOUT" in lines[0] and "Traceback" not in result.stderr
