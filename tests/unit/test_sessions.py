"""The rules of sessions: capacity, waitlist order, one a month, moves and cancellations."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.services.errors import (
    InThePast,
    NotApproved,
    OneSessionAMonth,
    PermissionDenied,
    SessionClosed,
)
from bot.services.permissions import Actor
from bot.services.sessions import SessionDraft, SessionService, SignUpOutcome
from bot.settings import load_zone
from storage.database import Database
from storage.models import Role, SeatStatus, SessionStatus, WorkshopStatus
from storage.repositories.workshops import SeatRepository, SessionRepository
from tests.support.clock import ManualClock
from tests.support.factories import actor, add_teachers, approved_workshop, scheduled_session

NOW = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
LEADER = actor(1, Role.LEADER)
COORDINATOR = actor(2, Role.COORDINATOR)


async def workshop(database: Database, status: WorkshopStatus = WorkshopStatus.APPROVED) -> int:
    await add_teachers(database, range(1, 3))
    item = await approved_workshop(database, LEADER.user_id, title="Жобалық оқыту", status=status)
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
def service(database: Database, clock: ManualClock) -> SessionService:
    clock.set(NOW)
    return SessionService(database, clock, load_zone("Asia/Almaty"))


async def test_five_hundred_simultaneous_sign_ups_for_thirty_seats_never_overbook(
    database: Database, service: SessionService
) -> None:
    event = await service.schedule(
        LEADER, draft(await workshop(database), NOW + timedelta(days=20))
    )
    await add_teachers(database, range(1000, 1500))
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
    await add_teachers(database, range(10, 14))
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
    await add_teachers(database, range(20, 22))
    await service.sign_up(20, event.id)
    await service.sign_up(21, event.id)
    change = await service.move(LEADER, event.id, NOW + timedelta(days=4))
    assert sorted(p.id for p in change.people) == [20, 21]
    assert change.session.starts_at == NOW + timedelta(days=4)
    cancelled = await service.cancel(LEADER, event.id)
    assert sorted(p.id for p in cancelled.people) == [20, 21]
    assert (await service.upcoming(subject_id=None, page=0)).items == []


async def test_signing_up_leaving_moving_and_cancelling_each_lock_only_the_session_row(
    database: Database, service: SessionService
) -> None:
    """Every change to a session or its seats first locks the session row. The workshop comes
    along through an outer join, and PostgreSQL refuses FOR UPDATE on the nullable side of one:
    the lock must name the session alone. A network event has no workshop at all."""
    shop = await service.schedule(
        LEADER, draft(await workshop(database), NOW + timedelta(days=3), capacity=1)
    )
    event = await scheduled_session(database, None, NOW + timedelta(days=5), topic="Форум")
    await add_teachers(database, range(30, 33))

    assert (await service.sign_up(30, shop.id)).outcome == SignUpOutcome.REGISTERED
    assert (await service.sign_up(31, shop.id)).outcome == SignUpOutcome.WAITLISTED
    assert (await service.sign_up(32, event.id)).outcome == SignUpOutcome.REGISTERED
    assert (await service.leave(30, shop.id)).promoted.id == 31  # type: ignore[union-attr]
    assert (await service.leave(32, event.id)).promoted is None
    assert (await service.sign_up(32, event.id)).outcome == SignUpOutcome.REGISTERED

    moved = await service.move(LEADER, shop.id, NOW + timedelta(days=4))
    assert [p.id for p in moved.people] == [31]
    assert (await service.move(COORDINATOR, event.id, NOW + timedelta(days=6))).people[0].id == 32
    with pytest.raises(PermissionDenied):
        await service.cancel(LEADER, event.id)  # a leader manages their own workshop only
    assert [p.id for p in (await service.cancel(LEADER, shop.id)).people] == [31]
    assert [p.id for p in (await service.cancel(COORDINATOR, event.id)).people] == [32]

    async with database.read() as session:
        sessions = SessionRepository(session)
        for session_id, starts_at in (
            (shop.id, NOW + timedelta(days=4)),
            (event.id, NOW + timedelta(days=6)),
        ):
            stored = await sessions.get(session_id)
            assert stored is not None
            assert (stored.status, stored.starts_at) == (SessionStatus.CANCELLED, starts_at)
    with pytest.raises(SessionClosed):
        await service.sign_up(30, shop.id)
