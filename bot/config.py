"""Settings: the one place that reads the environment (and `.env`).

Usage::

    settings = load_settings()            # environment + .env; raises ConfigError on a bad value
    settings = Settings(fetch_allow_private=True, _env_file=None)   # tests build their own

Everything else receives a `Settings` object; nothing else reads `os.environ`.
"""

from __future__ import annotations

from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url  # URL syntax only: the database layer is bot.db

from bot.errors import ConfigError
from bot.redaction import redact_url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # --- Slack -------------------------------------------------------------------------------
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    port: int = Field(3000, ge=0, le=65535)

    # --- storage -----------------------------------------------------------------------------
    database_url: str = "sqlite:///verdict.db"
    brief_retention_days: int = Field(0, ge=0)  # forget briefs after N days (bot.db.retention); 0 = keep

    # --- summarising -------------------------------------------------------------------------
    summarizer: Literal["heuristic", "openai"] = "heuristic"
    openai_base_url: str | None = None
    openai_api_key: SecretStr | None = None
    openai_model: str | None = None
    openai_max_input_tokens: int = Field(6000, ge=200)
    openai_timeout: float = Field(60.0, gt=0)
    openai_concurrency: int = Field(2, ge=1)
    openai_max_retries: int = Field(3, ge=0)

    # --- digests -----------------------------------------------------------------------------
    digest_schedule: str = "0 9 * * 1-5"
    digest_timezone: str = "UTC"
    digest_misfire_grace_seconds: int = Field(6 * 3600, ge=0)
    digest_post_empty: bool = False

    # --- fetching ----------------------------------------------------------------------------
    fetch_allow_private: bool = False
    fetch_timeout: float = Field(10.0, gt=0)
    fetch_max_bytes: int = Field(5_000_000, ge=1024)
    fetch_per_host_limit: int = Field(3, ge=1)

    # --- link workers ------------------------------------------------------------------------
    worker_count: int = Field(4, ge=1, le=64)
    links_per_message: int = Field(5, ge=1, le=50)
    summarize_bot_messages: bool = True
    reuse_window_hours: float = Field(24.0, ge=0)
    job_max_attempts: int = Field(4, ge=1)
    job_lease_seconds: int = Field(20, ge=5)
    cpu_task_timeout: float = Field(20.0, gt=0)  # seconds of extraction + summarising per page

    # --- follow-ups (bot.followups): open requests followed to their outcome ---------------------
    followups_enabled: bool = True
    followup_interval_seconds: float = Field(5.0, gt=0, le=3600)
    followup_recheck_days: int = Field(30, ge=0, le=365)  # 0 = never re-fetch an open request's page

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token_prefix(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value() and not value.get_secret_value().startswith("xoxb-"):
            raise ValueError("must start with xoxb-")
        return value or None

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_prefix(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value() and not value.get_secret_value().startswith("xapp-"):
            raise ValueError("must start with xapp-")
        # an empty SLACK_APP_TOKEN= line in .env means "not set": HTTP mode
        return value if value is not None and value.get_secret_value() else None

    @field_validator("slack_signing_secret", "openai_api_key")
    @classmethod
    def _empty_secret_is_unset(cls, value: SecretStr | None) -> SecretStr | None:
        return value if value is not None and value.get_secret_value() else None

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        # slack_sdk joins method names onto it, so it must end with a slash
        return value if value.endswith("/") else value + "/"

    @field_validator("openai_base_url", "openai_model")
    @classmethod
    def _openai_endpoint(cls, value: str | None, info) -> str | None:
        value = (value or "").strip()
        if not value:
            return None  # an empty OPENAI_BASE_URL= line in .env means "not set"
        if info.field_name == "openai_base_url":
            if not value.startswith(("http://", "https://")):
                raise ValueError("must be an http(s) URL including the version path, e.g. https://api.openai.com/v1")
            # the client appends /chat/completions
            return value.rstrip("/")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        # Heroku hands out postgres:// URLs; SQLAlchemy 2 wants an explicit dialect and driver.
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix):]
        if "://" not in value:
            raise ValueError("must be a SQLAlchemy URL, e.g. sqlite:///verdict.db")
        _check_sqlalchemy_url(value)
        return value

    @field_validator("digest_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("unknown IANA timezone (e.g. Europe/Berlin)") from None
        return value

    @field_validator("digest_schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        value = " ".join(value.split())
        if value.lower() == "off":
            return "off"
        if len(value.split()) != 5:
            raise ValueError("must be a 5-field crontab such as '0 9 * * 1-5', or 'off'")
        return value

    @property
    def digests_enabled(self) -> bool:
        return self.digest_schedule != "off"


def _check_sqlalchemy_url(value: str) -> None:
    """ValueError (a fixed message: SQLAlchemy's own quotes the URL, password and all) unless it parses."""
    try:
        make_url(value).port  # noqa: B018 - the port is parsed lazily on some versions
    except Exception:
        raise ValueError("is not a valid SQLAlchemy URL (scheme://user:password@host:port/database)") from None


def describe_validation_error(error: ValidationError) -> str:
    """One line naming the first bad variable, e.g. `FETCH_TIMEOUT: Input should be a valid number`."""
    first = error.errors()[0]
    name = str(first["loc"][0]).upper() if first["loc"] else "settings"
    message = first["msg"].removeprefix("Value error, ")
    given = first.get("input")
    if isinstance(given, str):
        given = redact_url(given)  # a URL's password or query key is never shown (DATABASE_URL, OPENAI_BASE_URL)
    if isinstance(given, str) and "TOKEN" not in name and "SECRET" not in name and "KEY" not in name:
        return f"{name}={given!r}: {message}"
    return f"{name}: {message}"


def load_settings(**overrides) -> Settings:
    """Read the environment and `.env`; raise ConfigError with one line on a bad value."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        raise ConfigError(describe_validation_error(error)) from None
