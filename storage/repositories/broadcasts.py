"""Broadcasts, and the audiences they go to."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Broadcast,
    District,
    EventSession,
    Role,
    Seat,
    SeatStatus,
    User,
    UserRole,
    UserSubject,
    utcnow,
)

AUDIENCE_KINDS = ("all", "region", "district", "school", "role", "subject", "session", "workshop")
# Who among a session's (or a workshop's) participants: holding a seat, marked present, absent.
PARTICIPANT_GROUPS = ("registered", "attended", "absent")


def audience_query(kind: str, value: int | str | None) -> Select[int]:
    """Ids of active, registered users in an audience; raises ValueError for an unknown kind."""
    query = select(User.id).where(User.registered_at.is_not(None), User.is_active.is_(True))
    if kind == "all":
        return query
    if kind == "region":
        return query.join(District, District.id == User.district_id).where(
            District.region_id == int(value or 0)
        )
    if kind == "district":
        return query.where(User.district_id == int(value or 0))
    if kind == "school":
        return query.where(User.school_id == int(value or 0))
    if kind == "role":
        role = Role(str(value))
        if role == Role.TEACHER:
            return query
        return query.join(UserRole, UserRole.user_id == User.id).where(UserRole.role == role)
    if kind == "subject":
        return query.join(UserSubject, UserSubject.user_id == User.id).where(
            UserSubject.subject_id == int(value or 0)
        )
    if kind in ("session", "workshop"):
        target, _, group = str(value or "").partition("-")
        if group not in PARTICIPANT_GROUPS or not target.isdigit():
            raise ValueError(value)
        query = query.join(Seat, Seat.user_id == User.id).where(
            Seat.status == SeatStatus.REGISTERED
        )
        if kind == "session":
            query = query.where(Seat.session_id == int(target))
        else:
            query = query.join(EventSession, EventSession.id == Seat.session_id).where(
                EventSession.workshop_id == int(target)
            )
        if group != "registered":
            query = query.where(Seat.attended.is_(group == "attended"))
        return query
    raise ValueError(kind)


class BroadcastRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def audience_ids(self, kind: str, value: int | str | None) -> list[int]:
        rows = await self.session.scalars(audience_query(kind, value).distinct())
        return list(rows)

    async def audience_size(self, kind: str, value: int | str | None) -> int:
        inner = audience_query(kind, value).distinct().subquery()
        return int(await self.session.scalar(select(func.count()).select_from(inner)) or 0)

    async def create(
        self,
        *,
        author_id: int,
        kind: str,
        value: str | None,
        label: str,
        content_id: int,
        recipients: int,
    ) -> Broadcast:
        broadcast = Broadcast(
            author_id=author_id,
            audience_kind=kind,
            audience_id=value,
            audience_label=label,
            content_id=content_id,
            recipients=recipients,
        )
        self.session.add(broadcast)
        await self.session.flush()
        return broadcast

    async def get(self, broadcast_id: int) -> Broadcast | None:
        return await self.session.get(Broadcast, broadcast_id)

    async def recent(self, *, limit: int = 10) -> Sequence[Broadcast]:
        rows = await self.session.scalars(
            select(Broadcast).order_by(Broadcast.id.desc()).limit(limit)
        )
        return rows.all()

    async def unfinished(self) -> Sequence[Broadcast]:
        rows = await self.session.scalars(
            select(Broadcast).where(Broadcast.finished_at.is_(None)).order_by(Broadcast.id)
        )
        return rows.all()

    async def set_progress_message(self, broadcast_id: int, chat_id: int, message_id: int) -> None:
        await self.session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id)
            .values(progress_chat_id=chat_id, progress_message_id=message_id)
        )

    async def mark_cancelled(self, broadcast_id: int) -> None:
        await self.session.execute(
            update(Broadcast).where(Broadcast.id == broadcast_id).values(cancelled=True)
        )

    async def mark_finished(self, broadcast_id: int) -> None:
        await self.session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, Broadcast.finished_at.is_(None))
            .values(finished_at=utcnow())
        )
