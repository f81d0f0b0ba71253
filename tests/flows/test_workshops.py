"""Workshops from the leader's and the coordinator's side (rules of 000): a proposal, the
methodical council's decision, one session a month picked on a calendar, and moving it.

The clock stands at Wednesday 25 November 2026, 11:00 in Almaty, unless a test moves it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram_dialog.widgets.kbd.calendar_kbd import raw_from_date
from aiogram_i18n import I18nContext
from sqlalchemy import select

from bot.i18n import context_for
from bot.views.sessions import SessionCb
from bot.views.workshops import WorkshopCb, WorkshopDecisionCb
from storage.models import (
    EventSession,
    OutboxItem,
    Role,
    SeatStatus,
    SessionStatus,
    Workshop,
    WorkshopStatus,
)
from tests.flows.conftest import InProcessBot
from tests.support.factories import (
    SESSION_TOPIC,
    WORKSHOP_TITLE,
    add_seat,
    add_teacher,
    approved_workshop,
    scheduled_session,
)
from tests.support.telegram import JSONDict, Person, buttons, visible

LEADER, OTHER_LEADER, TEACHER = 3001, 3002, 3003
COORDINATORS = (3101, 3102)
TITLE = "Жобалық оқыту арқылы функционалдық сауаттылық"
METHOD = "Оқушылар шағын топпен нақты өмірден алынған есептерді шешеді, зерттейді."
AUDIENCE = "математика, 5–9 сыныптар"
PLAN = "Қыркүйек: кіріспе. Қазан: жобалар. Қараша: бағалау."
DECEMBER_15_AT_15 = datetime(2026, 12, 15, 10, 0, tzinfo=UTC)  # 15:00 in Almaty


def shown(answer: list[str]) -> str:
    return "\n".join(visible(text) for text in answer)


def texts(app: InProcessBot, language: str) -> I18nContext:
    return context_for(app.dispatcher["i18n_core"], language)


async def leader(app: InProcessBot, user_id: int = LEADER, language: str = "kk") -> Person:
    await add_teacher(app.database, user_id, Role.LEADER, language=language)
    return app.person(user_id, "Әсел", language)


async def coordinators(app: InProcessBot, language: str = "kk") -> list[Person]:
    people = []
    for user_id in COORDINATORS:
        await add_teacher(app.database, user_id, Role.COORDINATOR, language=language)
        people.append(app.person(user_id, "Сара", language))
    return people


async def stored_workshops(app: InProcessBot) -> list[Workshop]:
    async with app.database.read() as session:
        return list(await session.scalars(select(Workshop).order_by(Workshop.id)))


async def stored_sessions(app: InProcessBot, workshop_id: int) -> list[EventSession]:
    async with app.database.read() as session:
        query = select(EventSession).where(EventSession.workshop_id == workshop_id)
        return list((await session.scalars(query.order_by(EventSession.starts_at))).unique())


async def queued(app: InProcessBot, purpose: str) -> list[OutboxItem]:
    async with app.database.read() as session:
        query = select(OutboxItem).where(OutboxItem.purpose == purpose)
        return list((await session.scalars(query.order_by(OutboxItem.chat_id))).unique())


async def queued_like(app: InProcessBot, prefix: str) -> list[OutboxItem]:
    async with app.database.read() as session:
        query = select(OutboxItem).where(OutboxItem.purpose.startswith(prefix))
        return list((await session.scalars(query)).unique())


def day_button(person: Person, day: int) -> tuple[JSONDict, str]:
    """The calendar's button for `day` of the month shown ("05", or "[ 05 ]" for today)."""
    wanted = f"{day:02d}"
    for message in reversed(person.session.chat_messages(person.id)):
        for text, data in buttons(message):
            if text.strip("[] ") == wanted and data:
                return message, data
    raise AssertionError(f"no day {wanted} in the calendar; buttons: {person.buttons()}")


def offers_day(person: Person, day: int) -> bool:
    return any(text.strip("[] ") == f"{day:02d}" and data for text, data in buttons(person.last()))


async def tap_day(person: Person, day: int) -> list[str]:
    message, data = day_button(person, day)
    return await person.press(message, data)


async def crafted(app: InProcessBot, person: Person, data: str) -> list[str]:
    """Press a button with callback data the bot never gave this person."""
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="crafted", callback_data=data)]]
    )
    await app.bot.send_message(person.id, "…", reply_markup=markup)
    return await person.tap("crafted")


async def propose_in_kazakh(person: Person) -> str:
    await person.say("/propose")
    await person.say(TITLE)
    await person.tap("Математика")
    await person.say(METHOD)
    await person.say(AUDIENCE)
    return shown(await person.say(PLAN))


async def open_schedule_form(person: Person, title: str = WORKSHOP_TITLE) -> str:
    await person.say("/myworkshops")
    await person.tap(title)
    return shown(await person.tap("Отырыс жоспарлау"))


# ------------------------------------------------------------------ proposing


async def test_a_leader_proposes_in_kazakh_and_every_coordinator_is_queued_the_notice(
    app: InProcessBot,
) -> None:
    asel = await leader(app)
    sara, timur = await coordinators(app)
    await add_teacher(app.database, COORDINATORS[1] + 1, Role.COORDINATOR, language="ru")

    assert "атауын жазыңыз" in shown(await asel.say("/propose"))
    assert "5-тен 200 таңбаға дейін" in shown(await asel.say("Жоба"))
    assert "қай пәнге арналған" in shown(await asel.say(TITLE))
    assert "Бірнеше пәнге" in asel.buttons()
    assert "Авторлық әдістемеңізді" in shown(await asel.tap("Математика"))
    assert "20-дан 3000 таңбаға дейін" in shown(await asel.say("Қысқа әдіс"))
    assert "Шеберхана кімдерге арналған" in shown(await asel.say(METHOD))
    assert "Жылдық жұмыс жоспарын" in shown(await asel.say(AUDIENCE))
    assert "20–3500 таңбамен" in shown(await asel.say("Жоспар"))
    sent = shown(await asel.say(PLAN))
    assert f"«{TITLE}» шеберханасы туралы ұсыныс үйлестірушілерге жіберілді" in sent
    # The form's message keeps no buttons to press once the proposal is sent.
    assert all(not list(buttons(m)) for m in app.session.chat_messages(asel.id))

    (workshop,) = await stored_workshops(app)
    assert (workshop.title, workshop.method, workshop.audience, workshop.plan_text) == (
        TITLE,
        METHOD,
        AUDIENCE,
        PLAN,
    )
    assert workshop.status == WorkshopStatus.PROPOSED
    assert workshop.subject_id is not None
    rows = await queued(app, f"workshop-proposed:{workshop.id}")
    assert [row.chat_id for row in rows] == [*COORDINATORS, COORDINATORS[1] + 1]
    assert "Жаңа шеберхана ұсынысы" in (rows[0].content.text or "")
    assert "Новое предложение шеберханы" in (rows[2].content.text or "")

    await app.deliver()
    assert "Жаңа шеберхана ұсынысы" in sara.last_text()
    assert sara.buttons() == ["✅ Мақұлдау", "❌ Қабылдамау"]
    assert TITLE in timur.last_text()


async def test_the_plan_can_be_a_document_and_nothing_else(app: InProcessBot) -> None:
    asel = await leader(app)
    await asel.say("/propose")
    await asel.say(TITLE)
    await asel.tap("Бірнеше пәнге")
    await asel.say(METHOD)
    await asel.say(AUDIENCE)
    sticker = {"file_id": "st", "file_unique_id": "st", "type": "regular"}
    sticker |= {"width": 512, "height": 512, "is_animated": False, "is_video": False}
    assert "құжат етіп жіберіңіз" in shown(await asel.send(sticker=sticker))
    document = {"file_id": "plan-file", "file_unique_id": "plan", "file_name": "жоспар.pdf"}
    assert "үйлестірушілерге жіберілді" in shown(await asel.send(document=document))
    (workshop,) = await stored_workshops(app)
    assert (workshop.subject_id, workshop.plan_text, workshop.plan_file_id) == (
        None,
        None,
        "plan-file",
    )


async def test_back_and_cancel_in_the_proposal_form(app: InProcessBot) -> None:
    asel = await leader(app)
    await asel.say("/propose")
    await asel.say(TITLE)
    assert "атауын жазыңыз" in shown(await asel.tap("Артқа"))
    await asel.say(TITLE)
    assert "Тоқтатылды, ештеңе өзгерген жоқ" in shown(await asel.tap("Бас тарту"))
    assert asel.buttons() == []
    assert await stored_workshops(app) == []


async def test_a_teacher_without_the_leader_role_cannot_propose(app: InProcessBot) -> None:
    await add_teacher(app.database, TEACHER)
    aigul = app.person(TEACHER, "Айгүл")
    assert "шеберхана жетекшілеріне арналған" in shown(await aigul.say("/propose"))
    assert aigul.buttons() == []
    assert "шеберхана жетекшілеріне арналған" in shown(await aigul.say("/myworkshops"))
    await aigul.say(TITLE)
    assert await stored_workshops(app) == []


# ------------------------------------------------------------------ the council's decision


async def test_a_coordinator_approves_with_one_tap_and_the_leader_is_told(
    app: InProcessBot,
) -> None:
    asel = await leader(app)
    sara, timur = await coordinators(app)
    await propose_in_kazakh(asel)
    await app.deliver()

    assert "мақұлданды, жетекшіге хабарланды" in shown(await sara.tap("Мақұлдау"))
    assert sara.buttons() == []
    (workshop,) = await stored_workshops(app)
    assert (workshop.status, workshop.decided_by) == (WorkshopStatus.APPROVED, sara.id)
    # The second coordinator's notice is late: the decision is already made.
    assert "шешім қабылданып қойған" in shown(await timur.tap("Мақұлдау"))

    await app.deliver()
    assert "Құттықтаймыз!" in asel.last_text()


async def test_a_coordinator_rejects_with_a_reason_the_leader_receives(app: InProcessBot) -> None:
    asel = await leader(app)
    sara, _ = await coordinators(app)
    await propose_in_kazakh(asel)
    await app.deliver()
    notice = sara.last()["message_id"]

    asked = shown(await sara.tap("Қабылдамау"))
    assert f"«{TITLE}» ұсынысын қабылдамау себебін жазыңыз" in asked
    assert sara.last()["message_id"] == notice  # the notice became the question
    assert "3-тен 500 таңбаға дейін" in shown(await sara.say("Иә"))
    reason = "Жұмыс жоспарында отырыстардың тақырыптары көрсетілмеген."
    assert "қабылданбады, жетекшіге себебі жіберілді" in shown(await sara.say(reason))

    (workshop,) = await stored_workshops(app)
    assert (workshop.status, workshop.rejection_reason) == (WorkshopStatus.REJECTED, reason)
    await app.deliver()
    assert "ұсынысыңыз қабылданбады" in asel.last_text()
    assert reason in asel.last_text()


async def test_back_from_the_reason_gives_the_proposal_its_buttons_again(
    app: InProcessBot,
) -> None:
    asel = await leader(app)
    sara, _ = await coordinators(app)
    await propose_in_kazakh(asel)
    await app.deliver()
    await sara.tap("Қабылдамау")
    assert "Жаңа шеберхана ұсынысы" in shown(await sara.tap("Артқа"))
    assert sara.buttons() == ["✅ Мақұлдау", "❌ Қабылдамау"]
    (workshop,) = await stored_workshops(app)
    assert workshop.status == WorkshopStatus.PROPOSED
    assert "мақұлданды" in shown(await sara.tap("Мақұлдау"))


async def test_a_teacher_cannot_decide_even_with_a_crafted_button(app: InProcessBot) -> None:
    await add_teacher(app.database, LEADER, Role.LEADER)
    workshop = await approved_workshop(app.database, LEADER, status=WorkshopStatus.PROPOSED)
    await add_teacher(app.database, TEACHER)
    aigul = app.person(TEACHER, "Айгүл")
    for approve in (True, False):
        data = WorkshopDecisionCb(id=workshop.id, approve=approve).pack()
        assert "құқығыңыз жоқ" in shown(await crafted(app, aigul, data))
    (stored,) = await stored_workshops(app)
    assert stored.status == WorkshopStatus.PROPOSED


# ------------------------------------------------------------------ scheduling


async def test_a_leader_schedules_a_session_by_tapping_a_date_and_a_time(
    app: InProcessBot,
) -> None:
    asel = await leader(app)
    workshop = await approved_workshop(app.database, LEADER)

    asked = await open_schedule_form(asel)
    assert f"«{WORKSHOP_TITLE}» шеберханасының отырысы қай күні өтеді" in asked
    assert "🗓 Қараша 2026" in asel.buttons()
    assert not offers_day(asel, 24)  # yesterday is not offered
    assert offers_day(asel, 25)
    assert offers_day(asel, 30)
    await asel.tap("▶️")
    assert "🗓 Желтоқсан 2026" in asel.buttons()

    when = shown(await tap_day(asel, 15))
    assert "15 желтоқсан. Отырыс сағат нешеде басталады?" in when
    times = [b for b in asel.buttons() if ":" in b]
    assert times[0] == "08:00"
    assert times[-1] == "20:00"
    assert len(times) == 25
    assert "15 желтоқсан, 15:00. Отырыс қанша уақытқа созылады?" in shown(await asel.tap("15:00"))
    assert "Онлайн сілтемені" in shown(await asel.tap("90 мин"))
    assert "http:// немесе https://" in shown(await asel.say("Zo"))
    assert "Қанша орын бар?" in shown(await asel.say("https://meet.example.kz/birgemiz-math"))
    assert "Отырыстың тақырыбы қандай?" in shown(await asel.tap("25"))
    done = shown(await asel.say(SESSION_TOPIC))
    assert f"«{SESSION_TOPIC}» отырысы жоспарланды" in done
    assert "https://t.me/birgemiz_bot?start=s" in done
    assert asel.buttons() == ["Отырысты ашу"]

    (event,) = await stored_sessions(app, workshop.id)
    assert event.starts_at == DECEMBER_15_AT_15
    assert (event.duration_minutes, event.capacity, event.topic) == (90, 25, SESSION_TOPIC)
    assert (event.link, event.place) == ("https://meet.example.kz/birgemiz-math", None)


async def test_a_leader_types_a_time_and_a_number_of_seats(app: InProcessBot) -> None:
    asel = await leader(app)
    workshop = await approved_workshop(app.database, LEADER)
    await open_schedule_form(asel)
    await asel.tap("▶️")
    await tap_day(asel, 10)
    assert "Уақытты осылай жазыңыз" in shown(await asel.say("кешкі бесте"))
    assert "10 желтоқсан, 17:45" in shown(await asel.say("17:45"))
    await asel.tap("60 мин")
    await asel.say("Тараз қ., №5 мектеп, акт залы")
    await asel.say("40")
    await asel.say(SESSION_TOPIC)
    (event,) = await stored_sessions(app, workshop.id)
    assert event.starts_at == datetime(2026, 12, 10, 12, 45, tzinfo=UTC)
    assert (event.capacity, event.place, event.link) == (40, "Тараз қ., №5 мектеп, акт залы", None)


async def test_a_second_session_in_the_month_is_refused_and_another_day_can_be_picked(
    app: InProcessBot,
) -> None:
    asel = await leader(app)
    workshop = await approved_workshop(app.database, LEADER)
    await scheduled_session(app.database, workshop.id, DECEMBER_15_AT_15)
    await open_schedule_form(asel)
    await asel.tap("▶️")

    refused = shown(await tap_day(asel, 22))
    assert "Шеберхана айына бір рет өтеді" in refused
    assert offers_day(asel, 22)  # the calendar is still there
    await asel.tap("▶️")  # January
    assert "5 қаңтар. Отырыс сағат нешеде" in shown(await tap_day(asel, 5))


async def test_the_month_rule_holds_at_the_last_step_too(app: InProcessBot) -> None:
    """A session another tab scheduled meanwhile: the form says so and stays open."""
    asel = await leader(app)
    workshop = await approved_workshop(app.database, LEADER)
    await open_schedule_form(asel)
    await asel.tap("▶️")
    await tap_day(asel, 15)
    await asel.tap("15:00")
    await asel.tap("90 мин")
    await asel.say("https://meet.example.kz/x")
    await asel.tap("Шектеусіз")
    await scheduled_session(app.database, workshop.id, DECEMBER_15_AT_15 + timedelta(days=3))
    answer = await asel.say(SESSION_TOPIC)
    # The calendar comes again, and under it why.
    assert "қай күні өтеді" in answer[0]
    assert "айына бір рет" in answer[-1]
    assert "Шеберхана айына бір рет өтеді" in shown(await tap_day(asel, 22))
    assert len(await stored_sessions(app, workshop.id)) == 1


async def test_a_coordinator_may_schedule_a_second_session_in_a_month(app: InProcessBot) -> None:
    await add_teacher(app.database, LEADER, Role.LEADER)
    workshop = await approved_workshop(app.database, LEADER)
    await scheduled_session(app.database, workshop.id, DECEMBER_15_AT_15)
    await add_teacher(app.database, COORDINATORS[0], Role.COORDINATOR)
    sara = app.person(COORDINATORS[0], "Сара")
    await crafted(app, sara, WorkshopCb(id=workshop.id, action="schedule").pack())
    await sara.tap("▶️")
    assert "сағат нешеде" in shown(await tap_day(sara, 22))


async def test_past_days_are_not_offered_and_a_crafted_one_is_refused(app: InProcessBot) -> None:
    asel = await leader(app)
    await approved_workshop(app.database, LEADER)
    await open_schedule_form(asel)
    assert [d for d in range(1, 25) if offers_day(asel, d)] == []
    message, data = day_button(asel, 26)
    past = data.rsplit(":", 1)[0] + f":{raw_from_date(date(2026, 11, 20))}"
    assert "Бұл уақыт өтіп кетті" in shown(await asel.press(message, past))
    assert offers_day(asel, 26)


async def test_a_typed_time_already_past_today_is_refused(app: InProcessBot) -> None:
    asel = await leader(app)
    workshop = await approved_workshop(app.database, LEADER)
    await open_schedule_form(asel)
    await tap_day(asel, 25)  # today, 11:00 in Almaty
    times = [b for b in asel.buttons() if ":" in b]
    assert times[0] == "11:30"  # only the times still ahead
    assert "Бұл уақыт өтіп кетті" in shown(await asel.say("09:00"))
    assert "25 қараша, 18:00" in shown(await asel.say("18:00"))
    await asel.tap("45 мин")
    await asel.say("https://meet.example.kz/x")
    await asel.tap("Шектеусіз")
    await asel.say(SESSION_TOPIC)
    (event,) = await stored_sessions(app, workshop.id)
    assert (event.starts_at, event.capacity) == (datetime(2026, 11, 25, 13, tzinfo=UTC), None)


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [("0", False), ("10001", False), ("-5", False), ("көп", False), ("1", True), ("10000", True)],
)
async def test_capacity_bounds(app: InProcessBot, typed: str, accepted: bool) -> None:
    asel = await leader(app)
    await approved_workshop(app.database, LEADER)
    await open_schedule_form(asel)
    await tap_day(asel, 27)
    await asel.tap("15:00")
    await asel.tap("90 мин")
    await asel.say("https://meet.example.kz/x")
    answer = shown(await asel.say(typed))
    if accepted:
        assert "Отырыстың тақырыбы қандай?" in answer
    else:
        assert "1-ден 10000-ға дейінгі санмен" in answer


async def test_a_teacher_cannot_schedule_another_leaders_workshop(app: InProcessBot) -> None:
    await add_teacher(app.database, LEADER, Role.LEADER)
    workshop = await approved_workshop(app.database, LEADER)
    await add_teacher(app.database, TEACHER)
    aigul = app.person(TEACHER, "Айгүл")
    data = WorkshopCb(id=workshop.id, action="schedule").pack()
    assert "құқығыңыз жоқ" in shown(await crafted(app, aigul, data))
    assert "құқығыңыз жоқ" in shown(
        await crafted(app, aigul, WorkshopCb(id=workshop.id, action="open").pack())
    )
    other = await leader(app, OTHER_LEADER)
    assert "құқығыңыз жоқ" in shown(await crafted(app, other, data))
    assert await stored_sessions(app, workshop.id) == []


async def test_a_workshop_not_yet_approved_gets_no_sessions(app: InProcessBot) -> None:
    asel = await leader(app)
    workshop = await approved_workshop(app.database, LEADER, status=WorkshopStatus.PROPOSED)
    await asel.say("/myworkshops")
    card = shown(await asel.tap(WORKSHOP_TITLE))
    assert "Әдістемелік кеңестің шешімін күтуде" in card
    assert "➕ Отырыс жоспарлау" not in asel.buttons()
    data = WorkshopCb(id=workshop.id, action="schedule").pack()
    assert "әдістемелік кеңес мақұлдаған шеберханаға ғана" in shown(await crafted(app, asel, data))


async def test_a_button_of_a_closed_form_is_stale(app: InProcessBot) -> None:
    asel = await leader(app)
    await approved_workshop(app.database, LEADER)
    await open_schedule_form(asel)
    message, data = day_button(asel, 27)
    assert "Тоқтатылды" in shown(await asel.tap("Бас тарту"))
    assert "Бұл батырма ескірген" in shown(await asel.press(message, data))


# ------------------------------------------------------------------ moving


async def test_a_leader_moves_a_session_and_everyone_signed_up_is_told(
    app: InProcessBot,
) -> None:
    asel = await leader(app)
    workshop = await approved_workshop(app.database, LEADER)
    event = await scheduled_session(app.database, workshop.id, DECEMBER_15_AT_15)
    await add_teacher(app.database, TEACHER, language="ru")
    await add_seat(app.database, event.id, TEACHER, SeatStatus.REGISTERED)

    await asel.say("/myworkshops")
    await asel.tap(WORKSHOP_TITLE)
    await asel.tap(SESSION_TOPIC)
    asked = shown(await asel.tap("Уақытын ауыстыру"))
    assert f"«{SESSION_TOPIC}» отырысы қазір: 15 желтоқсан, 15:00" in asked
    await asel.tap("▶️")
    assert "18 желтоқсан" in shown(await tap_day(asel, 18))  # its own month is free to it
    moved = shown(await asel.tap("16:30"))
    assert "Отырыс ауыстырылды" in moved
    assert "18 желтоқсан, 16:30" in moved
    assert "Хабарланатындар: 1" in moved
    assert asel.buttons() == []

    (stored,) = await stored_sessions(app, workshop.id)
    assert stored.starts_at == datetime(2026, 12, 18, 11, 30, tzinfo=UTC)
    rows = await queued_like(app, f"moved:{event.id}")
    assert [r.chat_id for r in rows] == [TEACHER]
    await app.deliver()
    told = app.person(TEACHER, "Ольга", "ru")
    assert "Время занятия изменилось" in told.last_text()


async def test_moving_into_a_month_that_has_a_session_is_refused(app: InProcessBot) -> None:
    asel = await leader(app)
    workshop = await approved_workshop(app.database, LEADER)
    event = await scheduled_session(app.database, workshop.id, DECEMBER_15_AT_15)
    await scheduled_session(app.database, workshop.id, datetime(2027, 1, 12, 10, tzinfo=UTC))
    await asel.say("/myworkshops")
    await asel.tap(WORKSHOP_TITLE)
    await asel.tap(SESSION_TOPIC)
    await asel.tap("Уақытын ауыстыру")
    await asel.tap("▶️")
    await asel.tap("▶️")
    assert "айына бір рет" in shown(await tap_day(asel, 20))
    async with app.database.read() as session:
        stored = await session.get(EventSession, event.id)
        assert stored is not None
        assert stored.starts_at == DECEMBER_15_AT_15


async def test_a_cancelled_session_cannot_be_moved(app: InProcessBot) -> None:
    asel = await leader(app)
    workshop = await approved_workshop(app.database, LEADER)
    event = await scheduled_session(
        app.database, workshop.id, DECEMBER_15_AT_15, status=SessionStatus.CANCELLED
    )
    data = SessionCb(id=event.id, action="move").pack()
    assert "басталып кеткен немесе тоқтатылған" in shown(await crafted(app, asel, data))


# ------------------------------------------------------------------ every window, every language


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
async def test_every_window_renders_in_each_language(app: InProcessBot, language: str) -> None:
    t = texts(app, language)
    person = await leader(app, language=language)
    coordinator = (await coordinators(app, language))[0]
    steps: dict[str, str] = {}

    # The proposal, and a coordinator's rejection with its reason.
    steps["title"] = shown(await person.say("/propose"))
    steps["subject"] = shown(await person.say(TITLE))
    steps["method"] = shown(await person.tap(person.buttons()[0]))
    steps["audience"] = shown(await person.say(METHOD))
    steps["plan"] = shown(await person.say(AUDIENCE))
    steps["sent"] = shown(await person.say(PLAN))
    await app.deliver()
    steps["reason"] = shown(await coordinator.tap(t.get("workshop-reject")))
    steps["rejected"] = shown(await coordinator.say("Жоспар толық емес, қайта жіберіңіз."))

    # Scheduling a session of an approved workshop.
    workshop = await approved_workshop(app.database, person.id, title="Lesson Study")
    await person.say("/myworkshops")
    await person.tap("Lesson Study")
    steps["day"] = shown(await person.tap(t.get("workshop-schedule")))
    await person.tap("▶️")
    steps["time"] = shown(await tap_day(person, 15))
    steps["duration"] = shown(await person.tap("15:00"))
    steps["place"] = shown(await person.tap(t.get("schedule-minutes", minutes=90)))
    steps["capacity"] = shown(await person.say("https://meet.example.kz/x"))
    steps["topic"] = shown(await person.tap("30"))
    steps["scheduled"] = shown(await person.say(SESSION_TOPIC))

    # Moving it.
    await person.say("/myworkshops")
    await person.tap("Lesson Study")
    await person.tap(SESSION_TOPIC)
    steps["move day"] = shown(await person.tap(t.get("manage-move")))
    await person.tap("▶️")
    steps["move time"] = shown(await tap_day(person, 17))
    steps["moved"] = shown(await person.say("16:00"))

    expected = {
        "title": t.get("propose-title"),
        "subject": t.get("propose-subject"),
        "method": t.get("propose-method"),
        "audience": t.get("propose-audience"),
        "plan": t.get("propose-plan"),
        "sent": t.get("propose-sent", title=TITLE),
        "reason": t.get("workshop-reject-reason", title=TITLE),
        "rejected": t.get("workshop-rejected-by-you", title=TITLE),
        "day": t.get("schedule-day", title="Lesson Study"),
        "time": t.get("schedule-time", day=15, month=t.get("month-12")),
        "place": t.get("schedule-place"),
        "capacity": t.get("schedule-capacity"),
        "topic": t.get("schedule-topic"),
        "move time": t.get("schedule-time", day=17, month=t.get("month-12")),
    }
    for step, text in expected.items():
        assert visible(text) in steps[step], step
    assert t.get("month-12") in steps["duration"]
    assert (
        visible(t.get("schedule-done", topic=SESSION_TOPIC, link="")).split("\n")[0]
        in (steps["scheduled"])
    )
    assert SESSION_TOPIC in steps["move day"]
    assert t.get("month-12") in steps["moved"]
    assert len(await stored_sessions(app, workshop.id)) == 1
    assert all(steps.values())
