"""The delivery engine against a real database and the fake Bot API server over HTTP."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.delivery import DeliveryEngine, DeliveryLimits, Outbox
from storage.database import Database
from storage.repositories.outbox import OutboxRepository
from tests.e2e.fake_telegram import FakeTelegram

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
FAST = DeliveryLimits(per_second=25, concurrency=8, backoff_base=0.2, max_attempts=3)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url))
    client = Bot(TOKEN, session=session)
    yield client
    await session.close()


async def drained(outbox: Outbox, purpose: str, timeout: float = 20.0) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = await outbox.counts(purpose)
        if counts.done:
            return {k: v for k, v in vars(counts).items() if v}
        await asyncio.sleep(0.05)
    raise AssertionError(f"outbox not drained: {await outbox.counts(purpose)}")


async def run_engine(bot: Bot, database: Database, **kwargs: object) -> DeliveryEngine:
    engine = DeliveryEngine(bot, database, FAST, **kwargs)  # type: ignore[arg-type]
    engine.start()
    return engine


async def test_the_same_purpose_is_never_queued_twice_for_a_chat(database: Database) -> None:
    outbox = Outbox(database)
    assert await outbox.send_text("notice:1", [1, 2, 3], "Сәлем") == 3
    assert await outbox.send_text("notice:1", [2, 3, 4], "Сәлем") == 1
    assert (await outbox.counts("notice:1")).pending == 4


async def test_everyone_gets_exactly_one_copy_and_blocked_people_are_reported(
    database: Database, fake: FakeTelegram, bot: Bot
) -> None:
    people = list(range(5001, 5041))
    for person in people:
        fake.add_chat(person)
    fake.block(5003)
    fake.block(5007)
    blocked: list[int] = []

    async def on_blocked(chat_id: int) -> None:
        blocked.append(chat_id)

    outbox = Outbox(database)
    engine = await run_engine(bot, database, on_blocked=on_blocked)
    outbox.on_enqueue(engine.wake)
    await outbox.send_text("notice:2", people, "Ертең онлайн-шеберхана болады")
    counts = await drained(outbox, "notice:2")
    await engine.stop()

    assert counts == {"sent": 38, "blocked": 2}
    assert sorted(blocked) == [5003, 5007]
    for person in people:
        expected = 0 if person in (5003, 5007) else 1
        assert len(fake.sent_to(person)) == expected, person
    assert fake.retry_after_violations == []


async def test_a_429_delays_only_that_chat_and_retry_after_is_honoured(
    database: Database, fake: FakeTelegram, bot: Bot
) -> None:
    for person in (6001, 6002, 6003):
        fake.add_chat(person)
    fake.inject_errors("sendMessage", 429, count=1, retry_after=2)
    outbox = Outbox(database)
    engine = await run_engine(bot, database)
    outbox.on_enqueue(engine.wake)
    started = time.monotonic()
    await outbox.send_text("notice:3", [6001, 6002, 6003], "Еске салу")
    counts = await drained(outbox, "notice:3")
    await engine.stop()
    assert counts == {"sent": 3}
    assert fake.retry_after_violations == []
    refused = [c for c in fake.calls if c.status == 429]
    assert len(refused) == 1
    retried = [c for c in fake.sent_to(refused[0].chat_id)]  # type: ignore[arg-type]
    assert retried[0].time - refused[0].time >= 2.0
    others = [c for c in fake.calls_of("sendMessage") if c.ok and c.chat_id != refused[0].chat_id]
    assert all(c.time - started < 2.0 for c in others), "other chats must not wait"


async def test_server_errors_are_retried_with_backoff_then_given_up(
    database: Database, fake: FakeTelegram, bot: Bot
) -> None:
    fake.add_chat(7001)
    fake.add_chat(7002)
    outbox = Outbox(database)
    engine = await run_engine(bot, database)
    outbox.on_enqueue(engine.wake)
    fake.inject_errors("sendMessage", 502, count=2, description="Bad Gateway")
    await outbox.send_text("notice:4", [7001], "Бір")
    assert await drained(outbox, "notice:4") == {"sent": 1}
    fake.inject_errors("sendMessage", 502, count=10, description="Bad Gateway")
    await outbox.send_text("notice:5", [7002], "Екі")
    assert await drained(outbox, "notice:5") == {"failed": 1}
    await engine.stop()
    async with database.read() as session:
        (item,) = await OutboxRepository(session).items("notice:5")
    assert item.attempts == FAST.max_attempts
    assert item.error is not None
    assert "gave up" in item.error


async def test_a_group_that_became_a_supergroup_is_followed(
    database: Database, fake: FakeTelegram, bot: Bot
) -> None:
    fake.add_chat(-4001, "group", title="Жетекші мектеп")
    fake.migrate_group(-4001, -1004001)
    moved: list[tuple[int, int]] = []

    async def on_migrated(old: int, new: int) -> None:
        moved.append((old, new))

    outbox = Outbox(database)
    engine = await run_engine(bot, database, on_migrated=on_migrated)
    outbox.on_enqueue(engine.wake)
    await outbox.send_text("notice:6", [-4001], "«Біз біргеміз» әдістемелік сағаты")
    assert await drained(outbox, "notice:6") == {"sent": 1}
    await engine.stop()
    assert moved == [(-4001, -1004001)]
    assert len(fake.sent_to(-1004001)) == 1


async def test_a_timeout_is_not_resent_and_a_send_cut_off_by_a_crash_goes_out_on_restart(
    database: Database, fake: FakeTelegram
) -> None:
    fake.add_chat(8001)
    fake.delay("sendMessage", 3.0, count=1)  # Telegram takes it, the answer comes too late
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url), timeout=1.0)
    impatient = Bot(TOKEN, session=session)
    outbox = Outbox(database)
    engine = await run_engine(impatient, database)
    outbox.on_enqueue(engine.wake)
    await outbox.send_text("notice:7", [8001], "Бір рет қана")
    assert await drained(outbox, "notice:7") == {"uncertain": 1}
    await engine.stop()
    await session.close()
    await asyncio.sleep(2.5)
    assert len(fake.calls_of("sendMessage")) == 1

    # A row a crash left in "sending" is sent on the next start: Telegram never got it here.
    async with database.write() as db_session:
        repo = OutboxRepository(db_session)
        await repo.mark_sending((await repo.items("notice:7"))[0].id)
    await outbox.send_text("notice:8", [8001], "Crashed mid-send")
    async with database.write() as db_session:
        repo = OutboxRepository(db_session)
        await repo.mark_sending((await repo.items("notice:8"))[0].id)
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url))
    engine = await run_engine(Bot(TOKEN, session=session), database)
    assert await drained(outbox, "notice:8") == {"sent": 1}
    await engine.stop()
    await session.close()
    assert [c.text for c in fake.calls_of("sendMessage")] == ["Бір рет қана", "Crashed mid-send"]


async def test_cancelling_stops_what_is_not_sent_yet(
    database: Database, fake: FakeTelegram, bot: Bot
) -> None:
    people = list(range(9001, 9101))
    for person in people:
        fake.add_chat(person)
    outbox = Outbox(database)
    engine = await run_engine(bot, database)
    outbox.on_enqueue(engine.wake)
    await outbox.send_text("notice:9", people, "Көп адамға")
    await asyncio.sleep(0.5)
    cancelled = await outbox.cancel("notice:9")
    counts = await drained(outbox, "notice:9")
    await engine.stop()
    assert cancelled > 50
    assert counts["sent"] + counts["cancelled"] == 100
    assert len([c for c in fake.calls_of("sendMessage") if c.ok]) == counts["sent"]
