"""Participants' feedback on a session (кері байланыс): one row per person per session."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    DeliveryStatus,
    EventSession,
    Feedback,
    OutboxItem,
    Seat,
    SeatStatus,
    User,
    utcnow,
)

# Rows of a request that never reached the person: they were not really asked.
NOT_DELIVERED = (DeliveryStatus.BLOCKED, DeliveryStatus.FAILED, DeliveryStatus.CANCELLED)


class FeedbackRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def event_session(self, session_id: int) -> EventSession | None:
        return await self.session.get(EventSession, session_id)

    async def participant_ids(self, session_id: int) -> list[int]:
        """Registered seats marked as attended; every registered seat if nobody was marked."""
        registered = select(Seat.user_id).where(
            Seat.session_id == session_id, Seat.status == SeatStatus.REGISTERED
        )
        attended = list(
            await self.session.scalars(
                registered.where(Seat.attended.is_(True)).order_by(Seat.user_id)
            )
        )
        if attended:
            return attended
        return list(await self.session.scalars(registered.order_by(Seat.user_id)))

    async def users(self, user_ids: Iterable[int]) -> list[User]:
        ids = sorted(set(user_ids))
        if not ids:
            return []
        rows = await self.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id))
        return list(rows)

    async def get(self, session_id: int, user_id: int) -> Feedback | None:
        return await self.session.scalar(
            select(Feedback).where(Feedback.session_id == session_id, Feedback.user_id == user_id)
        )

    async def save(self, session_id: int, user_id: int, **values: Any) -> Feedback:
        """Create the person's answer or update the one they gave before (one row per session).

        Only the columns given change; an INSERT … ON CONFLICT keeps two quick taps from racing.
        """
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        now = utcnow()
        statement = insert(Feedback).values(
            session_id=session_id, user_id=user_id, created_at=now, updated_at=now, **values
        )
        statement = statement.on_conflict_do_update(
            index_elements=["session_id", "user_id"], set_={**values, "updated_at": now}
        )
        await self.session.execute(statement)
        feedback = await self.session.scalar(
            select(Feedback)
            .where(Feedback.session_id == session_id, Feedback.user_id == user_id)
            .execution_options(populate_existing=True)
        )
        assert feedback is not None
        return feedback

    async def answered_ids(self, session_id: int) -> set[int]:
        rows = await self.session.scalars(
            select(Feedback.user_id).where(Feedback.session_id == session_id)
        )
        return set(rows)

    async def answers(self, session_id: int) -> list[tuple[Feedback, User]]:
        rows = await self.session.execute(
            select(Feedback, User)
            .join(User, User.id == Feedback.user_id)
            .where(Feedback.session_id == session_id)
            .order_by(Feedback.created_at, Feedback.id)
        )
        return [(feedback, user) for feedback, user in rows.all()]

    async def queued_chat_ids(self, purpose: str, *, delivered_only: bool = False) -> set[int]:
        """Chats that already have a message of this purpose in the outbox."""
        query = select(OutboxItem.chat_id).where(OutboxItem.purpose == purpose)
        if delivered_only:
            query = query.where(OutboxItem.status.not_in(NOT_DELIVERED))
        return set(await self.session.scalars(query))
