"""Data the unit tests set up again and again, written into a real migrated database.

Each helper commits its own short write transaction (as the bot's services do) and returns
what the test goes on to use. Rows a test wants in one transaction together with other rows
can be built with :func:`teacher_row` and added by the test itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot.services.permissions import Actor
from bot.services.users import Registration, UserService
from storage.database import Database
from storage.models import (
    EventSession,
    Role,
    School,
    Seat,
    SeatStatus,
    User,
    UserRole,
    Workshop,
    WorkshopStatus,
)
from storage.repositories.directory import DirectoryRepository

# When the teachers made here registered (and gave their consent).
REGISTERED_AT = datetime(2026, 9, 1, tzinfo=UTC)
WORKSHOP_TITLE = "Функционалдық сауаттылық"
SESSION_TOPIC = "Сын тұрғысынан ойлау"


def actor(user_id: int, *roles: Role) -> Actor:
    """A registered teacher as the services see them, holding `roles` as well."""
    return Actor(user_id=user_id, roles=frozenset({Role.TEACHER, *roles}), registered=True)


def teacher_row(
    user_id: int,
    *,
    name: str | None = None,
    language: str = "kk",
    active: bool = True,
    registered_at: datetime = REGISTERED_AT,
    **fields: Any,
) -> User:
    """A registered teacher's row, not yet added to any transaction."""
    return User(
        id=user_id,
        language=language,
        full_name=name or f"Мұғалім {user_id}",
        consent_at=registered_at,
        registered_at=registered_at,
        is_active=active,
        **fields,
    )


async def add_teacher(
    db: Database,
    user_id: int,
    *roles: Role,
    name: str | None = None,
    language: str = "kk",
    active: bool = True,
) -> Actor:
    """A registered teacher (with extra `roles` stored), straight into the database."""
    async with db.write() as session:
        session.add(teacher_row(user_id, name=name, language=language, active=active))
        await session.flush()
        for role in roles:
            session.add(UserRole(user_id=user_id, role=role))
    return actor(user_id, *roles)


async def add_teachers(db: Database, user_ids: Iterable[int], *, language: str = "kk") -> None:
    """Many registered teachers, named after their ids, in one transaction."""
    async with db.write() as session:
        session.add_all(teacher_row(user_id, language=language) for user_id in user_ids)


async def first_school(db: Database, words: str) -> School:
    """The first directory school whose search text holds `words` (needs `directory`)."""
    async with db.read() as session:
        school = await session.scalar(
            select(School).where(School.search_text.like(f"%{words}%")).limit(1)
        )
    assert school is not None, words
    return school


async def register_teacher(db: Database, user_id: int, **overrides: Any) -> User:
    """A teacher registered through the registration service, as the form does it: a school
    of the sample directory and two subjects (the database must have `directory` loaded)."""
    school = await first_school(db, "абай")
    async with db.read() as session:
        subjects = await DirectoryRepository(session).subjects()
    form: dict[str, Any] = {
        "user_id": user_id,
        "language": "kk",
        "username": None,
        "full_name": "Ахметова Айгүл Серікқызы",
        "district_id": school.district_id,
        "school_id": school.id,
        "requested_school": None,
        "subject_ids": (subjects[0].id, subjects[5].id),
        "consent_at": datetime.now(UTC),
    }
    form.update(overrides)
    user, _ = await UserService(db, frozenset()).register(Registration(**form))
    return user


async def approved_workshop(
    db: Database,
    leader_id: int,
    *,
    title: str = WORKSHOP_TITLE,
    status: WorkshopStatus = WorkshopStatus.APPROVED,
    **fields: Any,
) -> Workshop:
    """A workshop the council has opened (or one in another `status`), led by `leader_id`."""
    values: dict[str, Any] = {
        "method": "Lesson Study әдісі",
        "audience": "5–9 сыныптар",
        "plan_text": "Жылдық жоспар",
    }
    values.update(fields)
    async with db.write() as session:
        item = Workshop(leader_id=leader_id, title=title, status=status, **values)
        session.add(item)
        await session.flush()
        return item


async def scheduled_session(
    db: Database,
    workshop_id: int | None,
    starts_at: datetime,
    *,
    topic: str = SESSION_TOPIC,
    duration_minutes: int = 90,
    capacity: int | None = None,
    **fields: Any,
) -> EventSession:
    """A scheduled session of a workshop (or, with no workshop, another network event)."""
    async with db.write() as session:
        item = EventSession(
            workshop_id=workshop_id,
            topic=topic,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            capacity=capacity,
            **fields,
        )
        session.add(item)
        await session.flush()
        return item


async def add_seat(
    db: Database,
    session_id: int,
    user_id: int,
    status: SeatStatus = SeatStatus.REGISTERED,
    *,
    attended: bool = False,
) -> Seat:
    """A teacher's place in a session, written directly (no capacity rules applied)."""
    async with db.write() as session:
        item = Seat(session_id=session_id, user_id=user_id, status=status, attended=attended)
        session.add(item)
        await session.flush()
        return item
