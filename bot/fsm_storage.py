"""aiogram FSM storage kept in the database, so a half-filled form survives a restart."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)

from storage.database import Database
from storage.repositories.fsm import FsmRepository


class DatabaseStorage(BaseStorage):
    def __init__(self, database: Database, key_builder: KeyBuilder | None = None) -> None:
        self.database = database
        self.key_builder = key_builder or DefaultKeyBuilder(with_destiny=True)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        async with self.database.write() as session:
            await FsmRepository(session).save_state(self.key_builder.build(key), value)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self.database.read() as session:
            state, _ = await FsmRepository(session).load(self.key_builder.build(key))
            return state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        async with self.database.write() as session:
            await FsmRepository(session).save_data(self.key_builder.build(key), dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self.database.read() as session:
            _, data = await FsmRepository(session).load(self.key_builder.build(key))
            return data

    async def close(self) -> None:
        # The Database is owned and disposed by the application, not by the FSM.
        return None
