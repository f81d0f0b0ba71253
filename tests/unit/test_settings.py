"""Settings: what an operator sees when a setting is wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings, SettingsProblem, load_settings

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"


def settings(**env: str) -> Settings:
    return load_settings(_env_file=None, **{k.lower(): v for k, v in env.items()})


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name in {"BOT_TOKEN", "DATABASE_URL", "ADMIN_IDS", "TIMEZONE", "TELEGRAM_API_URL"}:
            monkeypatch.delenv(name)


def test_defaults_are_kazakh_and_almaty() -> None:
    loaded = settings(bot_token=TOKEN)
    assert loaded.default_language == "kk"
    assert loaded.timezone == "Asia/Almaty"
    assert loaded.database_url == "sqlite+aiosqlite:///data/birgemiz.db"
    assert loaded.token() == TOKEN


def test_admin_ids_accept_commas_and_spaces() -> None:
    loaded = settings(bot_token=TOKEN, admin_ids="111, 222 333")
    assert loaded.admin_ids == frozenset({111, 222, 333})


@pytest.mark.parametrize(
    ("env", "sentence"),
    [
        ({"bot_token": "not-a-token"}, "BOT_TOKEN does not look like a token"),
        ({"bot_token": TOKEN, "database_url": "mysql://x/y"}, "DATABASE_URL must use"),
        ({"bot_token": TOKEN, "database_url": "::nonsense::"}, "DATABASE_URL is not a database"),
        ({"bot_token": TOKEN, "timezone": "Asia/Nowhere"}, "TIMEZONE is not a known"),
        ({"bot_token": TOKEN, "admin_ids": "12,abc"}, "ADMIN_IDS must be Telegram user ids"),
        ({"bot_token": TOKEN, "telegram_api_url": "ftp://x"}, "TELEGRAM_API_URL must be"),
    ],
)
def test_a_bad_setting_is_explained_in_one_sentence(env: dict[str, str], sentence: str) -> None:
    with pytest.raises(SettingsProblem) as problem:
        settings(**env)
    assert str(problem.value).startswith(sentence)
    assert "\n" not in str(problem.value)


def test_a_missing_token_is_reported_only_when_the_bot_must_run() -> None:
    loaded = settings()
    with pytest.raises(SettingsProblem, match="BOT_TOKEN is not set"):
        loaded.token()


def test_postgres_url_is_accepted() -> None:
    url = "postgresql+asyncpg://birgemiz:secret@localhost/birgemiz"
    assert settings(bot_token=TOKEN, database_url=url).database_url == url


def run_bot(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "TIMEZONE"}}
    clean.update(env)
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,  # no .env there
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_starting_without_a_token_says_how_to_set_it(tmp_path: Path) -> None:
    result = run_bot({}, tmp_path)
    assert result.returncode == 2
    assert "BOT_TOKEN is not set" in result.stderr
    assert "@BotFather" in result.stderr
    assert "Traceback" not in result.stderr


def test_starting_with_an_unknown_zone_stops_without_traceback(tmp_path: Path) -> None:
    result = run_bot({"BOT_TOKEN": TOKEN, "TIMEZONE": "Europe/Atlantis"}, tmp_path)
    assert result.returncode == 2
    assert "TIMEZONE is not a known IANA time zone" in result.stderr
    assert "Traceback" not in result.stderr
