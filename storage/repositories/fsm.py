"""Rows behind the bot's conversation state (see bot/fsm_storage.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

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
            query = query.where(FsmRecord.key.startswith(prefix, autoescape=True))
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

    async def purge_older_than(self, moment: datetime) -> int:
        result = await self.session.execute(delete(FsmRecord).where(FsmRecord.updated_at < moment))
        return int(getattr(result, "rowcount", 0) or 0)

    async def count(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(FsmRecord)) or 0)
