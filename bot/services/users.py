"""People: registration, profile, language, roles, and whether Telegram still lets us write."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.errors import InvalidInput, NotFound, PermissionDenied
from bot.services.permissions import Actor, effective_roles
from storage.database import Database
from storage.models import Role, SchoolRequest, User, utcnow
from storage.repositories.directory import DirectoryRepository
from storage.repositories.school_requests import SchoolRequestRepository
from storage.repositories.users import UserRepository

FULL_NAME_MAX = 120
SUBJECTS_MAX = 6
SCHOOL_NAME_MIN, SCHOOL_NAME_MAX = 5, 200


class InvalidFullName(InvalidInput):
    code = "error-full-name"


class InvalidSchoolName(InvalidInput):
    code = "error-school-name"


class TooManySubjects(InvalidInput):
    code = "subjects-too-many"

    def __init__(self) -> None:
        super().__init__(max=SUBJECTS_MAX)


class NoSubjects(InvalidInput):
    code = "subjects-none"


@dataclass(frozen=True)
class Registration:
    """What the registration form gathered; either a school from the directory or a request."""

    user_id: int
    language: str
    username: str | None
    full_name: str
    district_id: int
    school_id: int | None
    requested_school: str | None
    subject_ids: tuple[int, ...]
    consent_at: datetime


@dataclass(frozen=True)
class Profile:
    user_id: int
    full_name: str
    language: str
    region_kk: str | None
    region_ru: str | None
    district_kk: str | None
    district_ru: str | None
    school_kk: str | None
    school_ru: str | None
    subjects: tuple[tuple[str, str, str], ...]  # (kk, ru, en) names
    pending_school: str | None
    roles: frozenset[Role]
    subject_ids: tuple[int, ...] = ()
    registered_at: datetime | None = None


def normalize_full_name(text: str) -> str:
    """Collapse spaces; refuse what cannot be a person's name."""
    name = " ".join(text.split())
    words = name.split(" ")
    if not (2 <= len(words) <= 5) or len(name) > FULL_NAME_MAX:
        raise InvalidFullName
    if not all(any(ch.isalpha() for ch in word) for word in words):
        raise InvalidFullName
    if any(ch.isdigit() or ch in "<>@/\\#$%^*=+{}[]|" for ch in name):
        raise InvalidFullName
    return name


def normalize_school_name(text: str) -> str:
    """The name of a school a teacher asks to add to the directory."""
    name = " ".join(text.split())
    if not SCHOOL_NAME_MIN <= len(name) <= SCHOOL_NAME_MAX:
        raise InvalidSchoolName
    return name


def check_subject_choice(subject_ids: Sequence[int]) -> tuple[int, ...]:
    """A teacher names one to SUBJECTS_MAX subjects they teach."""
    chosen = tuple(dict.fromkeys(subject_ids))
    if not chosen:
        raise NoSubjects
    if len(chosen) > SUBJECTS_MAX:
        raise TooManySubjects
    return chosen


def check_room_for_subject(chosen_count: int) -> None:
    """Before one more subject is ticked: is there room for it?"""
    if chosen_count >= SUBJECTS_MAX:
        raise TooManySubjects


# Telegram user ids are positive and fit a BIGINT column.
USER_ID_DIGITS_MAX = 18


class InvalidUserId(InvalidInput):
    code = "grant-id-invalid"


class UnknownGrantee(NotFound):
    """Roles go to registered people only; the id may have been mistyped, so the form stays."""

    code = "grant-unknown-user"
    keeps_form = True


def parse_user_id(text: str) -> int:
    """A Telegram user id as typed: digits only."""
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()) or len(digits) > USER_ID_DIGITS_MAX:
        raise InvalidUserId
    value = int(digits)
    if value <= 0:
        raise InvalidUserId
    return value


class UserCache:
    """The people behind recent updates, so that most updates need no query for them.

    Every write through the services forgets the person it touched (UserService, and
    SchoolRequestService for a school added to a profile); entries also expire after `ttl`
    seconds, which bounds how long a write made by another process (the operator's
    `python -m bot grant`) goes unseen. Unregistered people are cached as None, so a burst of
    new teachers' /start costs one query each, once.
    """

    def __init__(
        self,
        size: int = 10_000,
        ttl: float = 30.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.size = size
        self.ttl = ttl
        self.monotonic = monotonic
        self._entries: OrderedDict[int, tuple[float, User | None]] = OrderedDict()
        # Counts every forget: a row read while a write was being made must not be kept.
        self.writes = 0

    def get(self, user_id: int) -> tuple[bool, User | None]:
        entry = self._entries.get(user_id)
        if entry is None or entry[0] < self.monotonic():
            return False, None
        self._entries.move_to_end(user_id)
        return True, entry[1]

    def put(self, user_id: int, user: User | None, read_after: int) -> None:
        """Keep a row read when `writes` was `read_after`, unless a write came since."""
        if self.writes != read_after:
            return
        self._entries[user_id] = (self.monotonic() + self.ttl, user)
        self._entries.move_to_end(user_id)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def forget(self, user_id: int) -> None:
        self.writes += 1
        self._entries.pop(user_id, None)


class UserService:
    def __init__(
        self, database: Database, admin_ids: frozenset[int], cache: UserCache | None = None
    ) -> None:
        self.database = database
        self.admin_ids = admin_ids
        self.cache = cache or UserCache()

    async def get(self, user_id: int) -> User | None:
        """The person's row with their roles (not their subjects): from the cache when it has
        them, else in one query. Treat it as read-only: it may serve several updates."""
        hit, user = self.cache.get(user_id)
        if hit:
            return user
        writes = self.cache.writes
        async with self.database.read() as session:
            user = await UserRepository(session).get_with_roles(user_id)
        self.cache.put(user_id, user, read_after=writes)
        return user

    @asynccontextmanager
    async def _writing(self, user_id: int) -> AsyncIterator[AsyncSession]:
        """A write transaction about this person; their cached row is dropped after it."""
        try:
            async with self.database.write() as session:
                yield session
        finally:
            self.cache.forget(user_id)

    def actor(self, user_id: int, user: User | None) -> Actor:
        stored = user.role_set if user is not None else frozenset()
        registered = bool(user is not None and user.is_registered)
        roles = effective_roles(
            stored, user_id=user_id, registered=registered, admin_ids=self.admin_ids
        )
        return Actor(user_id=user_id, roles=roles, registered=registered)

    async def register(self, form: Registration) -> tuple[User, SchoolRequest | None]:
        async with self._writing(form.user_id) as session:
            users = UserRepository(session)
            directory = DirectoryRepository(session)
            if await directory.district(form.district_id) is None:
                raise NotFound
            if form.school_id is not None:
                school = await directory.school(form.school_id)
                if school is None or school.district_id != form.district_id:
                    raise NotFound
            user = await users.get_or_create(form.user_id, language=form.language)
            user.language = form.language
            user.username = form.username
            user.full_name = form.full_name
            user.district_id = form.district_id
            user.school_id = form.school_id
            user.consent_at = user.consent_at or form.consent_at
            user.registered_at = user.registered_at or utcnow()
            user.is_active = True
            user.blocked_at = None
            chosen = check_subject_choice(form.subject_ids)
            subjects = await directory.subjects_by_ids(list(chosen))
            await users.set_subjects(user, [s.id for s in subjects])
            if form.user_id in self.admin_ids:
                await users.grant(form.user_id, Role.ADMIN, granted_by=None)
            request = None
            if form.school_id is None and form.requested_school:
                request = await SchoolRequestRepository(session).create(
                    form.user_id, form.district_id, normalize_school_name(form.requested_school)
                )
            await session.flush()
            await session.refresh(user, attribute_names=["roles", "subjects"])
            return user, request

    async def profile(self, user_id: int) -> Profile:
        async with self.database.read() as session:
            user = await UserRepository(session).get(user_id)
            if user is None or not user.is_registered:
                raise NotFound
            directory = DirectoryRepository(session)
            district = await directory.district(user.district_id) if user.district_id else None
            region = await directory.region(district.region_id) if district else None
            school = await directory.school(user.school_id) if user.school_id else None
            pending = None
            if school is None:
                requests = await SchoolRequestRepository(session).pending_for_user(user_id)
                pending = requests[0].name if requests else None
            return Profile(
                user_id=user.id,
                full_name=user.full_name or "",
                language=user.language,
                region_kk=region.name_kk if region else None,
                region_ru=region.name_ru if region else None,
                district_kk=district.name_kk if district else None,
                district_ru=district.name_ru if district else None,
                school_kk=school.name_kk if school else None,
                school_ru=school.name_ru if school else None,
                subjects=tuple((s.name_kk, s.name_ru, s.name_en) for s in user.subjects),
                pending_school=pending,
                roles=self.actor(user.id, user).roles,
                subject_ids=tuple(s.id for s in user.subjects),
                registered_at=user.registered_at,
            )

    async def rename(self, user_id: int, full_name: str) -> None:
        async with self._writing(user_id) as session:
            user = await UserRepository(session).get(user_id)
            if user is None:
                raise NotFound
            user.full_name = normalize_full_name(full_name)

    async def set_subjects(self, user_id: int, subject_ids: list[int]) -> None:
        async with self._writing(user_id) as session:
            users = UserRepository(session)
            user = await users.get(user_id)
            if user is None:
                raise NotFound
            chosen = check_subject_choice(subject_ids)
            subjects = await DirectoryRepository(session).subjects_by_ids(list(chosen))
            await users.set_subjects(user, [s.id for s in subjects])

    async def set_school(
        self, user_id: int, district_id: int, school_id: int | None, requested: str | None
    ) -> SchoolRequest | None:
        async with self._writing(user_id) as session:
            user = await UserRepository(session).get(user_id)
            directory = DirectoryRepository(session)
            if user is None or await directory.district(district_id) is None:
                raise NotFound
            if school_id is not None:
                school = await directory.school(school_id)
                if school is None or school.district_id != district_id:
                    raise NotFound
            user.district_id = district_id
            user.school_id = school_id
            if school_id is None and requested:
                return await SchoolRequestRepository(session).create(
                    user_id, district_id, normalize_school_name(requested)
                )
            return None

    async def set_language(self, user_id: int, language: str) -> bool:
        """Store the language for a registered user; False when there is no row to store it in."""
        async with self._writing(user_id) as session:
            users = UserRepository(session)
            if await users.get(user_id) is None:
                return False
            await users.set_language(user_id, language)
            return True

    async def mark_blocked(self, user_id: int) -> bool:
        async with self._writing(user_id) as session:
            return await UserRepository(session).set_active(user_id, False)

    async def mark_back(self, user_id: int) -> bool:
        async with self._writing(user_id) as session:
            return await UserRepository(session).set_active(user_id, True)

    async def coordinators(self) -> list[User]:
        """Active coordinators and admins, who look after school requests."""
        async with self.database.read() as session:
            repo = UserRepository(session)
            people = {u.id: u for u in await repo.with_role(Role.COORDINATOR)}
            for admin in await repo.with_role(Role.ADMIN):
                people.setdefault(admin.id, admin)
            for admin_id in self.admin_ids:
                if admin_id not in people:
                    user = await repo.get(admin_id)
                    if user is not None and user.is_active:
                        people[admin_id] = user
            return list(people.values())

    @staticmethod
    def grantable_roles(actor: Actor) -> list[Role]:
        """The roles this actor may give, in the order of Role; empty for most people."""
        return [role for role in Role if actor.may_grant(role)]

    def ensure_may_grant(self, actor: Actor) -> None:
        """Whether the actor may give any role at all: opening /grant asks this."""
        if not self.grantable_roles(actor):
            raise PermissionDenied

    async def grantee(self, actor: Actor, target_id: int) -> User:
        """The registered person a role is about to be given to."""
        self.ensure_may_grant(actor)
        target = await self.get(target_id)
        if target is None or not target.is_registered:
            raise UnknownGrantee
        return target

    async def grant(self, actor: Actor, target_id: int, role: Role) -> bool:
        """Give `role` to `target_id` if the actor may; returns False when it was already held."""
        if not actor.may_grant(role):
            raise PermissionDenied
        async with self._writing(target_id) as session:
            users = UserRepository(session)
            target = await users.get(target_id)
            if target is None or not target.is_registered:
                raise UnknownGrantee
            return await users.grant(target_id, role, granted_by=actor.user_id)

    async def revoke_by_operator(self, target_id: int, role: Role) -> bool:
        """The server operator takes a role away; False when it was not held."""
        async with self._writing(target_id) as session:
            return await UserRepository(session).revoke(target_id, role)

    async def grant_by_operator(self, target_id: int, role: Role, language: str) -> bool:
        """The server operator's grant (CLI): no actor check, creates a bare row if needed."""
        async with self._writing(target_id) as session:
            users = UserRepository(session)
            await users.get_or_create(target_id, language=language)
            return await users.grant(target_id, role, granted_by=None)
