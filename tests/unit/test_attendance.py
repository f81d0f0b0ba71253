"""Attendance: the leader's roll call and check-in by code, on a real migrated database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram_i18n import I18nContext
from aiogram_i18n.managers.memory import MemoryManager
from sqlalchemy import select

from bot.i18n import build_core
from bot.services.attendance import (
    AttendanceService,
    CheckinOver,
    CheckinResult,
    NotRegistered,
    SessionCancelled,
)
from bot.services.errors import NotFound, PermissionDenied
from bot.settings import LANGUAGES
from bot.views.attendance import AttendanceCb, CheckinOpenCb
from handlers.attendance import CHECKIN_ANSWERS
from storage.database import Database
from storage.models import EventSession, Role, Seat, SeatStatus, SessionStatus
from tests.support.clock import ManualClock
from tests.support.factories import (
    actor,
    add_seat,
    add_teachers,
    approved_workshop,
    scheduled_session,
)

LEADER, COORDINATOR, TEACHER, OTHER_LEADER = 1001, 1002, 1003, 1004
STARTS = datetime(2026, 12, 15, 10, 0, tzinfo=UTC)  # 15:00 in Almaty; lasts 90 minutes
BIG_ID = 2**63 - 1


@dataclass
class World:
    service: AttendanceService
    clock: ManualClock
    session_id: int
    other_session_id: int


LEADER_ACTOR = actor(LEADER, Role.LEADER)
COORDINATOR_ACTOR = actor(COORDINATOR, Role.COORDINATOR)
TEACHER_ACTOR = actor(TEACHER)
OTHER_LEADER_ACTOR = actor(OTHER_LEADER, Role.LEADER)


async def seat_of(db: Database, session_id: int, user_id: int) -> Seat:
    async with db.read() as session:
        seat = await session.scalar(
            select(Seat).where(Seat.session_id == session_id, Seat.user_id == user_id)
        )
    assert seat is not None
    return seat


@pytest.fixture
async def world(database: Database, clock: ManualClock) -> World:
    """A leader's workshop with two sessions; teachers 2001-2003 registered, 2004 waitlisted."""
    await add_teachers(database, (LEADER, COORDINATOR, TEACHER, OTHER_LEADER))
    await add_teachers(database, (2001, 2002, 2003, 2004, 2005))
    workshop = await approved_workshop(database, LEADER, method="Сұрақ қою әдісі")
    first = await scheduled_session(database, workshop.id, STARTS, topic="Сын тұрғысынан ойлау")
    second = await scheduled_session(
        database, workshop.id, STARTS + timedelta(days=30), topic="Бағалау"
    )
    for user_id in (2001, 2002, 2003):
        await add_seat(database, first.id, user_id, SeatStatus.REGISTERED)
    await add_seat(database, first.id, 2004, SeatStatus.WAITLISTED)
    await add_seat(database, second.id, 2005, SeatStatus.REGISTERED)
    clock.set(STARTS)
    return World(AttendanceService(database, clock), clock, first.id, second.id)


# --- the leader's roll call ---


async def test_the_leader_marks_a_participant_present_and_unmarks_them(
    world: World, database: Database
) -> None:
    await world.service.mark(LEADER_ACTOR, world.session_id, 2001, True)
    assert (await seat_of(database, world.session_id, 2001)).attended is True
    roll = await world.service.roll_call(LEADER_ACTOR, world.session_id)
    assert (roll.present, roll.total) == (1, 3)
    assert [(p.user_id, p.attended) for p in roll.items] == [
        (2001, True),
        (2002, False),
        (2003, False),
    ]

    await world.service.mark(LEADER_ACTOR, world.session_id, 2001, False)
    assert (await seat_of(database, world.session_id, 2001)).attended is False


async def test_marking_sets_rather_than_flips(world: World, database: Database) -> None:
    # Twice "present" (the second from a list drawn before the first) stays present.
    await world.service.mark(LEADER_ACTOR, world.session_id, 2001, True)
    await world.service.mark(LEADER_ACTOR, world.session_id, 2001, True)
    assert (await seat_of(database, world.session_id, 2001)).attended is True


async def test_a_coordinator_may_mark_attendance_too(world: World, database: Database) -> None:
    await world.service.mark(COORDINATOR_ACTOR, world.session_id, 2002, True)
    assert (await seat_of(database, world.session_id, 2002)).attended is True


async def test_a_teacher_cannot_mark_attendance(world: World, database: Database) -> None:
    with pytest.raises(PermissionDenied):
        await world.service.mark(TEACHER_ACTOR, world.session_id, 2001, True)
    with pytest.raises(PermissionDenied):
        await world.service.roll_call(TEACHER_ACTOR, world.session_id)
    assert (await seat_of(database, world.session_id, 2001)).attended is False


async def test_another_workshops_leader_cannot_mark_or_open_check_in(world: World) -> None:
    with pytest.raises(PermissionDenied):
        await world.service.mark(OTHER_LEADER_ACTOR, world.session_id, 2001, True)
    with pytest.raises(PermissionDenied):
        await world.service.open_checkin(OTHER_LEADER_ACTOR, world.session_id)
    with pytest.raises(PermissionDenied):
        await world.service.close_checkin(TEACHER_ACTOR, world.session_id)


async def test_a_person_without_a_seat_in_that_session_cannot_be_marked(world: World) -> None:
    # No seat at all; a seat in the workshop's other session; a waitlisted seat.
    for user_id in (TEACHER, 2005, 2004):
        with pytest.raises(NotRegistered):
            await world.service.mark(LEADER_ACTOR, world.session_id, user_id, True)
    with pytest.raises(NotFound):
        await world.service.mark(LEADER_ACTOR, 999_999, 2001, True)


async def test_the_roll_call_lists_only_registered_people_all_at_once(
    world: World, database: Database
) -> None:
    extra = list(range(3001, 3013))
    await add_teachers(database, extra)
    for user_id in extra:
        await add_seat(database, world.session_id, user_id, SeatStatus.REGISTERED)
    await add_seat(database, world.session_id, 2005, SeatStatus.CANCELLED)

    roll = await world.service.roll_call(LEADER_ACTOR, world.session_id)
    assert roll.total == len(roll.items) == 15
    assert {p.user_id for p in roll.items} == {2001, 2002, 2003, *extra}


# --- check-in by code ---


async def test_a_participant_checks_in_with_the_code_during_the_session(
    world: World, database: Database
) -> None:
    code = await world.service.open_checkin(LEADER_ACTOR, world.session_id)
    assert len(code) == 6
    assert code.isdigit()
    # Opening again (a double tap) keeps the code already announced.
    assert await world.service.open_checkin(LEADER_ACTOR, world.session_id) == code

    world.clock.set(STARTS + timedelta(minutes=20))
    outcome = await world.service.check_in(2001, f" {code[:3]} {code[3:]} ")
    assert outcome.result is CheckinResult.CHECKED_IN
    assert outcome.topic == "Сын тұрғысынан ойлау"
    assert (await seat_of(database, world.session_id, 2001)).attended is True

    again = await world.service.check_in(2001, code)
    assert again.result is CheckinResult.ALREADY


async def test_a_code_does_not_work_before_the_session_or_long_after_it(
    world: World, database: Database
) -> None:
    world.clock.set(STARTS - timedelta(hours=2))
    code = await world.service.open_checkin(LEADER_ACTOR, world.session_id)

    early = await world.service.check_in(2001, code)
    assert early.result is CheckinResult.TOO_EARLY
    assert early.opens_at == STARTS - timedelta(minutes=15)

    world.clock.set(STARTS + timedelta(minutes=90 + 31))
    assert (await world.service.check_in(2001, code)).result is CheckinResult.ENDED
    assert (await seat_of(database, world.session_id, 2001)).attended is False

    # The edges of the window are inside it.
    world.clock.set(STARTS - timedelta(minutes=15))
    assert (await world.service.check_in(2001, code)).result is CheckinResult.CHECKED_IN
    world.clock.set(STARTS + timedelta(minutes=90 + 30))
    assert (await world.service.check_in(2002, code)).result is CheckinResult.CHECKED_IN


async def test_a_waitlisted_teacher_cannot_check_in(world: World, database: Database) -> None:
    code = await world.service.open_checkin(LEADER_ACTOR, world.session_id)
    outcome = await world.service.check_in(2004, code)
    assert outcome.result is CheckinResult.WAITLISTED
    assert (await seat_of(database, world.session_id, 2004)).attended is False


async def test_someone_without_a_seat_is_told_so_and_it_is_not_a_wrong_guess(
    world: World,
) -> None:
    code = await world.service.open_checkin(LEADER_ACTOR, world.session_id)
    for _ in range(6):
        assert (await world.service.check_in(2005, code)).result is CheckinResult.NO_SEAT


async def test_a_code_that_is_not_six_digits_gets_the_usage_and_costs_no_try(
    world: World,
) -> None:
    for text in ("", "12345", "1234567", "abcdef", "١٢٣٤٥٦"):
        for _ in range(2):
            outcome = await world.service.check_in(2001, text)
            assert outcome.result is CheckinResult.MALFORMED, text
    assert world.service.limiter.left(2001) == 5


async def test_five_wrong_codes_in_an_hour_lock_further_tries(world: World) -> None:
    code = await world.service.open_checkin(LEADER_ACTOR, world.session_id)
    wrong = "000000" if code != "000000" else "111111"
    lefts = []
    for minute in range(5):
        world.clock.set(STARTS + timedelta(minutes=minute))
        outcome = await world.service.check_in(2001, wrong)
        assert outcome.result is CheckinResult.WRONG_CODE
        lefts.append(outcome.tries_left)
    assert lefts == [4, 3, 2, 1, 0]

    # Even the right code is refused while locked; the lock ends an hour after the first miss.
    locked = await world.service.check_in(2001, code)
    assert locked.result is CheckinResult.LOCKED
    assert locked.wait_minutes == 56
    # Another person's tries are their own.
    assert (await world.service.check_in(2002, code)).result is CheckinResult.CHECKED_IN

    world.clock.set(STARTS + timedelta(minutes=60, seconds=1))
    assert (await world.service.check_in(2001, code)).result is CheckinResult.CHECKED_IN


async def test_closing_check_in_invalidates_the_code(world: World, database: Database) -> None:
    code = await world.service.open_checkin(LEADER_ACTOR, world.session_id)
    assert (await world.service.roll_call(LEADER_ACTOR, world.session_id)).checkin_open
    await world.service.close_checkin(LEADER_ACTOR, world.session_id)

    outcome = await world.service.check_in(2001, code)
    assert outcome.result is CheckinResult.WRONG_CODE
    assert (await seat_of(database, world.session_id, 2001)).attended is False
    roll = await world.service.roll_call(LEADER_ACTOR, world.session_id)
    assert not roll.checkin_open
    assert roll.checkin_possible
    # Opening again gives a fresh code.
    assert await world.service.open_checkin(LEADER_ACTOR, world.session_id)


async def test_check_in_cannot_be_opened_for_a_cancelled_or_long_finished_session(
    world: World, database: Database
) -> None:
    world.clock.set(STARTS + timedelta(days=1))
    with pytest.raises(CheckinOver):
        await world.service.open_checkin(LEADER_ACTOR, world.session_id)
    roll = await world.service.roll_call(LEADER_ACTOR, world.session_id)
    assert not roll.checkin_possible

    async with database.write() as session:
        second = await session.get(EventSession, world.other_session_id)
        assert second is not None
        second.status = SessionStatus.CANCELLED
    with pytest.raises(SessionCancelled):
        await world.service.open_checkin(LEADER_ACTOR, world.other_session_id)


# --- what the handlers send (the roll call's windows are in tests/flows/test_attendance.py) ---

LIMIT = 64


@pytest.mark.parametrize(
    "item",
    [
        AttendanceCb(session_id=BIG_ID),
        CheckinOpenCb(session_id=BIG_ID),
    ],
    ids=lambda item: type(item).__name__,
)
def test_callback_data_with_the_largest_ids_fits(item: CallbackData) -> None:
    assert len(item.pack().encode("utf-8")) <= LIMIT


@pytest.mark.parametrize("language", LANGUAGES)
async def test_every_check_in_outcome_has_its_own_answer(language: str) -> None:
    core = build_core("kk")
    await core.startup()
    i18n = I18nContext(language, core, MemoryManager(), {})
    assert set(CHECKIN_ANSWERS) == set(CheckinResult)
    assert len(set(CHECKIN_ANSWERS.values())) == len(CheckinResult)
    for key in CHECKIN_ANSWERS.values():
        for left in (0, 3):
            text = i18n.get(key, topic="Бағалау", when="15 желтоқсан, 14:45", left=left, minutes=7)
            assert "{" not in text, (key, text)
