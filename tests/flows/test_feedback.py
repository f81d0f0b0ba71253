"""Feedback on a session in the message of the request: a score tapped on the request, «will you
apply it?», a comment or none, and changing the answer within 7 days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from aiogram_i18n import I18nContext
from aiogram_i18n.managers.memory import MemoryManager
from sqlalchemy import select

from bot.services.feedback import FeedbackService
from bot.settings import load_zone
from bot.views.feedback import request_text, score_keyboard
from storage.models import ApplyAnswer, Feedback, Role
from tests.flows.conftest import InProcessBot
from tests.support.factories import add_seat, add_teacher, approved_workshop, scheduled_session
from tests.support.telegram import Person, visible

LEADER, TEACHER, STRANGER = 3001, 3101, 3102
ZONE = load_zone("Asia/Almaty")
LANGUAGE_BUTTON = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def joined(shown: list[str]) -> str:
    return visible("\n".join(shown))


@dataclass
class Scene:
    session_id: int


@pytest.fixture
async def scene(app: InProcessBot) -> Scene:
    """A session that ended half an hour ago; one teacher held a seat in it."""
    db = app.database
    await add_teacher(db, LEADER, Role.LEADER, name="Нұрланова Әсел")
    await add_teacher(db, TEACHER, name="Сапарова Айгерім")
    await add_teacher(db, STRANGER, name="Бөгде Мұғалім")
    workshop = await approved_workshop(db, LEADER)
    event = await scheduled_session(db, workshop.id, app.clock.now() - timedelta(hours=2))
    await add_seat(db, event.id, TEACHER)
    return Scene(event.id)


async def request(app: InProcessBot, person: Person, session_id: int) -> None:
    """The feedback request as the outbox delivers it (bot/notices/feedback.py), in Kazakh."""
    event = await FeedbackService(app.database, app.clock).event_session(session_id)
    i18n = I18nContext("kk", app.dispatcher.workflow_data["i18n_core"], MemoryManager(), {})
    await app.bot.send_message(
        person.id,
        request_text(i18n, event, ZONE, nudge=False),
        reply_markup=score_keyboard(session_id),
    )


async def stored(app: InProcessBot, session_id: int, user_id: int) -> Feedback | None:
    async with app.database.read() as session:
        return await session.scalar(
            select(Feedback).where(Feedback.session_id == session_id, Feedback.user_id == user_id)
        )


async def test_a_teacher_rates_four_answers_partly_and_comments(
    app: InProcessBot, scene: Scene
) -> None:
    teacher = app.person(TEACHER, "Айгерім", "kk")
    await request(app, teacher, scene.session_id)
    asked = teacher.last()["message_id"]
    shown = joined(await teacher.tap("4"))
    assert "Бағаңыз: 4 / 5" in shown
    assert teacher.last()["message_id"] == asked  # the request itself became the question
    answer = await stored(app, scene.session_id, TEACHER)
    assert answer is not None
    assert answer.usefulness == 4

    assert "пікіріңізді бір хабарламамен жазыңыз" in joined(await teacher.tap("Ішінара"))
    thanks = joined(await teacher.say("Топтық жұмыс ұнады, 7-сыныпта қолданып көремін"))
    assert "Кері байланысыңызға рақмет!" in thanks
    assert "2 желтоқсан" in thanks  # editable until a week after the end
    assert teacher.buttons() == ["✏️ Жауапты өзгерту"]

    answer = await stored(app, scene.session_id, TEACHER)
    assert answer is not None
    assert (answer.usefulness, answer.apply, answer.comment) == (
        4,
        ApplyAnswer.PARTLY,
        "Топтық жұмыс ұнады, 7-сыныпта қолданып көремін",
    )


async def test_the_comment_can_be_skipped(app: InProcessBot, scene: Scene) -> None:
    teacher = app.person(TEACHER, "Айгерім", "kk")
    await request(app, teacher, scene.session_id)
    await teacher.tap("5")
    await teacher.tap("Иә, қолданамын")
    thanks = joined(await teacher.tap("Өткізіп жіберу"))
    assert "Кері байланысыңызға рақмет!" in thanks
    answer = await stored(app, scene.session_id, TEACHER)
    assert answer is not None
    assert (answer.usefulness, answer.apply, answer.comment) == (5, ApplyAnswer.YES, None)


async def test_a_comment_too_long_is_refused_and_the_question_stays(
    app: InProcessBot, scene: Scene
) -> None:
    teacher = app.person(TEACHER, "Айгерім", "kk")
    await request(app, teacher, scene.session_id)
    await teacher.tap("3")
    await teacher.tap("Жоқ")
    refused = joined(await teacher.say("ө" * 1001))
    assert "Пікір тым ұзын: 1001 таңба" in refused
    photo = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
    assert "мәтінмен жазыңыз" in joined(await teacher.send(photo=photo))
    await teacher.say("Қысқаша: пайдалы")
    answer = await stored(app, scene.session_id, TEACHER)
    assert answer is not None
    assert answer.comment == "Қысқаша: пайдалы"


async def test_back_from_the_comment_changes_the_apply_answer(
    app: InProcessBot, scene: Scene
) -> None:
    teacher = app.person(TEACHER, "Айгерім", "kk")
    await request(app, teacher, scene.session_id)
    await teacher.tap("4")
    await teacher.tap("Жоқ")
    assert "қолданасыз ба" in joined(await teacher.tap("Артқа"))
    await teacher.tap("Иә, қолданамын")
    answer = await stored(app, scene.session_id, TEACHER)
    assert answer is not None
    assert answer.apply == ApplyAnswer.YES


async def test_the_answer_is_changed_within_seven_days_and_not_after(
    app: InProcessBot, scene: Scene
) -> None:
    teacher = app.person(TEACHER, "Айгерім", "kk")
    await request(app, teacher, scene.session_id)
    await teacher.tap("4")
    await teacher.tap("Ішінара")
    await teacher.say("Алғашқы пікір")

    app.clock.advance(timedelta(days=5))
    shown = joined(await teacher.tap("Жауапты өзгерту"))
    assert "1-ден 5-ке дейін бағалаңыз" in shown
    await teacher.tap("2")
    await teacher.tap("Жоқ")
    await teacher.tap("Өткізіп жіберу")
    answer = await stored(app, scene.session_id, TEACHER)
    assert answer is not None
    assert (answer.usefulness, answer.apply, answer.comment) == (2, ApplyAnswer.NO, "Алғашқы пікір")

    app.clock.advance(timedelta(days=3))  # more than 7 days after the end
    refused = joined(await teacher.tap("Жауапты өзгерту"))
    assert "Кері байланыс мерзімі өтіп кетті" in refused
    assert "1-ден 5-ке дейін" not in refused


async def test_leaving_the_changed_answer_keeps_it(app: InProcessBot, scene: Scene) -> None:
    teacher = app.person(TEACHER, "Айгерім", "kk")
    await request(app, teacher, scene.session_id)
    await teacher.tap("4")
    await teacher.tap("Ішінара")
    await teacher.tap("Өткізіп жіберу")
    await teacher.tap("Жауапты өзгерту")
    assert "Кері байланысыңызға рақмет!" in joined(await teacher.tap("Бас тарту"))
    answer = await stored(app, scene.session_id, TEACHER)
    assert answer is not None
    assert answer.usefulness == 4


async def test_someone_who_was_not_there_is_refused(app: InProcessBot, scene: Scene) -> None:
    stranger = app.person(STRANGER, "Мұғалім", "kk")
    await request(app, stranger, scene.session_id)
    refused = joined(await stranger.tap("5"))
    assert "оған қатысқан мұғалімдер ғана" in refused
    assert "Бағаңыз" not in refused
    assert await stored(app, scene.session_id, STRANGER) is None


async def test_feedback_is_not_taken_before_the_session_ends(
    app: InProcessBot, scene: Scene
) -> None:
    teacher = app.person(TEACHER, "Айгерім", "kk")
    await request(app, teacher, scene.session_id)
    app.clock.set(app.clock.now() - timedelta(hours=2))
    assert "отырыс аяқталғаннан кейін ашылады" in joined(await teacher.tap("5"))
    assert await stored(app, scene.session_id, TEACHER) is None


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
async def test_every_window_renders_in_each_language(
    app: InProcessBot, scene: Scene, language: str
) -> None:
    teacher = app.person(TEACHER, "Айгерім", language)
    await teacher.say("/language")
    await teacher.tap(LANGUAGE_BUTTON[language])
    await request(app, teacher, scene.session_id)
    shown: list[str] = []
    shown += await teacher.tap("3")  # apply
    shown += await teacher.tap("🔸")  # comment
    shown += await teacher.tap(teacher.buttons()[0])  # skip: the thanks
    shown += await teacher.tap("✏️")  # the score, to change it
    shown += await teacher.tap("2")
    shown += await teacher.tap("❌")
    shown += await teacher.say("OK")
    assert all(s.strip() for s in shown)
    text = joined(shown)
    words = {"kk": "Бағаңыз: 3 / 5", "ru": "Ваша оценка: 3 / 5", "en": "Your score: 3 / 5"}
    assert words[language] in text
    assert {"kk": "1-ден 5-ке дейін", "ru": "от 1 до 5", "en": "from 1 to 5"}[language] in text
    assert {"kk": "Бағаңыз: 2 / 5", "ru": "Ваша оценка: 2 / 5", "en": "Your score: 2 / 5"}[
        language
    ] in text
    thanks = {"kk": "рақмет", "ru": "Спасибо", "en": "Thank you"}[language]
    assert thanks in joined(shown)
