"""Workshop materials (rules of 000, 4.2): video lessons, lesson notes, presentations, expert
materials and links, kept in an archive that everyone registered can read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    EventSession,
    Material,
    Seat,
    SeatStatus,
    User,
    Workshop,
    WorkshopStatus,
)
from storage.repositories.directory import fold

SEARCH_WORDS_MAX = 6


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class MaterialRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, material: Material) -> Material:
        self.session.add(material)
        await self.session.flush()
        return material

    async def get(self, material_id: int) -> Material | None:
        return await self.session.get(Material, material_id)

    async def workshop(self, workshop_id: int) -> Workshop | None:
        return await self.session.get(Workshop, workshop_id)

    async def event_session(self, session_id: int) -> EventSession | None:
        return await self.session.get(EventSession, session_id)

    async def archive_workshops(self, *, offset: int, limit: int) -> list[tuple[Workshop, int]]:
        """Approved workshops that have materials, with how many, by title."""
        count = func.count(Material.id).label("materials")
        rows = await self.session.execute(
            select(Workshop, count)
            .join(Material, Material.workshop_id == Workshop.id)
            .where(Workshop.status == WorkshopStatus.APPROVED)
            .group_by(Workshop.id)
            .order_by(Workshop.title, Workshop.id)
            .offset(offset)
            .limit(limit)
        )
        return [(workshop, int(total)) for workshop, total in rows.all()]

    async def of_workshop(self, workshop_id: int) -> list[tuple[Material, datetime | None]]:
        """A workshop's materials with the start of the session each belongs to (or None)."""
        rows = await self.session.execute(
            select(Material, EventSession.starts_at)
            .join(EventSession, EventSession.id == Material.session_id, isouter=True)
            .where(Material.workshop_id == workshop_id)
            .order_by(Material.created_at, Material.id)
        )
        return [(material, starts_at) for material, starts_at in rows.all()]

    async def of_session(self, session_id: int) -> Sequence[Material]:
        rows = await self.session.scalars(
            select(Material)
            .where(Material.session_id == session_id)
            .order_by(Material.created_at, Material.id)
        )
        return rows.all()

    async def search(self, words: str, *, limit: int) -> list[tuple[Material, str]]:
        """Materials of approved workshops whose search text holds every word, newest first."""
        folded = fold(words).split()[:SEARCH_WORDS_MAX]
        if not folded:
            return []
        query = (
            select(Material, Workshop.title)
            .join(Workshop, Workshop.id == Material.workshop_id)
            .where(Workshop.status == WorkshopStatus.APPROVED)
        )
        for word in folded:
            query = query.where(Material.search_text.like(_like(word), escape="\\"))
        rows = await self.session.execute(
            query.order_by(Material.created_at.desc(), Material.id.desc()).limit(limit)
        )
        return [(material, title) for material, title in rows.all()]

    async def participants(self, session_id: int) -> list[tuple[int, str]]:
        """(user id, language) of the session's active participants.

        Registered seats; once the leader marked anybody attended, only those who attended.
        """
        query = (
            select(User.id, User.language)
            .join(Seat, Seat.user_id == User.id)
            .where(
                Seat.session_id == session_id,
                Seat.status == SeatStatus.REGISTERED,
                User.is_active.is_(True),
            )
        )
        anybody_attended = await self.session.scalar(
            select(Seat.id)
            .where(
                Seat.session_id == session_id,
                Seat.status == SeatStatus.REGISTERED,
                Seat.attended.is_(True),
            )
            .limit(1)
        )
        if anybody_attended is not None:
            query = query.where(Seat.attended.is_(True))
        rows = await self.session.execute(query.order_by(Seat.queued_at, Seat.id))
        return [(int(user_id), str(language)) for user_id, language in rows.all()]
