"""Attendance of a session: who holds a registered seat, who came, and the check-in code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import EventSession, Seat, SeatStatus, SessionStatus, User, utcnow


@dataclass(frozen=True)
class RegistrantRow:
    user_id: int
    full_name: str | None
    attended: bool


class AttendanceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def event_session(self, session_id: int) -> EventSession | None:
        """The session with its workshop (joined), or None."""
        return await self.session.get(EventSession, session_id)

    async def counts(self, session_id: int) -> tuple[int, int]:
        """(present, registered) among the registered seats of a session."""
        present = func.coalesce(func.sum(case((Seat.attended.is_(True), 1), else_=0)), 0)
        row = (
            await self.session.execute(
                select(present, func.count(Seat.id)).where(
                    Seat.session_id == session_id, Seat.status == SeatStatus.REGISTERED
                )
            )
        ).one()
        return int(row[0] or 0), int(row[1] or 0)

    async def registrants(self, session_id: int, *, offset: int, limit: int) -> list[RegistrantRow]:
        """Registered participants by name (people without a name last), then by id."""
        rows = await self.session.execute(
            select(Seat.user_id, User.full_name, Seat.attended)
            .join(User, User.id == Seat.user_id)
            .where(Seat.session_id == session_id, Seat.status == SeatStatus.REGISTERED)
            .order_by(User.full_name.is_(None), User.full_name, Seat.user_id)
            .offset(offset)
            .limit(limit)
        )
        return [RegistrantRow(int(r[0]), r[1], bool(r[2])) for r in rows]

    async def seat(self, session_id: int, user_id: int) -> Seat | None:
        return await self.session.scalar(
            select(Seat).where(Seat.session_id == session_id, Seat.user_id == user_id)
        )

    async def seats_of(self, user_id: int, session_ids: Sequence[int]) -> list[Seat]:
        if not session_ids:
            return []
        rows = await self.session.scalars(
            select(Seat)
            .where(Seat.user_id == user_id, Seat.session_id.in_(list(session_ids)))
            .order_by(Seat.session_id)
        )
        return list(rows)

    async def set_attended(self, seat_id: int, attended: bool) -> bool:
        """Set the mark; returns False when it already had that value (a concurrent check-in)."""
        result = await self.session.execute(
            update(Seat)
            .where(Seat.id == seat_id, Seat.attended.is_not(attended))
            .values(attended=attended, updated_at=utcnow())
        )
        return bool(getattr(result, "rowcount", 0))

    async def set_checkin_code(self, session_id: int, code: str | None) -> None:
        await self.session.execute(
            update(EventSession)
            .where(EventSession.id == session_id)
            .values(checkin_code=code, updated_at=utcnow())
        )

    async def code_taken(self, code: str, *, other_than: int) -> bool:
        found = await self.session.scalar(
            select(EventSession.id)
            .where(EventSession.checkin_code == code, EventSession.id != other_than)
            .limit(1)
        )
        return found is not None

    async def sessions_with_code(self, code: str) -> list[EventSession]:
        """Scheduled sessions whose open check-in code is `code`."""
        rows = await self.session.scalars(
            select(EventSession)
            .where(
                EventSession.checkin_code == code,
                EventSession.status == SessionStatus.SCHEDULED,
            )
            .order_by(EventSession.id)
        )
        return list(rows)
