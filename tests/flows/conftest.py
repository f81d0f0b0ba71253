"""In-process flows: the real Dispatcher with every router and dialog, the real database, and a
Bot whose session records requests instead of crossing the network (tests/support/telegram.py).

A whole registration runs in milliseconds here; tests/e2e keeps what needs a real process.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiogram import Bot, Dispatcher, Router
from sqlalchemy import func, select

from bot.app import build_dispatcher
from bot.delivery import DeliveryEngine
from bot.settings import Settings
from storage.database import Database
from storage.models import DeliveryStatus, OutboxItem
from tests.support.clock import ManualClock
from tests.support.telegram import Person, RecordingSession

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
ADMIN_ID = 900_000_001


@dataclass
class InProcessBot:
    dispatcher: Dispatcher
    bot: Bot
    session: RecordingSession
    database: Database
    clock: ManualClock

    async def deliver(self, timeout: float = 5.0) -> None:
        """Let the in-process delivery engine send everything that is due, and wait for it."""
        engine: DeliveryEngine = self.dispatcher["delivery_engine"]
        engine.wake()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        busy = (DeliveryStatus.PENDING, DeliveryStatus.SENDING)
        while loop.time() < deadline:
            async with self.database.read() as session:
                left = await session.scalar(
                    select(func.count())
                    .select_from(OutboxItem)
                    .where(OutboxItem.status.in_(busy), OutboxItem.not_before <= self.clock.now())
                )
            if not left:
                return
            await asyncio.sleep(0.02)
        raise AssertionError("the outbox did not drain")

    def person(
        self, user_id: int, first_name: str = "Мұғалім", language_code: str | None = "kk"
    ) -> Person:
        user: dict[str, object] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code is not None:
            user["language_code"] = language_code
        return Person(self.dispatcher, self.bot, self.session, user)


@pytest.fixture
def settings(directory: Database) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        database_url=str(directory.engine.url.render_as_string(hide_password=False)),
        admin_ids=frozenset({ADMIN_ID}),
        redis_url=None,
        clock_offset_file=None,
    )


@pytest.fixture
async def app(
    settings: Settings, directory: Database, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[InProcessBot]:
    session = RecordingSession()
    bot = Bot(TOKEN, session=session)
    delivery_bot = Bot(TOKEN, session=session)
    dispatcher = build_dispatcher(settings, directory, bot, delivery_bot, clock=clock)
    context = {"bot": bot, "bots": [bot], "dispatcher": dispatcher, **dispatcher.workflow_data}
    await dispatcher.emit_startup(**context)
    try:
        yield InProcessBot(dispatcher, bot, session, directory, clock)
    finally:
        await dispatcher.emit_shutdown(**context)
        _unplug(dispatcher)
    assert session.violations == []
    records = caplog.get_records("setup") + caplog.get_records("call") + caplog.records
    failures = [r.getMessage() for r in records if r.levelno >= logging.ERROR]
    assert failures == [], "the bot logged errors:\n" + "\n".join(failures)


# Routers that build_dispatcher makes anew each call; every other router is a module-level
# singleton (a feature's handlers, a dialog) and keeps its own children.
_BUILT_PER_CALL = {"birgemiz", "dialogs"}


def _unplug(router: Router) -> None:
    """aiogram lets a router have one parent: detach the feature routers from this test's
    Dispatcher so the next test's Dispatcher can include them again."""
    for child in router.sub_routers:
        if child.name in _BUILT_PER_CALL:
            _unplug(child)
        child._parent_router = None
    router.sub_routers.clear()
