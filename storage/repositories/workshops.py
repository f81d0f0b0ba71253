"""Workshops, their sessions, and the seats teachers hold in them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    EventKind,
    EventSession,
    Seat,
    SeatStatus,
    SessionStatus,
    User,
    Workshop,
    WorkshopStatus,
    utcnow,
)


class WorkshopRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, workshop: Workshop) -> Workshop:
        self.session.add(workshop)
        await self.session.flush()
        return workshop

    async def get(self, workshop_id: int) -> Workshop | None:
        return await self.session.get(Workshop, workshop_id)

    async def of_leader(self, leader_id: int) -> Sequence[Workshop]:
        rows = await self.session.scalars(
            select(Workshop).where(Workshop.leader_id == leader_id).order_by(Workshop.id.desc())
        )
        return rows.all()

    async def with_status(self, status: WorkshopStatus) -> Sequence[Workshop]:
        rows = await self.session.scalars(
            select(Workshop).where(Workshop.status == status).order_by(Workshop.id)
        )
        return rows.all()

    async def kinds(self) -> Sequence[EventKind]:
        return (await self.session.scalars(select(EventKind).order_by(EventKind.position))).all()


class SessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, event: EventSession) -> EventSession:
        self.session.add(event)
        await self.session.flush()
        return event

    async def get(self, session_id: int) -> EventSession | None:
        return await self.session.get(EventSession, session_id)

    async def lock(self, session_id: int) -> EventSession | None:
        """The session row, locked until the transaction ends (PostgreSQL).

        Only the session row is locked (FOR UPDATE OF sessions): the workshop is eager-loaded
        through a LEFT OUTER JOIN, and PostgreSQL refuses FOR UPDATE on the nullable side of an
        outer join. The session row is what sign-ups, leaving, moving and cancelling serialize on.

        SQLite needs no row lock: write transactions begin IMMEDIATE and so run one at a time.
        """
        query = select(EventSession).where(EventSession.id == session_id)
        if self.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(of=EventSession)
        return (await self.session.scalars(query)).unique().one_or_none()

    async def of_workshop(
        self, workshop_id: int, *, statuses: tuple[SessionStatus, ...]
    ) -> Sequence[EventSession]:
        rows = await self.session.scalars(
            select(EventSession)
            .where(EventSession.workshop_id == workshop_id, EventSession.status.in_(statuses))
            .order_by(EventSession.starts_at)
        )
        return rows.unique().all()

    async def upcoming(
        self, now: datetime, *, subject_id: int | None, offset: int, limit: int
    ) -> Sequence[EventSession]:
        query = (
            select(EventSession)
            .join(Workshop, Workshop.id == EventSession.workshop_id, isouter=True)
            .where(EventSession.status == SessionStatus.SCHEDULED, EventSession.starts_at > now)
        )
        if subject_id is not None:
            query = query.where(Workshop.subject_id == subject_id)
        rows = await self.session.scalars(
            query.order_by(EventSession.starts_at, EventSession.id).offset(offset).limit(limit)
        )
        return rows.unique().all()

    async def count_upcoming(self, now: datetime, *, subject_id: int | None) -> int:
        query = (
            select(func.count())
            .select_from(EventSession)
            .join(Workshop, Workshop.id == EventSession.workshop_id, isouter=True)
            .where(EventSession.status == SessionStatus.SCHEDULED, EventSession.starts_at > now)
        )
        if subject_id is not None:
            query = query.where(Workshop.subject_id == subject_id)
        return int(await self.session.scalar(query) or 0)

    async def around(self, now: datetime, *, days: int, limit: int) -> Sequence[EventSession]:
        """Scheduled sessions from `days` ago onwards, newest first: a coordinator's pick list."""
        rows = await self.session.scalars(
            select(EventSession)
            .where(
                EventSession.status == SessionStatus.SCHEDULED,
                EventSession.starts_at >= now - timedelta(days=days),
            )
            .order_by(EventSession.starts_at.desc())
            .limit(limit)
        )
        return rows.unique().all()

    async def starting_between(self, start: datetime, end: datetime) -> Sequence[EventSession]:
        rows = await self.session.scalars(
            select(EventSession).where(
                EventSession.status == SessionStatus.SCHEDULED,
                EventSession.starts_at > start,
                EventSession.starts_at <= end,
            )
        )
        return rows.unique().all()

    async def ended_without(
        self, now: datetime, field: str, *, since: datetime
    ) -> list[EventSession]:
        """Scheduled sessions that ended before `now` (and after `since`) with `field` unset."""
        column = getattr(EventSession, field)
        rows = await self.session.scalars(
            select(EventSession).where(
                EventSession.status == SessionStatus.SCHEDULED,
                EventSession.starts_at <= now,
                EventSession.starts_at > since,
                column.is_(None),
            )
        )
        return [s for s in rows.unique().all() if s.ends_at <= now]

    async def set_flag(self, session_id: int, field: str, moment: datetime) -> None:
        await self.session.execute(
            update(EventSession).where(EventSession.id == session_id).values({field: moment})
        )


class SeatRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, session_id: int, user_id: int) -> Seat | None:
        return await self.session.scalar(
            select(Seat).where(Seat.session_id == session_id, Seat.user_id == user_id)
        )

    async def count(self, session_id: int, status: SeatStatus) -> int:
        return int(
            await self.session.scalar(
                select(func.count())
                .select_from(Seat)
                .where(Seat.session_id == session_id, Seat.status == status)
            )
            or 0
        )

    async def waitlist_position(self, seat: Seat) -> int:
        ahead = await self.session.scalar(
            select(func.count())
            .select_from(Seat)
            .where(
                Seat.session_id == seat.session_id,
                Seat.status == SeatStatus.WAITLISTED,
                (Seat.queued_at < seat.queued_at)
                | ((Seat.queued_at == seat.queued_at) & (Seat.id < seat.id)),
            )
        )
        return int(ahead or 0) + 1

    async def first_waiting(self, session_id: int) -> Seat | None:
        return await self.session.scalar(
            select(Seat)
            .where(Seat.session_id == session_id, Seat.status == SeatStatus.WAITLISTED)
            .order_by(Seat.queued_at, Seat.id)
            .limit(1)
        )

    async def put(self, session_id: int, user_id: int, status: SeatStatus) -> Seat:
        seat = await self.get(session_id, user_id)
        if seat is None:
            seat = Seat(session_id=session_id, user_id=user_id, status=status, queued_at=utcnow())
            self.session.add(seat)
        else:
            seat.status = status
            seat.queued_at = utcnow()
        await self.session.flush()
        return seat

    async def holders(self, session_id: int, statuses: tuple[SeatStatus, ...]) -> Sequence[User]:
        rows = await self.session.scalars(
            select(User)
            .join(Seat, Seat.user_id == User.id)
            .where(Seat.session_id == session_id, Seat.status.in_(statuses))
            .order_by(Seat.queued_at, Seat.id)
        )
        return rows.all()

    async def of_user(self, user_id: int, now: datetime) -> Sequence[tuple[Seat, EventSession]]:
        rows = await self.session.execute(
            select(Seat, EventSession)
            .join(EventSession, EventSession.id == Seat.session_id)
            .where(
                Seat.user_id == user_id,
                Seat.status.in_((SeatStatus.REGISTERED, SeatStatus.WAITLISTED)),
                EventSession.status == SessionStatus.SCHEDULED,
                EventSession.starts_at > now,
            )
            .order_by(EventSession.starts_at)
        )
        return [(seat, event) for seat, event in rows.unique().all()]
