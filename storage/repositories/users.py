from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, raiseload

from storage.models import Role, Subject, User, UserRole, UserSubject, utcnow


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def get_with_roles(self, user_id: int) -> User | None:
        """The row and its roles in one query; touching its subjects raises rather than loads."""
        query = (
            select(User)
            .where(User.id == user_id)
            .options(joinedload(User.roles), raiseload(User.subjects))
        )
        return (await self.session.scalars(query)).unique().first()

    async def get_or_create(self, user_id: int, *, language: str) -> User:
        user = await self.get(user_id)
        if user is None:
            user = User(id=user_id, language=language, is_active=True)
            self.session.add(user)
            await self.session.flush()
        return user

    async def set_language(self, user_id: int, language: str) -> None:
        await self.session.execute(
            update(User).where(User.id == user_id).values(language=language, updated_at=utcnow())
        )

    async def set_active(self, user_id: int, active: bool, *, at: datetime | None = None) -> bool:
        """Mark a user (in)active; returns whether anything changed."""
        values: dict[str, object] = {"is_active": active, "updated_at": utcnow()}
        values["blocked_at"] = None if active else (at or utcnow())
        result = await self.session.execute(
            update(User).where(User.id == user_id, User.is_active.is_not(active)).values(**values)
        )
        return bool(getattr(result, "rowcount", 0))

    async def set_subjects(self, user: User, subject_ids: Iterable[int]) -> None:
        wanted = set(subject_ids)
        await self.session.execute(delete(UserSubject).where(UserSubject.user_id == user.id))
        for subject_id in sorted(wanted):
            self.session.add(UserSubject(user_id=user.id, subject_id=subject_id))
        await self.session.flush()
        await self.session.refresh(user, attribute_names=["subjects"])

    async def subjects_of(self, user_id: int) -> list[Subject]:
        rows = await self.session.scalars(
            select(Subject)
            .join(UserSubject, UserSubject.subject_id == Subject.id)
            .where(UserSubject.user_id == user_id)
            .order_by(Subject.position, Subject.id)
        )
        return list(rows)

    async def grant(self, user_id: int, role: Role, *, granted_by: int | None) -> bool:
        """Give a role; returns False when the user already had it."""
        existing = await self.session.get(UserRole, (user_id, role))
        if existing is not None:
            return False
        self.session.add(UserRole(user_id=user_id, role=role, granted_by=granted_by))
        await self.session.flush()
        return True

    async def revoke(self, user_id: int, role: Role) -> bool:
        result = await self.session.execute(
            delete(UserRole).where(UserRole.user_id == user_id, UserRole.role == role)
        )
        return bool(getattr(result, "rowcount", 0))

    async def roles_of(self, user_id: int) -> frozenset[Role]:
        rows = await self.session.scalars(select(UserRole.role).where(UserRole.user_id == user_id))
        return frozenset(Role(r) for r in rows)

    async def with_role(self, role: Role, *, active_only: bool = True) -> list[User]:
        query = (
            select(User).join(UserRole, UserRole.user_id == User.id).where(UserRole.role == role)
        )
        if active_only:
            query = query.where(User.is_active.is_(True))
        return list(await self.session.scalars(query.order_by(User.id)))
