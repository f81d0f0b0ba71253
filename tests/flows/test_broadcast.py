"""A coordinator's broadcast as a form: the message, its audience, the exact count, and Send."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from aiogram_i18n import I18nContext
from sqlalchemy import func, select

from bot.i18n import context_for
from bot.services.directory import DirectoryService
from bot.services.users import UserService
from storage.database import Database
from storage.models import Broadcast, Role, SeatStatus
from tests.flows.conftest import InProcessBot
from tests.support.factories import (
    add_seat,
    approved_workshop,
    first_school,
    register_teacher,
    scheduled_session,
)
from tests.support.telegram import buttons, visible

COORDINATOR = 5001
TEACHERS = (5002, 5003)
ELSEWHERE = 5004  # a teacher in another district
ANNOUNCEMENT = "Құрметті әріптестер! 15 желтоқсанда онлайн-шеберхана өтеді."


async def coordinator_and_teachers(db: Database, language: str = "kk") -> None:
    """A coordinator and two teachers of one district, and a teacher of another one."""
    await register_teacher(db, COORDINATOR, language=language, full_name="Бекова Сара Нұрланқызы")
    for user_id in TEACHERS:
        await register_teacher(db, user_id)
    other = await first_school(db, "кушмурун")
    await register_teacher(db, ELSEWHERE, district_id=other.district_id, school_id=other.id)
    await UserService(db, frozenset()).grant_by_operator(COORDINATOR, Role.COORDINATOR, language)


def texts(app: InProcessBot, language: str) -> I18nContext:
    return context_for(app.dispatcher["i18n_core"], language)


async def broadcasts_stored(db: Database) -> int:
    async with db.read() as session:
        return int(await session.scalar(select(func.count()).select_from(Broadcast)) or 0)


def shown(answer: list[str]) -> str:
    return "\n".join(visible(text) for text in answer)


async def test_a_coordinator_composes_a_broadcast_to_a_district_and_sees_the_exact_count(
    app: InProcessBot,
) -> None:
    await coordinator_and_teachers(app.database)
    school = await first_school(app.database, "абай")
    directory = DirectoryService(app.database)
    district = await directory.district(school.district_id)
    assert district is not None
    region = await directory.region(district.region_id)
    assert region is not None
    sara = app.person(COORDINATOR, "Сара")

    assert "Таратылатын хабарламаны жіберіңіз" in shown(await sara.say("/broadcast"))
    assert "кімдерге жібереміз" in shown(await sara.say(ANNOUNCEMENT))
    assert "Облысты таңдаңыз" in shown(await sara.tap("Аудан / қала"))
    assert f"{region.name_kk}: ауданды" in shown(await sara.tap(region.name_kk))
    confirm = shown(await sara.tap(district.name_kk))

    # The coordinator herself and the two teachers; not the teacher of the other district.
    assert f"Алушылар: {district.name_kk}. Барлығы 3 адам." in confirm
    assert "Хабарландыру алушыларға былай көрінеді" in confirm
    copies = [r for r in app.session.requests if r.method == "CopyMessage"]
    assert copies[-1].chat_id == COORDINATOR  # the preview, as recipients will see it
    assert sara.buttons() == ["✅ Жіберу", "⬅️ Артқа", "❌ Бас тарту"]

    started = shown(await sara.tap("Жіберу"))
    assert "таратылуда: 3 алушы" in started
    assert sara.buttons() == ["⏹ Тоқтату"]  # the confirmation became the progress message
    async with app.database.read() as session:
        stored = (await session.scalars(select(Broadcast))).one()
    assert (stored.audience_kind, stored.audience_id) == ("district", str(district.id))
    assert stored.audience_label == district.name_kk
    assert stored.recipients == 3
    assert stored.progress_message_id == sara.last()["message_id"]

    # The Stop button under the progress message, and the history.
    assert "Тарату тоқтатылды" in (await sara.tap("Тоқтату"))[-1]
    history = shown(await sara.say("/broadcasts"))
    assert f"№{stored.id}" in history
    assert district.name_kk in history


async def test_a_teacher_cannot_open_broadcast(app: InProcessBot) -> None:
    await register_teacher(app.database, 5101)
    aigul = app.person(5101, "Айгүл")

    assert shown(await aigul.say("/broadcast")) == "Бұл әрекетке құқығыңыз жоқ."
    assert aigul.buttons() == []
    # Nor does anything typed afterwards become a broadcast.
    assert "Таратылатын" not in shown(await aigul.say(ANNOUNCEMENT))
    assert shown(await aigul.say("/broadcasts")) == "Бұл әрекетке құқығыңыз жоқ."
    assert await broadcasts_stored(app.database) == 0


async def test_a_coordinator_demoted_before_confirming_is_refused_at_confirmation(
    app: InProcessBot,
) -> None:
    await coordinator_and_teachers(app.database)
    sara = app.person(COORDINATOR, "Сара")
    await sara.say("/broadcast")
    await sara.say(ANNOUNCEMENT)
    assert "Барлығы 4 адам" in shown(await sara.tap("Барлық мұғалімдер"))

    users: UserService = app.dispatcher["users"]
    await users.revoke_by_operator(COORDINATOR, Role.COORDINATOR)

    refused = await sara.tap("Жіберу")
    assert refused[-1] == "Бұл әрекетке құқығыңыз жоқ."
    assert await broadcasts_stored(app.database) == 0
    assert sara.buttons() == []  # the form is closed


async def test_what_cannot_be_copied_is_refused_and_an_album_is_taken_once(
    app: InProcessBot,
) -> None:
    await coordinator_and_teachers(app.database)
    sara = app.person(COORDINATOR, "Сара")
    await sara.say("/broadcast")

    location = {"location": {"latitude": 43.2, "longitude": 76.9}}
    assert "Сауалнама, геолокация мен контактіні таратуға болмайды" in shown(
        await sara.send(**location)
    )
    assert "Мұндай команда жоқ" in shown(await sara.say("/nosuchcommand"))
    photo = {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}]}
    album = {"media_group_id": "album-1", **photo}
    assert "кімдерге жібереміз" in shown(await sara.send(caption="Кесте", **album))
    # The album's other photos come as messages of their own: only the first one is copied.
    assert await sara.send(**album) == []
    assert "батырмалардың бірін таңдаңыз" in shown(await sara.say("Тағы бір сөз"))


async def test_the_participants_who_attended_a_session_are_counted(app: InProcessBot) -> None:
    await coordinator_and_teachers(app.database)
    workshop = await approved_workshop(app.database, TEACHERS[0], title="Жобалық оқыту")
    event = await scheduled_session(app.database, workshop.id, app.clock.now() - timedelta(days=2))
    await add_seat(app.database, event.id, TEACHERS[1], attended=True)
    await add_seat(app.database, event.id, ELSEWHERE)
    await add_seat(app.database, event.id, COORDINATOR, SeatStatus.WAITLISTED)
    sara = app.person(COORDINATOR, "Сара")
    await sara.say("/broadcast")
    await sara.say("Қатысқандарға рақмет!")

    assert "Отырысты таңдаңыз" in shown(await sara.tap("Отырыс қатысушылары"))
    assert "Қатысушылардың қайсысына" in shown(await sara.tap("Жобалық оқыту"))
    assert "Барлығы 1 адам" in shown(await sara.tap("Қатысқандар"))
    await sara.tap("Артқа")
    assert "Барлығы 2 адам" in shown(await sara.tap("Жазылғандардың бәрі"))
    await sara.tap("Артқа")
    assert "Барлығы 1 адам" in shown(await sara.tap("Жазылып, келмегендер"))


async def test_a_broadcast_can_be_discarded_or_cancelled_and_its_old_buttons_go_stale(
    app: InProcessBot,
) -> None:
    await coordinator_and_teachers(app.database)
    sara = app.person(COORDINATOR, "Сара")
    await sara.say("/broadcast")
    await sara.say(ANNOUNCEMENT)
    kinds, kind_data = sara.find_button("Пән")

    assert "Хабарландыру жіберілмеді" in shown(
        [*await sara.tap("Барлық мұғалімдер"), *await sara.tap("❌ Бас тарту")]
    )
    stale = await sara.press(kinds, kind_data)
    assert stale[-1] == "Бұл батырма ескірген. Соңғы хабарламадағы батырмаларды пайдаланыңыз."

    await sara.say("/broadcast")
    assert "Тоқтатылды, ештеңе өзгерген жоқ" in shown(await sara.tap("✖️ Бас тарту"))
    assert await broadcasts_stored(app.database) == 0


def labels(message: dict[str, Any]) -> list[str]:
    return [text for text, _ in buttons(message)]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
async def test_every_window_speaks_the_coordinators_language(
    app: InProcessBot, language: str
) -> None:
    await coordinator_and_teachers(app.database, language)
    workshop = await approved_workshop(app.database, TEACHERS[0], title="Lesson Study")
    await scheduled_session(app.database, workshop.id, app.clock.now() + timedelta(days=5))
    school = await first_school(app.database, "абай")
    directory = DirectoryService(app.database)
    district = await directory.district(school.district_id)
    assert district is not None
    region = await directory.region(district.region_id)
    assert region is not None
    name = (lambda place: place.name_kk) if language == "kk" else (lambda place: place.name_ru)
    t = texts(app, language)
    back, cancel = t.get("button-back"), t.get("button-cancel")
    sara = app.person(COORDINATOR, "Sara", language)

    async def window(action: Any, key: str, **params: Any) -> list[str]:
        answer = shown(await action)
        assert visible(t.get(key, **params)) in answer, (key, answer)
        return labels(sara.last())

    assert await window(sara.say("/broadcast"), "broadcast-compose") == [cancel]
    kinds = await window(sara.say(ANNOUNCEMENT), "broadcast-audience")
    assert kinds[:8] == [
        t.get(f"audience-{kind}")
        for kind in (
            "all",
            "region",
            "district",
            "school",
            "role",
            "subject",
            "session",
            "workshop",
        )
    ]
    assert kinds[8:] == [back, cancel]

    # region → district → school, and Back at every step.
    regions = await window(sara.tap(t.get("audience-school")), "broadcast-pick-region")
    assert name(region) in regions
    assert regions[-2:] == [back, cancel]
    districts = await window(sara.tap(name(region)), "broadcast-pick-district", place=name(region))
    assert name(district) in districts
    assert districts[-2:] == [back, cancel]
    schools = await window(sara.tap(name(district)), "broadcast-pick-school", place=name(district))
    assert name(school) in schools
    assert schools[-2:] == [back, cancel]
    await window(sara.tap(back), "broadcast-pick-district", place=name(region))
    await window(sara.tap(back), "broadcast-pick-region")
    await window(sara.tap(back), "broadcast-audience")

    roles = await window(sara.tap(t.get("audience-role")), "broadcast-pick-role")
    assert roles == [*(t.get(f"role-{role.value}") for role in Role), back, cancel]
    confirm = await window(
        sara.tap(t.get("role-coordinator")),
        "broadcast-confirm",
        audience=t.get("role-coordinator"),
        count=1,
    )
    assert confirm == [t.get("broadcast-send"), back, t.get("broadcast-discard")]
    await window(sara.tap(back), "broadcast-pick-role")
    await window(sara.tap(back), "broadcast-audience")

    subjects = await window(sara.tap(t.get("audience-subject")), "broadcast-pick-subject")
    assert subjects[-2:] == [back, cancel]
    assert len(subjects) > 10
    await window(sara.tap(back), "broadcast-audience")

    events = await window(sara.tap(t.get("audience-session")), "broadcast-pick-session")
    assert any("Lesson Study" in label for label in events)
    groups = await window(sara.tap("Lesson Study"), "broadcast-pick-group")
    assert groups == [
        *(t.get(f"audience-group-{g}") for g in ("registered", "attended", "absent")),
        back,
        cancel,
    ]
    await window(sara.tap(back), "broadcast-pick-session")
    await window(sara.tap(back), "broadcast-audience")
    await window(sara.tap(t.get("audience-workshop")), "broadcast-pick-workshop")
    await window(sara.tap(back), "broadcast-audience")
    await window(sara.tap(back), "broadcast-compose")
    assert t.get("form-cancelled") in shown(await sara.tap(cancel))
    assert sara.buttons() == []


async def test_with_no_sessions_the_picker_says_so(app: InProcessBot) -> None:
    await coordinator_and_teachers(app.database)
    sara = app.person(COORDINATOR, "Сара")
    await sara.say("/broadcast")
    await sara.say(ANNOUNCEMENT)
    assert "Таңдайтын отырыс жоқ" in shown(await sara.tap("Отырыс қатысушылары"))
    await sara.tap("Артқа")
    assert "Ашылған шеберхана әзірге жоқ" in shown(await sara.tap("Шеберхана қатысушылары"))
