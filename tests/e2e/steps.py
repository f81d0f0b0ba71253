"""Steps several scenarios share: registering through the real form, or — where the scenario
is about something else — teachers written straight into the bot's database, as if they had
registered (the form itself has its own scenarios here and in tests/flows).

Test modules import these from here, never from one another.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select

from storage.database import Database
from storage.models import School, Subject, User, UserSubject
from tests.e2e.conftest import ADMIN_ID, RunningBot
from tests.e2e.conversation import Person


async def seed_teachers(
    bot: RunningBot,
    people: Iterable[tuple[int, str]],
    *,
    language: str = "kk",
    school: str | None = None,
) -> None:
    """Registered teachers (id, full name) of the school whose name holds `school` (none when
    None), teaching history, straight into the running bot's database."""
    database = Database(f"sqlite+aiosqlite:///{bot.db_path}")
    now = datetime.now(UTC)
    async with database.write() as session:
        found = None
        if school is not None:
            found = await session.scalar(
                select(School).where(School.search_text.like(f"%{school.casefold()}%")).limit(1)
            )
            assert found is not None, school
        history = await session.scalar(select(Subject).where(Subject.name_kk == "Тарих"))
        for user_id, name in people:
            session.add(
                User(
                    id=user_id,
                    language=language,
                    full_name=name,
                    district_id=found.district_id if found else None,
                    school_id=found.id if found else None,
                    consent_at=now,
                    registered_at=now,
                )
            )
            if history is not None:
                await session.flush()
                session.add(UserSubject(user_id=user_id, subject_id=history.id))
    await database.dispose()
    for user_id, _ in people:
        bot.fake.add_chat(user_id)


async def register(
    person: Person,
    *,
    agree: str,
    name: str,
    region: str,
    district: str,
    search: str,
    school: str,
    subjects: list[str],
    done: str,
) -> list[str]:
    """Register in any language: the labels to tap and the texts to type are given."""
    await person.say("/start")
    await person.tap(agree)
    await person.say(name)
    await person.tap(region)
    await person.tap(district)
    await person.say(search)
    await person.tap(school)
    for subject in subjects:
        await person.tap(subject)
    return await person.tap(done)


async def register_kk(person: Person, name: str, *, school: str | None) -> list[str]:
    """Register in Kazakh in Жуалы ауданы, teaching history; with `school` None, ask for a
    school the directory lacks (Көкбастау ауылының №2 орта мектебі)."""
    await person.say("/start")
    await person.tap("Келісемін")
    await person.say(name)
    await person.tap("Жамбыл облысы")
    await person.tap("Жуалы ауданы")
    if school is None:
        await person.tap("Мектебім тізімде жоқ")
        await person.say("Көкбастау ауылының №2 орта мектебі")
    else:
        await person.tap(school)
    await person.tap("Тарих")
    return await person.tap("✅ Дайын")


async def coordinator(bot: RunningBot) -> Person:
    """The administrator from ADMIN_IDS, registered, in Kazakh: she coordinates."""
    await seed_teachers(bot, [(ADMIN_ID, "Бекова Сара Нұрланқызы")], school="Көкбастау")
    return bot.person(ADMIN_ID, "Сара", "kk")
