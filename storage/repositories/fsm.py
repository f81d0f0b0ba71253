"""Rows behind the bot's conversation state (see bot/fsm_storage.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from storage.models import FsmRecord, utcnow

EMPTY_DATA = "{}"


class FsmRow(NamedTuple):
    state: str | None
    data: str  # JSON


def _upper_bound(prefix: str) -> str:
    """The smallest string greater than every string that starts with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class FsmRecords:
    """The per-update path: Core statements on a plain connection (bot/fsm_storage.py)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    def _dialect(self) -> str:
        return self.connection.dialect.name

    async def load_prefix(self, prefix: str) -> dict[str, FsmRow]:
        """Every record whose key starts with `prefix`, in one query."""
        query = select(FsmRecord.key, FsmRecord.state, FsmRecord.data)
        if self._dialect() == "sqlite":
            # SQLite compares text byte by byte: a range on the primary key uses its index.
            query = query.where(FsmRecord.key >= prefix, FsmRecord.key < _upper_bound(prefix))
        else:
            # Other collations may order ':' among letters; a prefix match is exact everywhere.
            escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(FsmRecord.key.like(f"{escaped}%", escape="\\"))
        rows = await self.connection.execute(query)
        return {key: FsmRow(state, data or EMPTY_DATA) for key, state, data in rows}

    async def save_rows(self, rows: Iterable[tuple[str, FsmRow]]) -> None:
        """Upsert each record, or delete it when it holds nothing any more."""
        now = utcnow()
        gone, kept = [], []
        for key, row in rows:
            if row.state is None and row.data == EMPTY_DATA:
                gone.append(key)
            else:
                kept.append({"key": key, "state": row.state, "data": row.data, "updated_at": now})
        if gone:
            await self.connection.execute(delete(FsmRecord).where(FsmRecord.key.in_(gone)))
        if kept:
            insert = sqlite_insert if self._dialect() == "sqlite" else pg_insert
            statement = insert(FsmRecord).values(kept)
            await self.connection.execute(
                statement.on_conflict_do_update(
                    index_elements=[FsmRecord.key],
                    set_={
                        "state": statement.excluded.state,
                        "data": statement.excluded.data,
                        "updated_at": statement.excluded.updated_at,
                    },
                )
            )


class FsmRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def load(self, key: str) -> tuple[str | None, dict[str, Any]]:
        record = await self.session.get(FsmRecord, key)
        if record is None:
            return None, {}
        return record.state, json.loads(record.data or "{}")

    async def save_state(self, key: str, state: str | None) -> None:
        record = await self.session.get(FsmRecord, key)
        if record is None:
            if state is None:
                return
            self.session.add(FsmRecord(key=key, state=state, data="{}"))
        else:
            record.state = state
            record.updated_at = utcnow()
            await self._drop_if_empty(record)

    async def save_data(self, key: str, data: dict[str, Any]) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        record = await self.session.get(FsmRecord, key)
        if record is None:
            if not data:
                return
            self.session.add(FsmRecord(key=key, state=None, data=payload))
        else:
            record.data = payload
            record.updated_at = utcnow()
            await self._drop_if_empty(record)

    async def _drop_if_empty(self, record: FsmRecord) -> None:
        if record.state is None and record.data in ("{}", ""):
            await self.session.delete(record)

    async def purge_older_than(self, moment: datetime) -> int:
        result = await self.session.execute(delete(FsmRecord).where(FsmRecord.updated_at < moment))
        return int(getattr(result, "rowcount", 0) or 0)

    async def count(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(FsmRecord)) or 0)
