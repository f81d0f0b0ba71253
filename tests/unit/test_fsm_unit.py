"""One update reads its conversation state once and writes it once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import event

from bot.fsm_storage import DatabaseStorage
from storage.database import Database

KEY = StorageKey(bot_id=1, chat_id=42, user_id=42)
STACK = StorageKey(bot_id=1, chat_id=42, user_id=42, destiny="aiogd:stack:")
OTHER = StorageKey(bot_id=1, chat_id=43, user_id=43)


@contextmanager
def statements(database: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not statement.startswith(("PRAGMA", "BEGIN", "COMMIT", "ROLLBACK")):
            seen.append(statement.split()[0].upper())

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)


async def in_update(storage: DatabaseStorage, work: Any) -> Any:
    async with storage.unit():
        return await work()


async def test_an_update_reads_every_record_of_the_chat_in_one_query(database: Database) -> None:
    storage = DatabaseStorage(database)
    await storage.set_state(KEY, "Form:name")
    await storage.set_data(STACK, {"intents": ["a1"]})

    async def work() -> None:
        assert await storage.get_state(KEY) == "Form:name"
        assert await storage.get_data(STACK) == {"intents": ["a1"]}
        assert await storage.get_data(KEY) == {}

    with statements(database) as seen:
        await in_update(storage, work)
    assert seen == ["SELECT"]  # one read, and no write: nothing changed


async def test_what_an_update_writes_is_written_once_at_its_end(database: Database) -> None:
    storage = DatabaseStorage(database)

    async def work() -> None:
        await storage.set_state(KEY, "Form:name")
        await storage.set_data(KEY, {"name": "Айгүл"})
        await storage.set_data(KEY, {"name": "Айгүл Серікқызы"})
        await storage.set_data(STACK, {"intents": ["a1"]})
        assert await storage.get_data(KEY) == {"name": "Айгүл Серікқызы"}

    with statements(database) as seen:
        await in_update(storage, work)
    assert seen == ["SELECT", "INSERT"]  # one upsert of both records
    assert await storage.get_state(KEY) == "Form:name"
    assert await storage.get_data(KEY) == {"name": "Айгүл Серікқызы"}
    assert await storage.get_data(STACK) == {"intents": ["a1"]}


async def test_setting_the_same_data_again_writes_nothing(database: Database) -> None:
    storage = DatabaseStorage(database)
    await storage.set_data(KEY, {"b": 1, "a": [1, 2]})

    async def work() -> None:
        await storage.set_data(KEY, {"a": [1, 2], "b": 1})

    with statements(database) as seen:
        await in_update(storage, work)
    assert seen == ["SELECT"]


async def test_an_emptied_record_is_deleted(database: Database) -> None:
    storage = DatabaseStorage(database)
    await storage.set_state(KEY, "Form:name")
    await storage.set_data(KEY, {"name": "x"})

    async def work() -> None:
        await storage.set_state(KEY, None)
        await storage.set_data(KEY, {})

    with statements(database) as seen:
        await in_update(storage, work)
    assert seen == ["SELECT", "DELETE"]
    assert await storage.get_state(KEY) is None


async def test_data_read_in_an_update_is_a_copy(database: Database) -> None:
    storage = DatabaseStorage(database)
    await storage.set_data(KEY, {"items": [1]})

    async def work() -> None:
        data = await storage.get_data(KEY)
        data["items"].append(2)  # aiogram_dialog edits what it reads before saving it
        assert await storage.get_data(KEY) == {"items": [1]}

    await in_update(storage, work)
    assert await storage.get_data(KEY) == {"items": [1]}


async def test_a_task_left_running_after_its_update_writes_straight_through(
    database: Database,
) -> None:
    storage = DatabaseStorage(database)
    started: list[asyncio.Task[None]] = []

    async def later() -> None:
        await asyncio.sleep(0.05)
        await storage.set_data(OTHER, {"late": True})  # the update has ended by now

    async def work() -> None:
        started.append(asyncio.create_task(later()))  # inherits the update's context

    await in_update(storage, work)
    await started[0]
    assert await storage.get_data(OTHER) == {"late": True}


async def test_updates_of_two_people_do_not_mix(database: Database) -> None:
    storage = DatabaseStorage(database)

    async def first() -> None:
        await storage.set_data(KEY, {"who": 42})
        await asyncio.sleep(0.01)

    async def second() -> None:
        await storage.set_data(OTHER, {"who": 43})

    await asyncio.gather(in_update(storage, first), in_update(storage, second))
    assert await storage.get_data(KEY) == {"who": 42}
    assert await storage.get_data(OTHER) == {"who": 43}


def test_forms_started_in_the_same_second_get_different_ids() -> None:
    from aiogram_dialog.api.entities import stack

    from bot.dialogs.setup import _random_intent_id

    original = stack.new_int_id
    stack.new_int_id = _random_intent_id
    try:
        ids = {stack.new_id() for _ in range(10_000)}
    finally:
        stack.new_int_id = original
    assert len(ids) == 10_000
    assert max(len(i) for i in ids) <= 6  # callback data keeps its length
