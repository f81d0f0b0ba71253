"""A new teacher registers in one message edited in place; the profile is edited the same way."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.models import FsmRecord, SchoolRequest, User, UserSubject
from tests.flows.conftest import InProcessBot
from tests.support.telegram import Person, buttons


def joined(shown: list[str]) -> str:
    return "\n".join(shown)


async def register_kk(person: Person) -> str:
    await person.say("/start")
    await person.tap("Келісемін")
    await person.say("Ахметова Айгүл Серікқызы")
    await person.tap("Жамбыл облысы")
    await person.tap("Байзақ ауданы")
    await person.say("абай")
    await person.tap("Абай атындағы")
    await person.tap("Математика")
    await person.tap("Информатика")
    return joined(await person.tap("Дайын"))


async def test_a_teacher_registers_in_kazakh_in_one_message(app: InProcessBot) -> None:
    aigul = app.person(1001, "Айгүл", "kk")

    welcome = joined(await aigul.say("/start"))
    assert "Сәлеметсіз бе" in welcome
    assert "дербес деректеріңізді" in welcome
    consent_message = aigul.last()["message_id"]

    assert "Аты-жөніңізді толық жазыңыз" in joined(await aigul.tap("Келісемін"))
    assert aigul.last()["message_id"] == consent_message  # edited in place
    assert "Облысыңызды таңдаңыз" in joined(await aigul.say("Ахметова Айгүл Серікқызы"))
    assert "ауданыңызды немесе қалаңызды" in joined(await aigul.tap("Жамбыл облысы"))
    assert "мектебіңізді таңдаңыз" in joined(await aigul.tap("Байзақ ауданы"))
    assert "Табылған мектептер саны: 1" in joined(await aigul.say("абай"))
    assert "Қай пәндерден" in joined(await aigul.tap("Абай атындағы"))
    await aigul.tap("Математика")
    assert "✅ Математика" in aigul.buttons()
    await aigul.tap("Информатика")
    finished = joined(await aigul.tap("Дайын"))
    assert "Тіркелу аяқталды, Ахметова Айгүл Серікқызы!" in finished
    assert "/profile" in finished
    assert aigul.buttons() == []

    async with app.database.read() as session:
        user = await session.get(User, 1001)
        assert user is not None
        assert (user.full_name, user.language, user.is_active) == (
            "Ахметова Айгүл Серікқызы",
            "kk",
            True,
        )
        count = await session.scalar(
            select(func.count()).select_from(UserSubject).where(UserSubject.user_id == 1001)
        )
        assert count == 2


async def test_a_bad_name_is_refused_with_what_to_do(app: InProcessBot) -> None:
    aigul = app.person(1001, "Айгүл", "kk")
    await aigul.say("/start")
    await aigul.tap("Келісемін")
    assert "кемінде екі сөзбен" in joined(await aigul.say("Айгүл"))
    assert "Облысыңызды" in joined(await aigul.say("Ахметова Айгүл"))


async def test_more_than_six_subjects_are_refused_with_an_alert(app: InProcessBot) -> None:
    teacher = app.person(1003, "Асқар", "kk")
    await teacher.say("/start")
    await teacher.tap("Келісемін")
    await teacher.say("Серіков Асқар")
    await teacher.tap("Жамбыл облысы")
    await teacher.tap("Байзақ ауданы")
    await teacher.tap("Абай атындағы")
    assert "Кемінде бір пәнді" in joined(await teacher.tap("Дайын"))
    labels = [b for b in teacher.buttons() if not b.startswith(("✅ Дайын", "⬅️"))]
    for label in labels[:6]:
        await teacher.tap(label)
    assert "Ең көбі 6 пән" in joined(await teacher.tap(labels[6]))
    assert sum(b.startswith("✅ ") for b in teacher.buttons()) == 6 + 1  # six ticks and Done


async def test_declining_consent_stores_nothing(app: InProcessBot) -> None:
    timur = app.person(1004, "Тимур", "ru")
    await timur.say("/start")
    assert "никаких данных о вас не сохранено" in joined(await timur.tap("Не согласен"))
    assert timur.buttons() == []
    async with app.database.read() as session:
        assert await session.get(User, 1004) is None
        forms = await session.scalar(
            select(func.count()).select_from(FsmRecord).where(FsmRecord.key.like("%:1004:%"))
        )
    assert forms == 0  # nor any half of a form: the dialog's stack and context are gone too


async def test_cancel_leaves_the_registration_at_any_step(app: InProcessBot) -> None:
    timur = app.person(1008, "Тимур", "ru")
    await timur.say("/start")
    await timur.tap("Согласен")
    await timur.say("Ким Тимур Андреевич")
    assert "Регистрация прервана" in joined(await timur.say("/cancel"))
    assert timur.buttons() == []  # the region list lost its keyboard
    assert "Вы ещё не зарегистрированы" in joined(await timur.say("/profile"))
    assert "Прерывать нечего" in joined(await timur.say("/cancel"))


async def test_a_missing_school_becomes_a_request_for_coordinators(app: InProcessBot) -> None:
    maria = app.person(1002, "Мария", "ru")
    await maria.say("/start")
    await maria.tap("Согласен")
    await maria.say("Иванова Мария Петровна")
    await maria.tap("Костанайская")
    await maria.tap("Алтынсаринский")
    assert "полное название" in joined(await maria.tap("нет в списке")).lower()
    assert "от 5 до 200" in joined(await maria.say("Шк"))
    await maria.say("Сельская школа имени Алтынсарина")
    await maria.tap("Русский язык")
    finished = joined(await maria.tap("Готово"))
    assert "Регистрация завершена" in finished
    async with app.database.read() as session:
        requests = list(await session.scalars(select(SchoolRequest)))
    assert [r.name for r in requests] == ["Сельская школа имени Алтынсарина"]


async def test_back_from_the_school_list_returns_to_the_districts(app: InProcessBot) -> None:
    aigul = app.person(1001, "Айгүл", "kk")
    await aigul.say("/start")
    await aigul.tap("Келісемін")
    await aigul.say("Ахметова Айгүл")
    await aigul.tap("Жамбыл облысы")
    await aigul.tap("Байзақ ауданы")
    assert "ауданыңызды немесе қалаңызды" in joined(await aigul.tap("Артқа"))


async def test_a_stale_button_of_an_ended_form_is_answered(app: InProcessBot) -> None:
    aigul = app.person(1001, "Айгүл", "kk")
    await aigul.say("/start")
    consent = aigul.last()  # as the teacher's phone still shows it
    agree = next(data for label, data in buttons(consent) if "Келісемін" in label)
    await aigul.say("/cancel")
    assert "ескірген" in joined(await aigul.press(consent, agree))


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
async def test_the_language_row_redraws_the_consent_in_that_language(
    app: InProcessBot, language: str
) -> None:
    person = app.person(1005, "Person", "kk")
    await person.say("/start")
    name = {"kk": "Қазақша", "ru": "Русский", "en": "English"}[language]
    shown = joined(await person.tap(name))
    expected = {"kk": "Сәлеметсіз бе", "ru": "Здравствуйте", "en": "Hello"}[language]
    assert expected in shown


async def test_a_button_the_bot_never_issued_is_answered_mid_form(app: InProcessBot) -> None:
    nurlan = app.person(1006, "Нұрлан", "kk")
    await nurlan.say("/start")
    assert "ескірген" in joined(await nurlan.press(nurlan.last(), "sch:999999"))
    assert "Келісемін" in " ".join(nurlan.buttons())  # the form is still there


async def test_an_unknown_command_mid_form_is_not_taken_as_the_answer(app: InProcessBot) -> None:
    teacher = app.person(1007, "Асқар", "kk")
    await teacher.say("/start")
    await teacher.tap("Келісемін")
    shown = joined(await teacher.say("/foo bar"))
    assert "Аты-жөніңізді толық жазыңыз" not in shown
    assert "Облысыңызды" in joined(await teacher.say("Серіков Асқар"))
