"""Storage on a real database with the migrations applied (SQLite, or PostgreSQL by
TEST_DATABASE_URL)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.dialogs.places.states import SchoolPickerSG
from bot.fsm_storage import DatabaseStorage
from bot.services.errors import AlreadyDecided, NotFound, PermissionDenied
from bot.services.permissions import Actor
from bot.services.school_requests import SchoolRequestService
from bot.services.users import (
    NoSubjects,
    Registration,
    TooManySubjects,
    UserCache,
    UserService,
)
from storage.database import Database
from storage.directory_loader import load_schools
from storage.migrate import pending_revisions
from storage.models import Role, User
from storage.repositories.directory import DirectoryRepository
from storage.repositories.users import UserRepository
from tests.support.factories import first_school, register_teacher


async def test_migrations_leave_nothing_pending(database: Database) -> None:
    assert await pending_revisions(database) == []


async def test_sample_directory_loads_and_reloading_changes_no_ids(database: Database) -> None:
    first = await load_schools(database)
    assert first.regions == 2
    assert first.schools_created >= 30
    school = await first_school(database, "абай")
    again = await load_schools(database)
    assert again.schools_created == 0
    assert again.schools_updated == first.schools_created
    assert (await first_school(database, "абай")).id == school.id


async def test_school_search_is_case_insensitive_for_cyrillic(directory: Database) -> None:
    school = await first_school(directory, "абай")
    async with directory.read() as session:
        repo = DirectoryRepository(session)
        found = await repo.search_schools(school.district_id, "АБАЙ орта")
        nothing = await repo.search_schools(school.district_id, "%")
    assert [s.id for s in found] == [school.id]
    assert nothing == []


async def test_registration_stores_profile_subjects_and_admin_role(directory: Database) -> None:
    service = UserService(directory, admin_ids=frozenset({77}))
    await register_teacher(directory, 77)
    user = await service.get(77)
    assert user is not None
    assert user.is_registered
    assert len((await service.profile(77)).subject_ids) == 2
    assert service.actor(77, user).roles == {Role.ADMIN, Role.TEACHER}


async def test_registration_refuses_a_school_from_another_district(directory: Database) -> None:
    other = await first_school(directory, "кушмурун")
    with pytest.raises(NotFound):
        await register_teacher(directory, 5, school_id=other.id)
    assert await UserService(directory, frozenset()).get(5) is None


async def test_a_coordinator_cannot_make_another_coordinator(directory: Database) -> None:
    service = UserService(directory, frozenset())
    await register_teacher(directory, 1)
    await register_teacher(directory, 2)
    coordinator = Actor(user_id=1, roles=frozenset({Role.COORDINATOR}), registered=True)
    with pytest.raises(PermissionDenied):
        await service.grant(coordinator, 2, Role.COORDINATOR)
    assert await service.grant(coordinator, 2, Role.LEADER) is True
    assert await service.grant(coordinator, 2, Role.LEADER) is False


async def test_a_blocked_user_is_inactive_until_they_come_back(directory: Database) -> None:
    service = UserService(directory, frozenset())
    await register_teacher(directory, 9)
    assert await service.mark_blocked(9) is True
    assert await service.mark_blocked(9) is False
    user = await service.get(9)
    assert user is not None
    assert not user.is_active
    assert user.blocked_at is not None
    assert await service.mark_back(9) is True
    user = await service.get(9)
    assert user is not None
    assert user.is_active


async def test_approving_a_school_request_adds_the_school_to_the_teacher(
    directory: Database,
) -> None:
    school = await first_school(directory, "абай")
    _, request = await UserService(directory, frozenset()).register(
        Registration(
            user_id=11,
            language="ru",
            username="teacher",
            full_name="Иванова Мария Петровна",
            district_id=school.district_id,
            school_id=None,
            requested_school="Новая школа-гимназия №99",
            subject_ids=(1,),
            consent_at=datetime.now(UTC),
        )
    )
    assert request is not None
    assert request.district.id == school.district_id
    coordinator = Actor(user_id=1, roles=frozenset({Role.COORDINATOR}), registered=True)
    teacher = Actor(user_id=11, roles=frozenset({Role.TEACHER}), registered=True)
    service = SchoolRequestService(directory, UserCache())
    with pytest.raises(PermissionDenied):
        await service.decide(teacher, request.id, approve=True)
    decision = await service.decide(coordinator, request.id, approve=True)
    assert decision.approved
    assert decision.user_language == "ru"
    with pytest.raises(AlreadyDecided):
        await service.decide(coordinator, request.id, approve=False)
    stored = await UserService(directory, frozenset()).get(11)
    assert stored is not None
    assert stored.school_id is not None
    added = await first_school(directory, "№99")
    assert stored.school_id == added.id


async def test_form_state_survives_a_restart(database: Database) -> None:
    key = StorageKey(bot_id=1, chat_id=42, user_id=42)
    storage = DatabaseStorage(database)
    await storage.set_state(key, SchoolPickerSG.district)
    await storage.set_data(key, {"full_name": "Сейітов Ерлан", "region_id": 3})
    restarted = DatabaseStorage(Database(database.url))
    assert await restarted.get_state(key) == SchoolPickerSG.district.state
    assert await restarted.get_data(key) == {"full_name": "Сейітов Ерлан", "region_id": 3}
    await restarted.set_state(key, None)
    await restarted.set_data(key, {})
    assert await storage.get_state(key) is None
    await restarted.database.dispose()


async def test_concurrent_read_then_write_transactions_never_fail_busy(
    database: Database,
) -> None:
    """Fifty handlers that read a row and then write it, all at once, all succeed."""

    async with database.write() as session:
        await UserRepository(session).get_or_create(1000, language="kk")

    async def read_then_write(i: int) -> None:
        async with database.write() as session:
            users = UserRepository(session)
            shared = await users.get(1000)
            await asyncio.sleep(0.01)  # let the others read the same snapshot meanwhile
            assert shared is not None
            await users.get_or_create(2000 + i, language=shared.language)

    await asyncio.gather(*(read_then_write(i) for i in range(50)))
    async with database.read() as session:
        created = [await UserRepository(session).get(2000 + i) for i in range(50)]
    assert all(user is not None for user in created)


async def test_a_registration_without_subjects_or_with_seven_is_refused(
    directory: Database,
) -> None:
    school = await first_school(directory, "абай")
    form = Registration(
        user_id=12,
        language="kk",
        username=None,
        full_name="Серіков Асқар",
        district_id=school.district_id,
        school_id=school.id,
        requested_school=None,
        subject_ids=(),
        consent_at=datetime.now(UTC),
    )
    users = UserService(directory, frozenset())
    with pytest.raises(NoSubjects):
        await users.register(form)
    with pytest.raises(TooManySubjects):
        await users.register(replace(form, subject_ids=(1, 2, 3, 4, 5, 6, 7)))
    async with directory.read() as session:
        assert await session.get(User, 12) is None
