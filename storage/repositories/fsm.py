"""Rows behind the bot's conversation state (see bot/fsm_storage.py)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import FsmRecord, utcnow


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
