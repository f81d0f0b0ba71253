"""The rules of sessions: capacity, waitlist order, one a month, moves and cancellations."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.services.errors import InThePast, NotApproved, OneSessionAMonth, PermissionDenied
from bot.services.permissions import Actor
from bot.services.sessions import SessionDraft, SessionService, SignUpOutcome
from bot.settings import load_zone
from storage.database import Database
from storage.models import Role, SeatStatus, User, Workshop, WorkshopStatus
from storage.repositories.workshops import SeatRepository

NOW = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
LEADER = Actor(user_id=1, roles=frozenset({Role.LEADER, Role.TEACHER}), registered=True)
COORDINATOR = Actor(user_id=2, roles=frozenset({Role.COORDINATOR}), registered=True)


class Clock:
    def __init__(self, now: datetime = NOW) -> None:
        self.moment = now

    def now(self) -> datetime:
        return self.moment


async def people(database: Database, ids: range) -> None:
    async with database.write() as session:
        for user_id in ids:
            session.add(User(id=user_id, language="kk", full_name=f"Мұғалім {user_id}"))


async def workshop(database: Database, status: WorkshopStatus = WorkshopStatus.APPROVED) -> int:
    await people(database, range(1, 3))
    async with database.write() as session:
        item = Workshop(
            leader_id=1,
            title="Жобалық оқыту",
            method="Авторлық әдістеме",
            audience="5–9 сынып",
            plan_text="Жылдық жоспар",
            status=status,
        )
        session.add(item)
        await session.flush()
        return item.id


def draft(workshop_id: int, starts_at: datetime, capacity: int | None = 30) -> SessionDraft:
    return SessionDraft(
        workshop_id=workshop_id,
        starts_at=starts_at,
        duration_minutes=90,
        topic="Сыни тұрғыдан ойлау",
        link="https://meet.example.kz/abc",
        capacity=capacity,
    )


@pytest.fixture
def service(database: Database) -> SessionService:
    return SessionService(database, Clock(), load_zone("Asia/Almaty"))


async def test_five_hundred_simultaneous_sign_ups_for_thirty_seats_never_overbook(
    database: Database, service: SessionService
) -> None:
    event = await service.schedule(
        LEADER, draft(await workshop(database), NOW + timedelta(days=20))
    )
    await people(database, range(1000, 1500))
    results = await asyncio.gather(*(service.sign_up(uid, event.id) for uid in range(1000, 1500)))
    outcomes = [r.outcome for r in results]
    assert outcomes.count(SignUpOutcome.REGISTERED) == 30
    assert outcomes.count(SignUpOutcome.WAITLISTED) == 470
    async with database.read() as session:
        seats = SeatRepository(session)
        assert await seats.count(event.id, SeatStatus.REGISTERED) == 30
        assert await seats.count(event.id, SeatStatus.WAITLISTED) == 470
    positions = sorted(r.position for r in results if r.position is not None)
    assert positions == list(range(1, 471))


async def test_a_second_sign_up_for_a_full_session_joins_the_waitlist_and_gets_the_freed_seat(
    database: Database, service: SessionService
) -> None:
    event = await service.schedule(
        LEADER, draft(await workshop(database), NOW + timedelta(days=3), capacity=1)
    )
    await people(database, range(10, 14))
    assert (await service.sign_up(10, event.id)).outcome == SignUpOutcome.REGISTERED
    second = await service.sign_up(11, event.id)
    assert (second.outcome, second.position) == (SignUpOutcome.WAITLISTED, 1)
    third = await service.sign_up(12, event.id)
    assert (third.outcome, third.position) == (SignUpOutcome.WAITLISTED, 2)
    assert (await service.sign_up(11, event.id)).outcome == SignUpOutcome.ALREADY_WAITLISTED

    release = await service.leave(10, event.id)
    assert release.promoted is not None
    assert release.promoted.id == 11
    # The promoted teacher declines: the next in line gets the seat.
    assert (await service.leave(11, event.id)).promoted.id == 12  # type: ignore[union-attr]
    card = await service.card(event.id, 12)
    assert (card.registered, card.waitlisted, card.my_status) == (1, 0, SeatStatus.REGISTERED)


async def test_one_session_a_month_unless_a_coordinator_schedules_it(
    database: Database, service: SessionService
) -> None:
    workshop_id = await workshop(database)
    december = datetime(2026, 12, 15, 10, 0, tzinfo=UTC)
    await service.schedule(LEADER, draft(workshop_id, december))
    with pytest.raises(OneSessionAMonth):
        await service.schedule(LEADER, draft(workshop_id, december + timedelta(days=10)))
    # 31 December 20:00 in Almaty is already January there: another month.
    new_year_eve_local = datetime(2026, 12, 31, 19, 0, tzinfo=UTC)
    await service.schedule(LEADER, draft(workshop_id, new_year_eve_local))
    extra = await service.schedule(COORDINATOR, draft(workshop_id, december + timedelta(days=5)))
    assert extra.extra_allowed_by == COORDINATOR.user_id


async def test_only_approved_workshops_get_sessions_and_only_their_leader_schedules(
    database: Database, service: SessionService
) -> None:
    proposed = await workshop(database, WorkshopStatus.PROPOSED)
    with pytest.raises(NotApproved):
        await service.schedule(LEADER, draft(proposed, NOW + timedelta(days=3)))
    stranger = Actor(user_id=99, roles=frozenset({Role.LEADER}), registered=True)
    with pytest.raises(PermissionDenied):
        await service.schedule(stranger, draft(proposed, NOW + timedelta(days=3)))
    with pytest.raises(InThePast):
        await service.schedule(LEADER, draft(proposed, NOW - timedelta(minutes=1)))


async def test_moving_a_session_reaches_everyone_holding_a_place(
    database: Database, service: SessionService
) -> None:
    event = await service.schedule(
        LEADER, draft(await workshop(database), NOW + timedelta(days=3), capacity=1)
    )
    await people(database, range(20, 22))
    await service.sign_up(20, event.id)
    await service.sign_up(21, event.id)
    change = await service.move(LEADER, event.id, NOW + timedelta(days=4))
    assert sorted(p.id for p in change.people) == [20, 21]
    assert change.session.starts_at == NOW + timedelta(days=4)
    cancelled = await service.cancel(LEADER, event.id)
    assert sorted(p.id for p in cancelled.people) == [20, 21]
    assert (await service.upcoming(subject_id=None, page=0)).items == []
