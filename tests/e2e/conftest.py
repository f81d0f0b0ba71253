"""End-to-end fixtures: the fake Bot API server and the real bot process talking to it."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.botprocess import BotProcess
from tests.e2e.conversation import Person
from tests.e2e.fake_telegram import FakeTelegram, RecordedCall

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
ADMIN_ID = 900_000_001


class RunningBot:
    """The bot process plus what a test needs to restart it and to look into its database."""

    def __init__(self, fake: FakeTelegram, tmp_path: Path) -> None:
        self.fake = fake
        self.db_path = tmp_path / "birgemiz.db"
        self.clock_file = tmp_path / "clock-offset"
        self.clock_file.write_text("0")
        self.process = BotProcess(
            {
                "BOT_TOKEN": TOKEN,
                "TELEGRAM_API_URL": fake.base_url,
                "DATABASE_URL": f"sqlite+aiosqlite:///{self.db_path}",
                "ADMIN_IDS": str(ADMIN_ID),
                "LOG_LEVEL": "INFO",
                "POLLING_TIMEOUT": "5",
                "REDIS_URL": "",
                "CLOCK_OFFSET_FILE": str(self.clock_file),
                "SESSION_JOB_SECONDS": "1",
            },
            log_dir=tmp_path,
        )

    async def start(self) -> None:
        polls_before = len(self.fake.calls_of("getUpdates"))
        await self.process.start()

        def polling(call: RecordedCall) -> bool:
            return (
                call.method == "getUpdates" and len(self.fake.calls_of("getUpdates")) > polls_before
            )

        await self.fake.wait_for(
            polling,
            timeout=30,
            description="the bot polling for updates",
        )

    async def stop(self) -> int:
        return await self.process.stop(timeout=10)

    async def restart(self) -> None:
        assert await self.stop() == 0, self.process.log_tail()
        await self.start()

    async def crash_and_restart(self) -> None:
        self.process.kill()
        await self.process.wait(timeout=10)
        await self.start()

    def travel(self, seconds: float) -> None:
        """Move the bot's clock: it now lives `seconds` after the real time."""
        self.clock_file.write_text(str(seconds))

    def query(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.db_path) as conn:
            return list(conn.execute(sql, params))

    def person(self, user_id: int, first_name: str, language_code: str | None) -> Person:
        return Person(self.fake, self.fake.user(user_id, first_name, language_code))


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server
        assert server.internal_errors == []


@pytest.fixture
async def bot(fake: FakeTelegram, tmp_path: Path) -> AsyncIterator[RunningBot]:
    running = RunningBot(fake, tmp_path)
    await running.start()
    yield running
    if running.process.running:
        code = await running.stop()
        assert code == 0, f"bot exited with {code}:\n{running.process.log_tail()}"
    log = running.process.log_text()
    assert "Traceback" not in log, log[-4000:]
