"""Materials of a session: the leader attaches a link or a file in one form; everyone
registered browses the archive by workshop and month, or searches it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy import select

from bot.services.materials import MaterialService
from bot.views.materials import MaterialAddCb
from bot.views.sessions import SessionCb
from storage.models import Material, Role
from tests.flows.conftest import InProcessBot
from tests.support.factories import actor, add_teacher, approved_workshop, scheduled_session
from tests.support.telegram import Person, visible

LEADER, COORDINATOR, TEACHER = 3001, 3002, 3101
LANGUAGE_BUTTON = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
DOCUMENT = {"file_id": "BQACAgIAAxkBAAI", "file_unique_id": "AgADBQ", "file_name": "konspekt.pdf"}


def joined(shown: list[str]) -> str:
    return visible("\n".join(shown))


@dataclass
class Scene:
    workshop_id: int
    session_id: int


@pytest.fixture
async def scene(app: InProcessBot) -> Scene:
    db = app.database
    await add_teacher(db, LEADER, Role.LEADER, name="Нұрланова Әсел")
    await add_teacher(db, COORDINATOR, Role.COORDINATOR, name="Бекова Сара")
    await add_teacher(db, TEACHER, name="Сапарова Айгерім")
    workshop = await approved_workshop(db, LEADER)
    event = await scheduled_session(db, workshop.id, app.clock.now() + timedelta(days=2))
    return Scene(workshop.id, event.id)


async def session_screen(app: InProcessBot, person: Person, scene: Scene) -> None:
    """The button the leader's session screen carries (session_manage in bot/views/sessions.py)."""
    kb = InlineKeyboardBuilder()
    kb.button(
        text="📎 Материал қосу",
        callback_data=MaterialAddCb(workshop_id=scene.workshop_id, session_id=scene.session_id),
    )
    await app.bot.send_message(person.id, "Отырыс", reply_markup=kb.as_markup())


async def stored(app: InProcessBot) -> list[Material]:
    async with app.database.read() as session:
        return list(await session.scalars(select(Material).order_by(Material.id)))


async def test_the_leader_attaches_a_link_to_a_session(app: InProcessBot, scene: Scene) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene)
    screen = leader.last()["message_id"]
    shown = joined(await leader.tap("Материал қосу"))
    assert "Материал қосу" in shown
    assert "«Сын тұрғысынан ойлау» отырысы" in shown
    assert leader.last()["message_id"] != screen  # the session screen stays as it was

    assert "Сілтемені жіберіңіз" in joined(await leader.tap("Сілтеме"))
    assert "Сілтеме дұрыс емес" in joined(await leader.say("youtu.be/abc"))
    assert "атауын жазыңыз" in joined(await leader.say("https://youtu.be/abc"))
    assert "3-тен 200 таңбаға дейін" in joined(await leader.say("Бе"))
    saved = joined(await leader.say("Бейнесабақ: 7-сыныптағы жоба"))
    assert "Материал сақталды" in saved
    assert "Бейнесабақ: 7-сыныптағы жоба" in saved

    [material] = await stored(app)
    assert (material.kind, material.url, material.session_id, material.added_by) == (
        "link",
        "https://youtu.be/abc",
        scene.session_id,
        LEADER,
    )


async def test_the_leader_attaches_a_document(app: InProcessBot, scene: Scene) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene)
    await leader.tap("Материал қосу")
    assert "файлды осында жіберіңіз" in joined(await leader.tap("Сабақ конспектісі"))
    assert "Бұл қадамда файл жіберу керек" in joined(await leader.say("конспект"))
    assert "атауын жазыңыз" in joined(await leader.send(document=DOCUMENT))
    saved = joined(await leader.say("«Бөлшектерді салыстыру» сабағының конспектісі"))
    assert "Материал сақталды" in saved
    assert any("Бөлшектерді салыстыру" in b for b in leader.buttons())  # sends it when tapped

    [material] = await stored(app)
    assert (material.kind, material.file_id, material.file_type, material.url) == (
        "notes",
        DOCUMENT["file_id"],
        "document",
        None,
    )


async def test_a_coordinator_may_attach_too(app: InProcessBot, scene: Scene) -> None:
    coordinator = app.person(COORDINATOR, "Сара", "kk")
    await session_screen(app, coordinator, scene)
    await coordinator.tap("Материал қосу")
    await coordinator.tap("Сілтеме")
    await coordinator.say("https://bilim.kz/lesson")
    assert "Материал сақталды" in joined(await coordinator.say("Сарапшы пікірі"))
    assert [m.added_by for m in await stored(app)] == [COORDINATOR]


async def test_a_teacher_cannot_attach_even_with_a_crafted_button(
    app: InProcessBot, scene: Scene
) -> None:
    teacher = app.person(TEACHER, "Айгерім", "kk")
    await session_screen(app, teacher, scene)
    shown = joined(await teacher.tap("Материал қосу"))
    assert "Бұл әрекетке құқығыңыз жоқ" in shown
    assert "түрін таңдаңыз" not in shown
    assert await stored(app) == []


async def test_the_right_is_checked_again_when_the_material_is_stored(
    app: InProcessBot, scene: Scene
) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene)
    await leader.tap("Материал қосу")
    await leader.tap("Сілтеме")
    await leader.say("https://youtu.be/abc")
    async with app.database.write() as session:
        from storage.models import Workshop

        workshop = await session.get(Workshop, scene.workshop_id)
        assert workshop is not None
        workshop.leader_id = TEACHER
    assert "Бұл әрекетке құқығыңыз жоқ" in joined(await leader.say("Бейнесабақ"))
    assert await stored(app) == []


async def test_back_and_cancel(app: InProcessBot, scene: Scene) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    await session_screen(app, leader, scene)
    await leader.tap("Материал қосу")
    await leader.tap("Сілтеме")
    await leader.say("https://youtu.be/abc")
    assert "Сілтемені жіберіңіз" in joined(await leader.tap("Артқа"))
    assert "түрін таңдаңыз" in joined(await leader.tap("Артқа"))
    await leader.tap("Бейнесабақ")
    assert "Тоқтатылды, ештеңе өзгерген жоқ" in joined(await leader.tap("Бас тарту"))
    assert await stored(app) == []


async def test_the_session_screen_leads_to_the_form(app: InProcessBot, scene: Scene) -> None:
    leader = app.person(LEADER, "Әсел", "kk")
    kb = InlineKeyboardBuilder()
    kb.button(text="Басқару", callback_data=SessionCb(id=scene.session_id, action="manage"))
    await app.bot.send_message(leader.id, "Отырыс", reply_markup=kb.as_markup())
    await leader.tap("Басқару")
    assert "түрін таңдаңыз" in joined(await leader.tap("Материал қосу"))


# The archive.


async def archived(app: InProcessBot, scene: Scene) -> None:
    service = MaterialService(app.database)
    leader = actor(LEADER, Role.LEADER)
    await service.add(
        leader,
        scene.workshop_id,
        scene.session_id,
        kind="notes",
        title="Бөлшектер конспектісі",
        file_id=DOCUMENT["file_id"],
        file_type="document",
    )
    await service.add(
        leader,
        scene.workshop_id,
        scene.session_id,
        kind="link",
        title="Сабақтың бейнежазбасы",
        url="https://youtu.be/xyz",
    )


async def test_a_teacher_browses_the_archive_by_workshop_and_month(
    app: InProcessBot, scene: Scene
) -> None:
    await archived(app, scene)
    teacher = app.person(TEACHER, "Айгерім", "kk")
    shown = joined(await teacher.say("/materials"))
    assert "Материалдар мұрағаты" in shown
    assert "(1/1 бет)" in shown
    assert "Айды таңдаңыз" in joined(await teacher.tap("Функционалдық сауаттылық (2)"))
    month = joined(await teacher.tap("2026 жылғы қараша (2)"))
    assert "1. 📝 Сабақ конспектісі: Бөлшектер конспектісі" in month
    mark = len(app.session.requests)
    await teacher.tap("Бөлшектер конспектісі")
    sent = [r for r in app.session.requests[mark:] if r.method == "SendDocument"]
    assert [r.params["document"] for r in sent] == [DOCUMENT["file_id"]]
    assert "Айды таңдаңыз" in joined(await teacher.tap("Артқа"))
    assert "Материалдар мұрағаты" in joined(await teacher.tap("Артқа"))


async def test_typed_words_search_the_archive(app: InProcessBot, scene: Scene) -> None:
    await archived(app, scene)
    teacher = app.person(TEACHER, "Айгерім", "kk")
    await teacher.say("/materials")
    found = joined(await teacher.say("бейнежазба"))
    assert "«бейнежазба» бойынша табылған материалдар: 1" in found
    assert "Сабақтың бейнежазбасы — Функционалдық сауаттылық" in found
    mark = len(app.session.requests)
    await teacher.tap("Сабақтың бейнежазбасы")
    links = [r.text for r in app.session.requests[mark:] if r.method == "SendMessage"]
    assert any("https://youtu.be/xyz" in text for text in links)
    assert "материал табылмады" in joined(await teacher.say("химия"))
    assert "Материалдар мұрағаты" in joined(await teacher.tap("Артқа"))


async def test_materials_with_words_searches_at_once(app: InProcessBot, scene: Scene) -> None:
    await archived(app, scene)
    teacher = app.person(TEACHER, "Айгерім", "kk")
    assert "табылған материалдар: 1" in joined(await teacher.say("/materials КОНСПЕКТ"))


async def test_an_unregistered_person_is_sent_to_register(app: InProcessBot) -> None:
    stranger = app.person(3999, "Timur", "kk")
    assert "Алдымен тіркеліңіз" in joined(await stranger.say("/materials"))


async def test_an_empty_archive_says_so(app: InProcessBot, scene: Scene) -> None:
    teacher = app.person(TEACHER, "Айгерім", "kk")
    assert "Мұрағатта әлі материал жоқ" in joined(await teacher.say("/materials"))


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
async def test_every_window_renders_in_each_language(
    app: InProcessBot, scene: Scene, language: str
) -> None:
    await archived(app, scene)
    leader = app.person(LEADER, "Әсел", language)
    await leader.say("/language")
    await leader.tap(LANGUAGE_BUTTON[language])
    shown: list[str] = []
    await session_screen(app, leader, scene)
    shown += await leader.tap("Материал қосу")  # the kind
    shown += await leader.tap("🔗")  # the link
    shown += await leader.say("https://youtu.be/abc")  # the title
    shown += await leader.say("Бейнесабақ")  # saved
    await session_screen(app, leader, scene)
    await leader.tap("Материал қосу")
    shown += await leader.tap("📊")  # the file
    shown += await leader.say("/materials")  # the archive
    shown += await leader.tap("Функционалдық сауаттылық")  # the months
    shown += await leader.tap(leader.buttons()[0])  # one month
    shown += await leader.say("конспект")  # found
    assert all(s.strip() for s in shown)
    assert len(shown) >= 9
    text = joined(shown)
    saved = {"kk": "Материал сақталды", "ru": "Материал сохранён", "en": "Material saved"}
    assert saved[language] in text
