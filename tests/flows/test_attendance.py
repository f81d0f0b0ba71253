"""The roll call of a session ticked in one message, each tick stored at once, and check-in by
a code announced at the session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy import select, update

from bot.views.attendance import AttendanceCb, CheckinOpenCb
from storage.models import Role, Seat, SeatStatus, Workshop
from tests.flows.conftest import InProcessBot
from tests.support.factories import add_seat, add_teacher, approved_workshop, scheduled_session
from tests.support.telegram import Person, visible

LEADER, TEACHER = 3001, 3002
PEOPLE = (3101, 3102, 3103)


def joined(shown: list[str]) -> str:
    return visible("\n".join(shown))


@dataclass
class Scene:
    session_id: int
    workshop_id: int


@pytest.fixture
async def scene(app: InProcessBot) -> Scene:
    """A leader's session in an hour, three teachers registered and one on the waitlist."""
    db = app.database
    await add_teacher(db, LEADER, Role.LEADER, name="Нұрланова Әсел")
    await add_teacher(db, TEACHER, name="Серікова Дана")
    for user_id in PEOPLE:
        await add_teacher(db, user_id, name=f"Мұғалім {user_id}")
    await add_teacher(db, 3104, name="Күтуші Мұғалім")
    workshop = await approved_workshop(db, LEADER)
    event = await scheduled_session(db, workshop.id, app.clock.now() + timedelta(hours=1))
    for user_id in PEOPLE:
        await add_seat(db, event.id, user_id)
    await add_seat(db, event.id, 3104, SeatStatus.WAITLISTED)
    return Scene(event.id, workshop.id)


async def session_screen(app: InProcessBot, person: Person, session_id: int) -> None:
    """The two buttons the leader's session screen carries (bot/views/sessions.py)."""
    kb = InlineKeyboardBuilder()
    kb.button(text="🧾 Қатысуды белгілеу", callback_data=AttendanceCb(session_id=session_id))
    kb.button(text="🔢 Кодпен белгілену", callback_data=CheckinOpenCb(session_id=session_id))
    await app.bot.send_message(person.id, "Отырыс", reply_markup=kb.as_markup())


async def attended(app: InProcessBot, session_id: int) -> set[int]:
    async with app.database.read() as session:
        rows = await session.scalars(
            select(Seat.user_id).where(Seat.session_id == session_id, Seat.attended.is_(True))
        )
        return set(rows)


async def test_the_leader_marks_two_of_three_present_and_it_is_stored(
    app: InProcessBot, scene: Scene
) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene.session_id)
    shown = joined(await leader.tap("Қатысуды белгілеу"))
    assert "Қатысу тізімі" in shown
    assert "Қатысқандар: 0 / 3" in shown
    assert "Күтуші" not in " ".join(leader.buttons())  # the waitlist is not on the list

    assert "Қатысты деп белгіленді" in joined(await leader.tap("Мұғалім 3101"))
    assert await attended(app, scene.session_id) == {3101}  # stored at the tap
    shown = joined(await leader.tap("Мұғалім 3103"))
    assert "Қатысқандар: 2 / 3" in shown
    assert "✅ Мұғалім 3101" in leader.buttons()
    assert "▫️ Мұғалім 3102" in leader.buttons()
    assert await attended(app, scene.session_id) == {3101, 3103}

    done = joined(await leader.tap("Дайын"))
    assert "Белгілер сақталды. Қатысқандар: 2 / 3" in done
    assert leader.buttons() == []


async def test_a_second_tap_takes_the_mark_away(app: InProcessBot, scene: Scene) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene.session_id)
    await leader.tap("Қатысуды белгілеу")
    await leader.tap("Мұғалім 3102")
    assert "Белгі алынды" in joined(await leader.tap("Мұғалім 3102"))
    assert await attended(app, scene.session_id) == set()


async def test_the_list_shows_who_checked_in_meanwhile(app: InProcessBot, scene: Scene) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene.session_id)
    await leader.tap("Қатысуды белгілеу")
    async with app.database.write() as session:
        await session.execute(
            update(Seat)
            .where(Seat.session_id == scene.session_id, Seat.user_id == 3102)
            .values(attended=True)
        )
    # Ticking 3102, drawn unticked, still means present: it is not flipped back to absent.
    await leader.tap("Мұғалім 3102")
    assert "✅ Мұғалім 3102" in leader.buttons()
    await leader.tap("Мұғалім 3101")
    assert await attended(app, scene.session_id) == {3101, 3102}


async def test_a_teacher_cannot_open_the_roll_call(app: InProcessBot, scene: Scene) -> None:
    teacher = app.person(TEACHER, "Дана", "kk")
    await session_screen(app, teacher, scene.session_id)
    shown = joined(await teacher.tap("Қатысуды белгілеу"))
    assert "Бұл әрекетке құқығыңыз жоқ" in shown
    assert "Қатысу тізімі" not in shown
    assert "Бұл әрекетке құқығыңыз жоқ" in joined(await teacher.tap("Кодпен белгілену"))
    assert await attended(app, scene.session_id) == set()


async def test_each_tick_is_checked_again_on_the_server(app: InProcessBot, scene: Scene) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene.session_id)
    await leader.tap("Қатысуды белгілеу")
    async with app.database.write() as session:  # the workshop passes to another leader
        await session.execute(
            update(Workshop).where(Workshop.id == scene.workshop_id).values(leader_id=TEACHER)
        )
    assert "Бұл әрекетке құқығыңыз жоқ" in joined(await leader.tap("Мұғалім 3101"))
    assert await attended(app, scene.session_id) == set()


async def test_someone_who_gave_up_the_seat_cannot_be_ticked(
    app: InProcessBot, scene: Scene
) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene.session_id)
    await leader.tap("Қатысуды белгілеу")
    async with app.database.write() as session:
        await session.execute(
            update(Seat)
            .where(Seat.session_id == scene.session_id, Seat.user_id == 3103)
            .values(status=SeatStatus.CANCELLED)
        )
    assert "жазылмаған немесе жазылудан бас тартқан" in joined(await leader.tap("Мұғалім 3103"))
    # The roll call stays open for the others.
    assert "Қатысқандар: 1 / 2" in joined(await leader.tap("Мұғалім 3101"))
    assert "▫️ Мұғалім 3103" not in leader.buttons()


async def test_a_long_list_scrolls_ten_names_at_a_time(app: InProcessBot, scene: Scene) -> None:
    for user_id in range(3201, 3210):
        await add_teacher(app.database, user_id, name=f"Тыңдаушы {user_id}")
        await add_seat(app.database, scene.session_id, user_id)
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene.session_id)
    await leader.tap("Қатысуды белгілеу")
    names = [b for b in leader.buttons() if "Мұғалім" in b or "Тыңдаушы" in b]
    assert len(names) == 10
    await leader.tap(">")
    later = [b for b in leader.buttons() if "Мұғалім" in b or "Тыңдаушы" in b]
    assert len(later) == 2
    assert "Қатысқандар: 1 / 12" in joined(await leader.tap(later[0]))


async def test_the_check_in_code_marks_those_who_send_it(app: InProcessBot, scene: Scene) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene.session_id)
    shown = joined(await leader.tap("Кодпен белгілену"))
    assert "Қатысу коды:" in shown
    code = shown.split("/checkin ")[1][:6]
    assert code.isdigit()

    app.clock.advance(timedelta(hours=1, minutes=5))  # the session is on
    teacher = app.person(3101, "Мұғалім", "kk")
    assert "қатысқаныңыз белгіленді" in joined(await teacher.say(f"/checkin {code}"))
    assert await attended(app, scene.session_id) == {3101}

    shown = joined(await leader.tap("Қатысу тізімі"))
    assert f"Қатысу коды ашық: {code}" in shown
    assert "✅ Мұғалім 3101" in leader.buttons()
    assert "Қатысу коды жабылды" in joined(await leader.tap("Қатысу кодын жабу"))
    assert "Қатысу кодын ашу" in " ".join(leader.buttons())
    late = app.person(3102, "Мұғалім", "kk")
    assert "Код дұрыс емес" in joined(await late.say(f"/checkin {code}"))


async def test_the_code_is_opened_from_the_roll_call_too(app: InProcessBot, scene: Scene) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene.session_id)
    await leader.tap("Қатысуды белгілеу")
    assert "/checkin" in joined(await leader.tap("Қатысу кодын ашу"))
    assert "Қатысу коды ашық" in joined(await leader.tap("Қатысу тізімі"))


async def test_checkin_without_a_code_says_how(app: InProcessBot, scene: Scene) -> None:
    teacher = app.person(3101, "Мұғалім", "kk")
    assert "6 таңбалы кодты" in joined(await teacher.say("/checkin"))


async def test_a_button_of_a_roll_call_left_behind_is_stale(
    app: InProcessBot, scene: Scene
) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene.session_id)
    await leader.tap("Қатысуды белгілеу")
    # A second screen opens the code in a new message: the first roll call is over.
    await session_screen(app, leader, scene.session_id)
    await leader.tap("Кодпен белгілену")
    assert "ескірген" in joined(await leader.tap("Мұғалім 3101"))
    assert await attended(app, scene.session_id) == set()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
async def test_every_window_renders_in_each_language(
    app: InProcessBot, scene: Scene, language: str
) -> None:
    leader = app.person(LEADER, "Әсел", language)
    await leader.say("/language")  # the stored language is kk: take the reader's
    await leader.tap({"kk": "Қазақша", "ru": "Русский", "en": "English"}[language])
    await session_screen(app, leader, scene.session_id)
    shown: list[str] = []
    shown += await leader.tap("Қатысуды белгілеу")  # the roll call
    shown += await leader.tap("Мұғалім 3101")
    shown += await leader.tap("🔑")  # the code
    shown += await leader.tap("📋")  # back to the list, with the code open
    shown += await leader.tap("🔒")
    shown += await leader.tap({"kk": "Дайын", "ru": "Готово", "en": "Done"}[language])
    text = joined(shown)
    assert all(s.strip() for s in shown)
    words = {"kk": "Қатысқандар", "ru": "Присутствуют", "en": "Present"}[language]
    assert words in text
    assert "/checkin" in text
