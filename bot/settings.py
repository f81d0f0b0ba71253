"""Settings from the environment and `.env`, validated once at start-up.

Every problem is turned into one sentence for the operator (see `SettingsProblem`), because the
person who reads it is usually setting the bot up for the first time and needs to know what to fix,
not where in pydantic the check failed.
"""

from __future__ import annotations

import re
from functools import cached_property
from importlib.resources import files
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

Language = Literal["kk", "ru", "en"]
LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")

_TOKEN_RE = re.compile(r"^\d{5,16}:[A-Za-z0-9_-]{30,64}$")
_SUPPORTED_DRIVERS = {"sqlite+aiosqlite", "postgresql+asyncpg"}


def load_zone(name: str) -> ZoneInfo:
    """A zone from the tzdata package, never from the system's zoneinfo.

    Kazakhstan moved to UTC+5 on 1 March 2024; a system database older than that would shift
    every time shown by an hour, so the pinned tzdata package is the only source used.
    """
    if not name or name.startswith(("/", ".")) or ".." in name:
        raise ValueError(name)
    try:
        resource = files("tzdata.zoneinfo").joinpath(*name.split("/"))
        with resource.open("rb") as handle:
            return ZoneInfo.from_file(handle, key=name)
    except (OSError, ValueError) as exc:
        raise ValueError(name) from exc


class SettingsProblem(Exception):
    """A configuration mistake, described in one sentence an operator can act on."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    # Optional here so that operator commands (migrate, grant) run without it; `token()` insists.
    bot_token: SecretStr | None = None
    telegram_api_url: str | None = None
    database_url: str = "sqlite+aiosqlite:///data/birgemiz.db"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    timezone: str = "Asia/Almaty"
    default_language: Language = "kk"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Optional: FSM state in Redis instead of the database, for several bot processes.
    redis_url: str | None = None
    # Messages a second the delivery engine sends to many chats (Telegram allows about 30 in
    # all; the rest is left for answering people who are talking to the bot right now).
    delivery_per_second: float = Field(default=25.0, gt=0, le=30)
    # Tests only: a file holding seconds to add to the system time (see bot/clock.py).
    clock_offset_file: str | None = None
    # How often the session job looks for reminders, feedback requests and nudges to queue.
    session_job_seconds: float = Field(default=60.0, gt=0, le=3600)
    # Reminders before a session, in hours, e.g. "24,1".
    reminder_hours: Annotated[tuple[float, ...], NoDecode] = (24.0, 1.0)
    # How long getUpdates waits on the server; short values only make sense in tests.
    polling_timeout: int = Field(default=30, ge=0, le=50)

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if not _TOKEN_RE.match(value.get_secret_value().strip()):
            raise ValueError("token_shape")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s;]+", value.strip()) if p]
            return frozenset(int(p) for p in parts)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("reminder_hours", mode="before")
    @classmethod
    def _hours(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(float(p) for p in re.split(r"[,\s;]+", value.strip()) if p)
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError as exc:
            raise ValueError("database_url_shape") from exc
        if url.drivername not in _SUPPORTED_DRIVERS:
            raise ValueError("database_url_driver")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            load_zone(value)
        except ValueError as exc:
            raise ValueError("timezone_unknown") from exc
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not re.match(r"^https?://[^\s/]+", value.strip()):
            raise ValueError("api_url_shape")
        return value.strip().rstrip("/")

    @cached_property
    def zone(self) -> ZoneInfo:
        return load_zone(self.timezone)

    def token(self) -> str:
        if self.bot_token is None:
            raise SettingsProblem(_EXPLANATIONS[("bot_token", "missing")])
        return self.bot_token.get_secret_value()


_EXPLANATIONS: dict[tuple[str, str], str] = {
    ("bot_token", "missing"): (
        "BOT_TOKEN is not set: get a token from @BotFather in Telegram and put "
        "BOT_TOKEN=123456:ABC... into the .env file (see .env.example)."
    ),
    ("bot_token", "token_shape"): (
        "BOT_TOKEN does not look like a token from @BotFather (digits, a colon, then 35 letters, "
        "digits, '-' or '_'): copy it again into the .env file."
    ),
    ("database_url", "database_url_shape"): (
        "DATABASE_URL is not a database URL: use sqlite+aiosqlite:///data/birgemiz.db or "
        "postgresql+asyncpg://user:password@host/dbname."
    ),
    ("database_url", "database_url_driver"): (
        "DATABASE_URL must use the sqlite+aiosqlite:// or postgresql+asyncpg:// driver."
    ),
    ("timezone", "timezone_unknown"): (
        "TIMEZONE is not a known IANA time zone: use a name such as Asia/Almaty."
    ),
    ("reminder_hours", "float"): (
        "REMINDER_HOURS must be hours before a session, separated by commas, e.g. 24,1."
    ),
    ("admin_ids", "int"): (
        "ADMIN_IDS must be Telegram user ids (numbers) separated by commas, "
        "e.g. 123456789,987654321."
    ),
    ("telegram_api_url", "api_url_shape"): (
        "TELEGRAM_API_URL must be the http:// or https:// address of a Bot API server, "
        "or be left empty."
    ),
}


def _explain(error: dict[str, object]) -> str:
    field = str(error["loc"][0]) if error.get("loc") else "settings"  # type: ignore[index]
    message = str(error.get("msg", ""))
    kind = str(error.get("type", ""))
    for (name, code), sentence in _EXPLANATIONS.items():
        if name == field and (code == kind or code in message or code in kind):
            return sentence
    if field in ("admin_ids", "reminder_hours"):
        return next(v for (name, _), v in _EXPLANATIONS.items() if name == field)
    return f"{field.upper()} is not valid ({message}): see .env.example for the expected form."


def load_settings(**overrides: object) -> Settings:
    """Read and validate settings, raising `SettingsProblem` with a sentence for the operator."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsProblem(_explain(exc.errors()[0])) from None  # type: ignore[arg-type]
