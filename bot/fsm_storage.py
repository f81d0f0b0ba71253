"""aiogram FSM storage kept in the database, so a half-filled form survives a restart.

One update reads its conversation state once and writes it once (`FormStateMiddleware`): the first
read loads every record of the chat/user (the FSM state and data, aiogram_dialog's stack and
contexts) in one query; reads and writes during the update are served from memory; at the end
the records that changed are written in one transaction, and nothing is written when nothing
changed. Outside an update (a scheduler job, a background dialog update) each call is its own
short transaction, as before.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any

from aiogram import Bot
from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseEventIsolation,
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from aiogram.types import TelegramObject

from storage.database import Database
from storage.repositories.fsm import EMPTY_DATA, FsmRecords, FsmRow


@dataclass
class _Unit:
    """The conversation records one update has read and written."""

    loaded: set[str] = field(default_factory=set)  # key prefixes read from the database
    original: dict[str, FsmRow] = field(default_factory=dict)
    current: dict[str, FsmRow] = field(default_factory=dict)
    open: bool = True

    def changed(self) -> list[tuple[str, FsmRow]]:
        empty = FsmRow(None, EMPTY_DATA)
        return [
            (key, row)
            for key, row in self.current.items()
            if _differ(row, self.original.get(key, empty))
        ]


def _differ(new: FsmRow, old: FsmRow) -> bool:
    # The same data written again (keys in another order, say) is not a change.
    if new == old:
        return False
    return new.state != old.state or json.loads(new.data) != json.loads(old.data)


# Enough to keep the database and Telegram busy, few enough not to wait out the pool.
CONCURRENT_UPDATES = 32

_unit: ContextVar[_Unit | None] = ContextVar("birgemiz_form_state_unit", default=None)


class DatabaseStorage(BaseStorage):
    def __init__(self, database: Database, key_builder: KeyBuilder | None = None) -> None:
        self.database = database
        self.key_builder = key_builder or DefaultKeyBuilder(with_destiny=True)

    def _prefix(self, key: StorageKey) -> str:
        # "fsm:<chat>:<user>:" — the FSM record and every aiogram_dialog record of that chat.
        return self.key_builder.build(replace(key, destiny=""))

    async def _row(self, unit: _Unit, key: StorageKey) -> tuple[str, FsmRow]:
        name = self.key_builder.build(key)
        prefix = self._prefix(key)
        if prefix not in unit.loaded:
            async with self.database.core() as connection:
                rows = await FsmRecords(connection).load_prefix(prefix)
            unit.loaded.add(prefix)
            for row_key, row in rows.items():
                unit.original.setdefault(row_key, row)
                unit.current.setdefault(row_key, row)
        return name, unit.current.get(name, FsmRow(None, EMPTY_DATA))

    @asynccontextmanager
    async def _current(self) -> AsyncIterator[_Unit]:
        """The update's unit; outside an update (a job, a task an update left running) each
        call is a unit of its own."""
        unit = _unit.get()
        if unit is not None and unit.open:
            yield unit
            return
        async with self.unit() as fresh:
            yield fresh

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        async with self._current() as unit:
            name, row = await self._row(unit, key)
            unit.current[name] = FsmRow(value, row.data)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self._current() as unit:
            _, row = await self._row(unit, key)
            return row.state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # Stored as JSON anyway; the string is also the copy that later edits cannot reach.
        payload = json.dumps(dict(data), ensure_ascii=False, separators=(",", ":"))
        async with self._current() as unit:
            name, row = await self._row(unit, key)
            unit.current[name] = FsmRow(row.state, payload)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self._current() as unit:
            _, row = await self._row(unit, key)
            loaded: dict[str, Any] = json.loads(row.data)
            return loaded

    async def close(self) -> None:
        # The Database is owned and disposed by the application, not by the FSM.
        return None

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[_Unit]:
        """Everything inside is one unit of work: one read, one write at the end."""
        unit = _Unit()
        token = _unit.set(unit)
        try:
            yield unit
        finally:
            _unit.reset(token)
            await self.flush(unit)

    async def flush(self, unit: _Unit) -> None:
        """Write what the update changed, in one transaction; nothing when nothing changed."""
        unit.open = False
        changed = unit.changed()
        if not changed:
            return
        async with self.database.core(write=True) as connection:
            await FsmRecords(connection).save_rows(changed)


class FormStateMiddleware(FSMContextMiddleware):
    """aiogram's FSM middleware, with each update one unit of work for the conversation state
    (see the module doc): the unit opens inside the per-user lock, before the state is first
    read, and is written before the lock is let go, so the next update of the same person
    reads what this one wrote.

    It also handles a burst a few dozen updates at a time. aiogram starts one task per update;
    when a coordinator posts the bot's link in a district-wide chat, two thousand /start arrive
    within a second and, all at once, wait for the database's connection pool — those that
    wait longer than its timeout fail: a lost sign-up instead of an answer. Waiting for a slot
    here costs nothing and never times out."""

    storage: DatabaseStorage

    def __init__(
        self,
        storage: DatabaseStorage,
        events_isolation: BaseEventIsolation,
        concurrent_updates: int = CONCURRENT_UPDATES,
    ) -> None:
        super().__init__(storage=storage, events_isolation=events_isolation)
        self._slots = asyncio.Semaphore(concurrent_updates)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        bot: Bot = data["bot"]
        context = self.resolve_event_context(bot, data)
        data["fsm_storage"] = self.storage
        if context is None:
            return await handler(event, data)
        # The slot is taken inside the person's lock: one person's quick taps wait for each
        # other, not in slots everybody else needs.
        async with (
            self.events_isolation.lock(key=context.key),
            self._slots,
            self.storage.unit(),
        ):
            data.update({"state": context, "raw_state": await context.get_state()})
            return await handler(event, data)
