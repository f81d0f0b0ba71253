"""Workshop materials (rules of 000, 4.2): attaching them, the archive, search, and sending a
session's materials to the teachers who took part. Real database, migrations applied."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram_i18n import I18nContext
from aiogram_i18n.managers.memory import MemoryManager
from sqlalchemy import func, select

from bot.delivery.outbox import Outbox
from bot.i18n import build_core
from bot.notices.materials import queue_session_materials
from bot.services.errors import InvalidInput, NotFound, PermissionDenied
from bot.services.materials import InvalidSearch, InvalidTitle, InvalidUrl, MaterialService
from bot.services.permissions import Actor
from bot.settings import load_zone
from bot.views import materials as views
from bot.views.materials import open_keyboard
from bot.views.text import BUTTON_TEXT_MAX
from storage.database import Database
from storage.models import (
    EventSession,
    Material,
    Role,
    SeatStatus,
    Workshop,
    WorkshopStatus,
)
from storage.repositories.outbox import OutboxRepository
from tests.support.factories import add_seat, add_teacher, approved_workshop, scheduled_session

ALMATY = load_zone("Asia/Almaty")
BIG_ID = 2**63 - 1
LIMIT = 64
VIDEO_FILE_ID = "BAACAgIAAxkBAAIBQ2ZpY2xlc3Nvbl92aWRlb19maWxlX2lk"
DOC_FILE_ID = "BQACAgIAAxkBAAIBRGZpY2tvbnNwZWt0X2RvY3VtZW50X2lk"


async def workshop(
    db: Database,
    leader: Actor,
    title: str = "Математикадағы функционалдық сауаттылық",
    status: WorkshopStatus = WorkshopStatus.APPROVED,
) -> Workshop:
    return await approved_workshop(db, leader.user_id, title=title, status=status)


async def event(db: Database, workshop_id: int, starts_at: datetime) -> EventSession:
    return await scheduled_session(db, workshop_id, starts_at, topic="Бөлшектер")


async def stored_materials(db: Database) -> int:
    async with db.read() as session:
        return int(await session.scalar(select(func.count()).select_from(Material)) or 0)


async def test_the_leader_attaches_a_video_to_a_session(database: Database) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    shop = await workshop(database, leader)
    lesson = await event(database, shop.id, datetime(2026, 10, 15, 10, tzinfo=UTC))
    service = MaterialService(database)

    target = await service.target(leader, shop.id, lesson.id)
    material = await service.add(
        leader,
        shop.id,
        lesson.id,
        kind="video",
        title="  «Бөлшектерді салыстыру»   бейнесабағы ",
        file_id=VIDEO_FILE_ID,
        file_type="video",
    )

    assert (target.session_id, target.session_topic) == (lesson.id, "Бөлшектер")
    assert material.session_id == lesson.id
    assert material.workshop_id == shop.id
    assert material.title == "«Бөлшектерді салыстыру» бейнесабағы"
    assert (material.file_id, material.file_type, material.url) == (VIDEO_FILE_ID, "video", None)
    assert material.added_by == leader.user_id
    assert "бөлшектерді" in material.search_text
    assert "функционалдық сауаттылық" in material.search_text


async def test_a_coordinator_attaches_a_link_to_the_whole_workshop(database: Database) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    coordinator = await add_teacher(database, 102, Role.COORDINATOR)
    shop = await workshop(database, leader)
    material = await MaterialService(database).add(
        coordinator,
        shop.id,
        None,
        kind="link",
        title="Сарапшының YouTube-тағы дәрісі",
        url="https://youtu.be/dQw4w9WgXcQ",
    )
    assert material.session_id is None
    assert material.url == "https://youtu.be/dQw4w9WgXcQ"
    assert material.file_id is None


async def test_a_teacher_cannot_attach_anything(database: Database) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    teacher = await add_teacher(database, 201)
    other_leader = await add_teacher(database, 301, Role.LEADER)
    shop = await workshop(database, leader)
    lesson = await event(database, shop.id, datetime(2026, 10, 15, 10, tzinfo=UTC))
    service = MaterialService(database)

    for actor in (teacher, other_leader):
        with pytest.raises(PermissionDenied):
            await service.target(actor, shop.id, lesson.id)
        with pytest.raises(PermissionDenied):
            await service.add(
                actor,
                shop.id,
                lesson.id,
                kind="notes",
                title="Сабақ конспектісі",
                file_id=DOC_FILE_ID,
                file_type="document",
            )
        with pytest.raises(PermissionDenied):
            await service.add(
                actor, shop.id, None, kind="link", title="Сілтеме", url="https://bilim.kz"
            )
    assert await stored_materials(database) == 0


async def test_a_session_of_another_workshop_or_a_wrong_kind_is_refused(
    database: Database,
) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    mine = await workshop(database, leader)
    theirs = await workshop(database, await add_teacher(database, 301, Role.LEADER), "Басқа")
    foreign = await event(database, theirs.id, datetime(2026, 10, 15, 10, tzinfo=UTC))
    service = MaterialService(database)
    with pytest.raises(NotFound):
        await service.target(leader, mine.id, foreign.id)
    with pytest.raises(InvalidInput):
        await service.add(leader, mine.id, None, kind="audio", title="Подкаст", file_id="x")
    with pytest.raises(InvalidInput):
        await service.add(leader, mine.id, None, kind="video", title="Бейнесабақ")
    with pytest.raises(InvalidTitle):
        await service.add(
            leader, mine.id, None, kind="notes", title="  а ", file_id="x", file_type="document"
        )
    assert await stored_materials(database) == 0


@pytest.mark.parametrize(
    "url",
    [
        "ftp://bilim.kz/sabak.pdf",
        "javascript:alert(1)",
        "youtu.be/dQw4w9WgXcQ",
        "https://",
        "http://localhost/sabak",
        "https://bilim kz/sabak",
        "mailto:ustaz@bilim.kz",
        "https://bilim.kz:порт/",
        "",
    ],
)
async def test_only_http_and_https_links_are_accepted(database: Database, url: str) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    shop = await workshop(database, leader)
    with pytest.raises(InvalidUrl):
        await MaterialService(database).add(
            leader, shop.id, None, kind="link", title="Сілтеме", url=url
        )
    assert await stored_materials(database) == 0


@pytest.mark.parametrize(
    "url",
    ["https://youtu.be/dQw4w9WgXcQ", "http://bilim.kz/sabak?id=5&lang=kk", "HTTPS://Sabak.KZ"],
)
async def test_http_and_https_links_are_kept_as_given(database: Database, url: str) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    shop = await workshop(database, leader)
    material = await MaterialService(database).add(
        leader, shop.id, None, kind="link", title="Сілтеме", url=f"  {url} "
    )
    assert material.url == url


async def test_search_finds_a_material_by_every_word_in_any_order_case_insensitively_in_cyrillic(
    database: Database,
) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    reader = await add_teacher(database, 201)
    shop = await workshop(database, leader)
    service = MaterialService(database)
    notes = await service.add(
        leader,
        shop.id,
        None,
        kind="notes",
        title="Бөлшектерді салыстыру конспектісі",
        file_id=DOC_FILE_ID,
        file_type="document",
    )
    await service.add(
        leader,
        shop.id,
        None,
        kind="slides",
        title="Ёлочные игрушки и геометрия",
        file_id=DOC_FILE_ID,
        file_type="document",
    )

    async def found(words: str) -> list[int]:
        return [item.material.id for item in await service.search(reader, words)]

    assert await found("КОНСПЕКТІСІ бөлшектерді") == [notes.id]
    assert await found("бөлшектерді   КОНСПЕКТІСІ") == [notes.id]
    assert await found("математикадағы САЛЫСТЫРУ") == [notes.id]  # a word of the workshop title
    assert len(await found("елочные")) == 1  # ё and е are one letter for search
    assert await found("бөлшектерді физика") == []
    assert await found("%") == []
    assert await found("_") == []
    with pytest.raises(InvalidSearch):
        await found("   ")


async def test_the_archive_lists_only_approved_workshops(database: Database) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    reader = await add_teacher(database, 201)
    service = MaterialService(database)
    shown = await workshop(database, leader, "Бекітілген шеберхана")
    hidden: list[Material] = []
    for status in (WorkshopStatus.PROPOSED, WorkshopStatus.REJECTED):
        other = await workshop(database, leader, f"Жасырын шеберхана {status}", status)
        hidden.append(
            await service.add(
                leader,
                other.id,
                None,
                kind="notes",
                title="Жасырын конспект",
                file_id=DOC_FILE_ID,
                file_type="document",
            )
        )
    await workshop(database, leader, "Материалы жоқ шеберхана")
    visible = await service.add(
        leader,
        shown.id,
        None,
        kind="notes",
        title="Ашық конспект",
        file_id=DOC_FILE_ID,
        file_type="document",
    )

    assert [(w.id, w.materials) for w in await service.archive(reader)] == [(shown.id, 1)]
    assert [i.material.id for i in await service.search(reader, "конспект")] == [visible.id]
    with pytest.raises(NotFound):
        await service.months(reader, hidden[0].workshop_id, ALMATY)
    with pytest.raises(NotFound):
        await service.open(reader, hidden[0].id)
    # The leader still reaches the material of a workshop the council has not opened yet.
    assert (await service.open(leader, hidden[0].id)).material.id == hidden[0].id
    unregistered = Actor(user_id=999, roles=frozenset(), registered=False)
    with pytest.raises(PermissionDenied):
        await service.archive(unregistered)
    with pytest.raises(PermissionDenied):
        await service.search(unregistered, "конспект")


async def test_the_archive_lists_every_workshop_with_materials_by_title(
    database: Database,
) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    service = MaterialService(database)
    for number in (3, 1, 2):
        shop = await workshop(database, leader, f"Шеберхана {number}")
        await service.add(
            leader, shop.id, None, kind="link", title="Сілтеме", url="https://bilim.kz"
        )
    titles = [w.title for w in await service.archive(leader)]
    assert titles == ["Шеберхана 1", "Шеберхана 2", "Шеберхана 3"]


async def test_the_archive_groups_materials_by_month(database: Database) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    reader = await add_teacher(database, 201)
    shop = await workshop(database, leader)
    september = await event(database, shop.id, datetime(2026, 9, 15, 10, tzinfo=UTC))
    # 20:00 UTC on 30 September is 1 October in Almaty (UTC+5): filed under October.
    october = await event(database, shop.id, datetime(2026, 9, 30, 20, tzinfo=UTC))
    service = MaterialService(database)
    for session_id, title in (
        (september.id, "Қыркүйек бейнесабағы"),
        (october.id, "Қазан бейнесабағы"),
        (october.id, "Қазан конспектісі"),
    ):
        await service.add(
            leader,
            shop.id,
            session_id,
            kind="video",
            title=title,
            file_id=VIDEO_FILE_ID,
            file_type="video",
        )
    async with database.write() as session:
        session.add(
            Material(
                workshop_id=shop.id,
                session_id=None,
                kind="expert",
                title="Сарапшы пікірі",
                file_id=DOC_FILE_ID,
                file_type="document",
                search_text="сарапшы пікірі",
                added_by=leader.user_id,
                created_at=datetime(2026, 11, 3, 9, tzinfo=UTC),
            )
        )

    months = await service.months(reader, shop.id, ALMATY)
    assert [(g.year, g.month, g.count) for g in months.months] == [
        (2026, 11, 1),
        (2026, 10, 2),
        (2026, 9, 1),
    ]
    in_october = await service.month(reader, shop.id, 2026, 10, ALMATY)
    assert sorted(m.title for m in in_october.materials) == [
        "Қазан бейнесабағы",
        "Қазан конспектісі",
    ]

    core = build_core("kk")
    await core.startup()
    labels = {}
    for language in ("kk", "ru", "en"):
        i18n = I18nContext(language, core, MemoryManager(), {})
        labels[language] = i18n.get(
            "materials-month-button", month=i18n.get("month-10"), year="2026", count=2
        )
    assert labels == {
        "kk": "2026 жылғы қазан (2)",
        "ru": "Материалы октября 2026 г. (2)",
        "en": "October 2026 (2)",
    }


def _markup(item: Any) -> dict[str, Any]:
    return json.loads(item.content.reply_markup or "{}")  # type: ignore[no-any-return]


async def test_materials_go_only_to_the_sessions_participants_once(database: Database) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    kazakh = await add_teacher(database, 201, language="kk")
    russian = await add_teacher(database, 202, language="ru")
    waiting = await add_teacher(database, 203)
    cancelled = await add_teacher(database, 204)
    elsewhere = await add_teacher(database, 205)
    shop = await workshop(database, leader)
    lesson = await event(database, shop.id, datetime(2026, 10, 15, 10, tzinfo=UTC))
    other = await event(database, shop.id, datetime(2026, 11, 15, 10, tzinfo=UTC))
    await add_seat(database, lesson.id, kazakh.user_id, SeatStatus.REGISTERED)
    await add_seat(database, lesson.id, russian.user_id, SeatStatus.REGISTERED)
    await add_seat(database, lesson.id, waiting.user_id, SeatStatus.WAITLISTED)
    await add_seat(database, lesson.id, cancelled.user_id, SeatStatus.CANCELLED)
    await add_seat(database, other.id, elsewhere.user_id, SeatStatus.REGISTERED)
    service = MaterialService(database)
    video = await service.add(
        leader,
        shop.id,
        lesson.id,
        kind="video",
        title="Сабақтың бейнежазбасы",
        file_id=VIDEO_FILE_ID,
        file_type="video",
    )
    await service.add(
        leader,
        shop.id,
        lesson.id,
        kind="link",
        title="Тұсаукесер <Google Slides>",
        url="https://docs.google.com/presentation/d/1?a=1&b=2",
    )
    core = build_core("kk")
    await core.startup()
    outbox = Outbox(database)

    assert await queue_session_materials(database, outbox, core, lesson.id) == 2
    assert await queue_session_materials(database, outbox, core, lesson.id) == 0

    async with database.read() as session:
        items = await OutboxRepository(session).items(f"materials:{lesson.id}")
    by_chat = {item.chat_id: item for item in items}
    assert sorted(by_chat) == [kazakh.user_id, russian.user_id]
    kk_text = by_chat[kazakh.user_id].content.text or ""
    ru_text = by_chat[russian.user_id].content.text or ""
    assert "отырысының материалдары" in kk_text
    assert "Материалы занятия" in ru_text
    # The link is listed inline, escaped; the file gets a button that sends it.
    assert 'href="https://docs.google.com/presentation/d/1?a=1&amp;b=2"' in kk_text
    assert "Тұсаукесер &lt;Google Slides&gt;" in kk_text
    buttons = [b for row in _markup(by_chat[kazakh.user_id])["inline_keyboard"] for b in row]
    assert [b["callback_data"] for b in buttons] == [f"mto:{video.id}"]


async def test_once_attendance_is_marked_only_those_present_get_the_materials(
    database: Database,
) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    present = await add_teacher(database, 201)
    absent = await add_teacher(database, 202)
    shop = await workshop(database, leader)
    lesson = await event(database, shop.id, datetime(2026, 10, 15, 10, tzinfo=UTC))
    await add_seat(database, lesson.id, present.user_id, SeatStatus.REGISTERED, attended=True)
    await add_seat(database, lesson.id, absent.user_id, SeatStatus.REGISTERED)
    await MaterialService(database).add(
        leader, shop.id, lesson.id, kind="link", title="Сілтеме", url="https://bilim.kz"
    )
    core = build_core("kk")
    await core.startup()
    outbox = Outbox(database)
    assert await queue_session_materials(database, outbox, core, lesson.id) == 1
    async with database.read() as session:
        items = await OutboxRepository(session).items(f"materials:{lesson.id}")
    assert [item.chat_id for item in items] == [present.user_id]


async def test_a_session_without_materials_sends_nothing(database: Database) -> None:
    leader = await add_teacher(database, 101, Role.LEADER)
    teacher = await add_teacher(database, 201)
    shop = await workshop(database, leader)
    lesson = await event(database, shop.id, datetime(2026, 10, 15, 10, tzinfo=UTC))
    await add_seat(database, lesson.id, teacher.user_id, SeatStatus.REGISTERED)
    core = build_core("kk")
    await core.startup()
    outbox = Outbox(database)
    assert await queue_session_materials(database, outbox, core, lesson.id) == 0
    assert await queue_session_materials(database, outbox, core, 987654) == 0
    async with database.read() as session:
        assert list(await OutboxRepository(session).items(f"materials:{lesson.id}")) == []


def longest_callback_data() -> list[CallbackData]:
    return [
        views.MaterialAddCb(workshop_id=BIG_ID, session_id=BIG_ID),
        views.MaterialOpenCb(id=BIG_ID),
    ]


def test_every_materials_callback_factory_is_covered() -> None:
    factories = {
        obj
        for obj in vars(views).values()
        if isinstance(obj, type) and issubclass(obj, CallbackData) and obj is not CallbackData
    }
    assert factories == {type(item) for item in longest_callback_data()}


@pytest.mark.parametrize("item", longest_callback_data(), ids=lambda item: type(item).__name__)
def test_materials_callback_data_with_the_largest_ids_fits(item: CallbackData) -> None:
    assert len(item.pack().encode("utf-8")) <= LIMIT


async def test_material_buttons_fit_with_the_longest_titles() -> None:
    long_title = "Ө" * 200
    material = Material(id=BIG_ID, kind="slides", title=long_title, file_id="x")
    markup = open_keyboard([material])
    assert markup is not None
    for row in markup.inline_keyboard:
        for button in row:
            assert 0 < len((button.callback_data or "").encode("utf-8")) <= LIMIT
            assert len(button.text) <= BUTTON_TEXT_MAX
