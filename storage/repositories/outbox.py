"""The outbox behind the delivery engine: one row per (purpose, chat, topic)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ContentKind, DeliveryStatus, OutboxContent, OutboxItem, utcnow
from storage.repositories.directory import like_escape

INSERT_CHUNK = 500
ERROR_MAX = 300
FINAL = (
    DeliveryStatus.EXPIRED,
    DeliveryStatus.SENT,
    DeliveryStatus.BLOCKED,
    DeliveryStatus.FAILED,
    DeliveryStatus.UNCERTAIN,
    DeliveryStatus.CANCELLED,
)


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_content(
        self,
        kind: ContentKind,
        *,
        text: str | None = None,
        from_chat_id: int | None = None,
        from_message_id: int | None = None,
        reply_markup: str | None = None,
    ) -> OutboxContent:
        content = OutboxContent(
            kind=kind,
            text=text,
            from_chat_id=from_chat_id,
            from_message_id=from_message_id,
            reply_markup=reply_markup,
        )
        self.session.add(content)
        await self.session.flush()
        return content

    async def enqueue(
        self,
        purpose: str,
        content_id: int,
        recipients: Iterable[tuple[int, int]],
        *,
        priority: int = 0,
        not_before: datetime | None = None,
        expires_at: datetime | None = None,
    ) -> int:
        """Queue (chat_id, thread_id) pairs; pairs already queued for the purpose are skipped.

        Returns how many rows were new.
        """
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        moment = not_before or utcnow()
        rows = [
            {
                "purpose": purpose,
                "chat_id": chat_id,
                "thread_id": thread_id,
                "content_id": content_id,
                "priority": priority,
                "status": DeliveryStatus.PENDING.value,
                "attempts": 0,
                "not_before": moment,
                "expires_at": expires_at,
                "created_at": utcnow(),
            }
            for chat_id, thread_id in dict.fromkeys(recipients)
        ]
        added = 0
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[start : start + INSERT_CHUNK]
            statement = (
                insert(OutboxItem)
                .values(chunk)
                .on_conflict_do_nothing(index_elements=["purpose", "chat_id", "thread_id"])
                .returning(OutboxItem.id)
            )
            added += len((await self.session.execute(statement)).all())
        return added

    async def due(self, now: datetime, *, limit: int) -> Sequence[OutboxItem]:
        rows = await self.session.scalars(
            select(OutboxItem)
            .where(OutboxItem.status == DeliveryStatus.PENDING, OutboxItem.not_before <= now)
            .order_by(OutboxItem.priority, OutboxItem.id)
            .limit(limit)
        )
        return rows.unique().all()

    async def next_due_at(self) -> datetime | None:
        return await self.session.scalar(
            select(func.min(OutboxItem.not_before)).where(
                OutboxItem.status == DeliveryStatus.PENDING
            )
        )

    async def mark_sending(self, item_id: int) -> bool:
        """Take a pending row for sending; False if it is no longer pending (e.g. cancelled)."""
        result = await self.session.execute(
            update(OutboxItem)
            .where(OutboxItem.id == item_id, OutboxItem.status == DeliveryStatus.PENDING)
            .values(status=DeliveryStatus.SENDING, attempts=OutboxItem.attempts + 1)
        )
        return bool(getattr(result, "rowcount", 0))

    async def finish(
        self,
        item_id: int,
        status: DeliveryStatus,
        *,
        message_id: int | None = None,
        error: str | None = None,
    ) -> None:
        await self.session.execute(
            update(OutboxItem)
            .where(OutboxItem.id == item_id)
            .values(
                status=status,
                message_id=message_id,
                error=error[:ERROR_MAX] if error else None,
                finished_at=utcnow(),
            )
        )

    async def retry_later(
        self,
        item_id: int,
        not_before: datetime,
        *,
        error: str | None,
        chat_id: int | None = None,
        count_attempt: bool = True,
    ) -> None:
        values: dict[str, object] = {
            "status": DeliveryStatus.PENDING,
            "not_before": not_before,
            "error": error[:ERROR_MAX] if error else None,
        }
        if chat_id is not None:
            values["chat_id"] = chat_id
        if not count_attempt:
            # A 429 is Telegram pacing us, not the message failing: it does not use up a try.
            values["attempts"] = OutboxItem.attempts - 1
        await self.session.execute(
            update(OutboxItem).where(OutboxItem.id == item_id).values(**values)
        )

    async def recover_interrupted(self) -> int:
        """Rows a crash left 'sending' go back to pending (see the engine on this window)."""
        result = await self.session.execute(
            update(OutboxItem)
            .where(OutboxItem.status == DeliveryStatus.SENDING)
            .values(status=DeliveryStatus.PENDING, error="interrupted while being sent")
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def counts(self, purpose: str) -> dict[DeliveryStatus, int]:
        rows = await self.session.execute(
            select(OutboxItem.status, func.count())
            .where(OutboxItem.purpose == purpose)
            .group_by(OutboxItem.status)
        )
        return {DeliveryStatus(status): int(count) for status, count in rows.all()}

    async def cancel(self, purpose: str) -> int:
        result = await self.session.execute(
            update(OutboxItem)
            .where(OutboxItem.purpose == purpose, OutboxItem.status == DeliveryStatus.PENDING)
            .values(status=DeliveryStatus.CANCELLED, finished_at=utcnow())
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def cancel_matching(self, prefix: str, *, chat_id: int | None = None) -> int:
        """Cancel pending rows whose purpose starts with `prefix` (e.g. a session's reminders)."""
        query = update(OutboxItem).where(
            OutboxItem.purpose.like(f"{like_escape(prefix)}%", escape="\\"),
            OutboxItem.status == DeliveryStatus.PENDING,
        )
        if chat_id is not None:
            query = query.where(OutboxItem.chat_id == chat_id)
        result = await self.session.execute(
            query.values(status=DeliveryStatus.CANCELLED, finished_at=utcnow())
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def expire(self, item_id: int) -> None:
        await self.session.execute(
            update(OutboxItem)
            .where(OutboxItem.id == item_id, OutboxItem.status == DeliveryStatus.PENDING)
            .values(status=DeliveryStatus.EXPIRED, finished_at=utcnow())
        )

    async def item(self, item_id: int) -> OutboxItem | None:
        return await self.session.get(OutboxItem, item_id)

    async def items(self, purpose: str) -> Sequence[OutboxItem]:
        rows = await self.session.scalars(
            select(OutboxItem).where(OutboxItem.purpose == purpose).order_by(OutboxItem.id)
        )
        return rows.unique().all()
