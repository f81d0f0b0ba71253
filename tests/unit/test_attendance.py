"""Attendance: the leader's roll call and check-in by code, on a real migrated database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from aiogram_i18n.managers.memory import MemoryManager
from sqlalchemy import select

from bot.i18n import build_core
from bot.keyboards import BUTTON_TEXT_MAX
from bot.services.attendance import (
    PAGE_SIZE,
    AttendanceService,
    CheckinOver,
    CheckinResult,
    Registrant,
    RegistrantsPage,
    SessionCancelled,
)
from bot.services.errors import NotFound, PermissionDenied
from bot.services.permissions import Actor
from bot.settings import LANGUAGES, load_zone
from handlers.attendance import (
    CHECKIN_ANSWERS,
    AttendanceCb,
    CheckinCloseCb,
    CheckinOpenCb,
    checkin_keyboard,
    checkin_text,
    registrants_keyboard,
    registrants_text,
)
from storage.database import Database
from storage.models import (
    EventSession,
    Role,
    Seat,
    SeatStatus,
    SessionStatus,
    User,
    Workshop,
    WorkshopStatus,
)

LEADER, COORDINATOR, TEACHER, OTHER_LEADER = 1001, 1002, 1003, 1004
STARTS = datetime(2026, 12, 15, 10, 0, tzinfo=UTC)  # 15:00 in Almaty; lasts 90 minutes
BIG_ID = 2**63 - 1


@dataclass
class FakeClock:
    moment: datetime = STARTS

    def now(self) -> datetime:
        return self.moment


@dataclass
class World:
    service: AttendanceService
    clock: FakeClock
    session_id: int
    other_session_id: int


def actor(user_id: int, *roles: Role) -> Actor:
    return Actor(user_id=user_id, roles=frozenset({Role.TEACHER, *roles}), registered=True)


LEADER_ACTOR = actor(LEADER, Role.LEADER)
COORDINATOR_ACTOR = actor(COORDINATOR, Role.COORDINATOR)
TEACHER_ACTOR = actor(TEACHER)
OTHER_LEADER_ACTOR = actor(OTHER_LEADER, Role.LEADER)


async def add_people(db: Database, *ids: int) -> None:
    async with db.write() as session:
        for user_id in ids:
            session.add(
                User(
                    id=user_id,
                    language="kk",
                    full_name=f"Мұғалім {user_id}",
                    registered_at=STARTS - timedelta(days=30),
                )
            )


async def add_seat(db: Database, session_id: int, user_id: int, status: SeatStatus) -> None:
    async with db.write() as session:
        session.add(Seat(session_id=session_id, user_id=user_id, status=status))


async def seat_of(db: Database, session_id: int, user_id: int) -> Seat:
    async with db.read() as session:
        seat = await session.scalar(
            select(Seat).where(Seat.session_id == session_id, Seat.user_id == user_id)
        )
    assert seat is not None
    return seat


@pytest.fixture
async def world(database: Database) -> World:
    """A leader's workshop with two sessions; teachers 2001-2003 registered, 2004 waitlisted."""
    await add_people(database, LEADER, COORDINATOR, TEACHER, OTHER_LEADER)
    await add_people(database, 2001, 2002, 2003, 2004, 2005)
    async with database.write() as session:
        workshop = Workshop(
            leader_id=LEADER,
            title="Функционалдық сауаттылық",
            method="Сұрақ қою әдісі",
            audience="5-9 сынып",
            status=WorkshopStatus.APPROVED,
        )
        session.add(workshop)
        await session.flush()
        first = EventSession(
            workshop_id=workshop.id, topic="Сын тұрғысынан ойлау", starts_at=STARTS
        )
        second = EventSession(
            workshop_id=workshop.id, topic="Бағалау", starts_at=STARTS + timedelta(days=30)
        )
        session.add_all([first, second])
        await session.flush()
        first_id, second_id = first.id, second.id
    for user_id in (2001, 2002, 2003):
        await add_seat(database, first_id, user_id, SeatStatus.REGISTERED)
    await add_seat(database, first_id, 2004, SeatStatus.WAITLISTED)
    await add_seat(database, second_id, 2005, SeatStatus.REGISTERED)
    clock = FakeClock()
    return World(AttendanceService(database, clock), clock, first_id, second_id)


# --- the leader's roll call ---


async def test_the_leader_marks_a_participant_present_and_unmarks_them(
    world: World, database: Database
) -> None:
    assert await world.service.toggle(LEADER_ACTOR, world.session_id, 2001) is True
    assert (await seat_of(database, world.session_id, 2001)).attended is True
    page = await world.service.registrants(LEADER_ACTOR, world.session_id)
    assert (page.present, page.total) == (1, 3)
    assert [(p.user_id, p.attended) for p in page.items] == [
        (2001, True),
        (2002, False),
        (2003, False),
    ]

    assert await world.service.toggle(LEADER_ACTOR, world.session_id, 2001) is False
    assert (await seat_of(database, world.session_id, 2001)).attended is False


async def test_a_coordinator_may_mark_attendance_too(world: World) -> None:
    assert await world.service.toggle(COORDINATOR_ACTOR, world.session_id, 2002) is True


async def test_a_teacher_cannot_mark_attendance(world: World, database: Database) -> None:
    with pytest.raises(PermissionDenied):
        await world.service.toggle(TEACHER_ACTOR, world.session_id, 2001)
    with pytest.raises(PermissionDenied):
        await world.service.registrants(TEACHER_ACTOR, world.session_id)
    assert (await seat_of(database, world.session_id, 2001)).attended is False


async def test_another_workshops_leader_cannot_mark_or_open_check_in(world: World) -> None:
    with pytest.raises(PermissionDenied):
        await world.service.toggle(OTHER_LEADER_ACTOR, world.session_id, 2001)
    with pytest.raises(PermissionDenied):
        await world.service.open_checkin(OTHER_LEADER_ACTOR, world.session_id)
    with pytest.raises(PermissionDenied):
        await world.service.close_checkin(TEACHER_ACTOR, world.session_id)


async def test_a_person_without_a_seat_in_that_session_cannot_be_marked(world: World) -> None:
    # No seat at all; a seat in the workshop's other session; a waitlisted seat.
    for user_id in (TEACHER, 2005, 2004):
        with pytest.raises(NotFound):
            await world.service.toggle(LEADER_ACTOR, world.session_id, user_id)
    with pytest.raises(NotFound):
        await world.service.toggle(LEADER_ACTOR, 999_999, 2001)


async def test_the_list_shows_only_registered_people_ten_to_a_page(
    world: World, database: Database
) -> None:
    extra = list(range(3001, 3013))
    await add_people(database, *extra)
    for user_id in extra:
        await add_seat(database, world.session_id, user_id, SeatStatus.REGISTERED)
    await add_seat(database, world.session_id, 2005, SeatStatus.CANCELLED)

    first = await world.service.registrants(LEADER_ACTOR, world.session_id, 0)
    last = await world.service.registrants(LEADER_ACTOR, world.session_id, 99)
    assert (first.total, first.pages, len(first.items)) == (15, 2, PAGE_SIZE)
    assert (last.page, len(last.items)) == (1, 5)
    listed = {p.user_id for p in first.items} | {p.user_id for p in last.items}
    assert listed == {2001, 2002, 2003, *extra}


# --- check-in by code ---


async def test_a_participant_checks_in_with_the_code_during_the_session(
    world: World, database: Database
) -> None:
    code = await world.service.open_checkin(LEADER_ACTOR, world.session_id)
    assert len(code) == 6
    assert code.isdigit()
    # Opening again (a double tap) keeps the code already announced.
    assert await world.service.open_checkin(LEADER_ACTOR, world.session_id) == code

    world.clock.moment = STARTS + timedelta(minutes=20)
    outcome = await world.service.check_in(2001, f" {code[:3]} {code[3:]} ")
    assert outcome.result is CheckinResult.CHECKED_IN
    assert outcome.topic == "Сын тұрғысынан ойлау"
    assert (await seat_of(database, world.session_id, 2001)).attended is True

    again = await world.service.check_in(2001, code)
    assert again.result is CheckinResult.ALREADY


async def test_a_code_does_not_work_before_the_session_or_long_after_it(
    world: World, database: Database
) -> None:
    world.clock.moment = STARTS - timedelta(hours=2)
    code = await world.service.open_checkin(LEADER_ACTOR, world.session_id)

    early = await world.service.check_in(2001, code)
    assert early.result is CheckinResult.TOO_EARLY
    assert early.opens_at == STARTS - timedelta(minutes=15)

    world.clock.moment = STARTS + timedelta(minutes=90 + 31)
    assert (await world.service.check_in(2001, code)).result is CheckinResult.ENDED
    assert (await seat_of(database, world.session_id, 2001)).attended is False

    # The edges of the window are inside it.
    world.clock.moment = STARTS - timedelta(minutes=15)
    assert (await world.service.check_in(2001, code)).result is CheckinResult.CHECKED_IN
    world.clock.moment = STARTS + timedelta(minutes=90 + 30)
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
        world.clock.moment = STARTS + timedelta(minutes=minute)
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

    world.clock.moment = STARTS + timedelta(minutes=60, seconds=1)
    assert (await world.service.check_in(2001, code)).result is CheckinResult.CHECKED_IN


async def test_closing_check_in_invalidates_the_code(world: World, database: Database) -> None:
    code = await world.service.open_checkin(LEADER_ACTOR, world.session_id)
    assert (await world.service.registrants(LEADER_ACTOR, world.session_id)).checkin_open
    await world.service.close_checkin(LEADER_ACTOR, world.session_id)

    outcome = await world.service.check_in(2001, code)
    assert outcome.result is CheckinResult.WRONG_CODE
    assert (await seat_of(database, world.session_id, 2001)).attended is False
    page = await world.service.registrants(LEADER_ACTOR, world.session_id)
    assert not page.checkin_open
    assert page.checkin_possible
    # Opening again gives a fresh code.
    assert await world.service.open_checkin(LEADER_ACTOR, world.session_id)


async def test_check_in_cannot_be_opened_for_a_cancelled_or_long_finished_session(
    world: World, database: Database
) -> None:
    world.clock.moment = STARTS + timedelta(days=1)
    with pytest.raises(CheckinOver):
        await world.service.open_checkin(LEADER_ACTOR, world.session_id)
    page = await world.service.registrants(LEADER_ACTOR, world.session_id)
    assert not page.checkin_possible

    async with database.write() as session:
        second = await session.get(EventSession, world.other_session_id)
        assert second is not None
        second.status = SessionStatus.CANCELLED
    with pytest.raises(SessionCancelled):
        await world.service.open_checkin(LEADER_ACTOR, world.other_session_id)


# --- what the handlers send ---

LIMIT = 64


@pytest.mark.parametrize(
    "item",
    [
        AttendanceCb(session_id=BIG_ID, user_id=BIG_ID, page=BIG_ID),
        CheckinOpenCb(session_id=BIG_ID),
        CheckinCloseCb(session_id=BIG_ID),
    ],
    ids=lambda item: type(item).__name__,
)
def test_callback_data_with_the_largest_ids_fits(item: CallbackData) -> None:
    assert len(item.pack().encode("utf-8")) <= LIMIT


def big_page(*, checkin_code: str | None, possible: bool) -> RegistrantsPage:
    event = EventSession(id=BIG_ID, topic="<b>Ө</b>" * 100, starts_at=STARTS, duration_minutes=90)
    event.checkin_code = checkin_code
    items = [Registrant(BIG_ID - n, "Ө" * 200 if n else None, n % 2 == 0) for n in range(10)]
    return RegistrantsPage(event, items, BIG_ID - 2, BIG_ID, 5, 10 * BIG_ID, possible)


def buttons(markup: InlineKeyboardMarkup) -> list[tuple[str, str]]:
    return [(b.text, b.callback_data or "") for row in markup.inline_keyboard for b in row]


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_list_and_the_code_message_render_with_the_largest_ids(language: str) -> None:
    core = build_core("kk")
    await core.startup()
    i18n = I18nContext(language, core, MemoryManager(), {})
    zone = load_zone("Asia/Almaty")
    for page in (
        big_page(checkin_code="123456", possible=True),
        big_page(checkin_code=None, possible=True),
    ):
        markup = registrants_keyboard(i18n, page)
        for text, data in buttons(markup) + buttons(checkin_keyboard(i18n, BIG_ID)):
            assert 0 < len(data.encode("utf-8")) <= LIMIT, data
            assert len(text) <= BUTTON_TEXT_MAX
        assert "<b>Ө</b>" not in registrants_text(i18n, page, zone)
        assert "15:00" in registrants_text(i18n, page, zone)
    text = checkin_text(i18n, big_page(checkin_code="123456", possible=True), "012345", zone)
    assert "<code>012345</code>" in text
    datas = [
        d
        for _, d in buttons(registrants_keyboard(i18n, big_page(checkin_code=None, possible=False)))
    ]
    assert not any(d.startswith(("cko:", "ckc:")) for d in datas)


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
