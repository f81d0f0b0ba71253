"""Workshops: a leader's proposal, the coordinators' decision (rules of 000, 3.2–3.3)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.services.errors import AlreadyDecided, InvalidInput, NotFound, PermissionDenied
from bot.services.permissions import Actor
from storage.database import Database
from storage.models import Role, Workshop, WorkshopStatus
from storage.repositories.workshops import WorkshopRepository

TITLE_MAX, METHOD_MAX, AUDIENCE_MAX, PLAN_MAX, REASON_MAX = 200, 3000, 300, 3500, 500


@dataclass(frozen=True)
class Proposal:
    title: str
    subject_id: int | None
    method: str
    audience: str
    plan_text: str | None
    plan_file_id: str | None


def _clean(
    text: str | None, limit: int, *, required: bool = True, one_line: bool = False
) -> str | None:
    value = " ".join((text or "").split()) if one_line else (text or "").strip()
    if not value:
        if required:
            raise InvalidInput
        return None
    if len(value) > limit:
        raise InvalidInput
    return value


class WorkshopService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    async def propose(self, actor: Actor, proposal: Proposal) -> Workshop:
        if not actor.has(Role.LEADER):
            raise PermissionDenied
        if not (proposal.plan_text or proposal.plan_file_id):
            raise InvalidInput
        workshop = Workshop(
            leader_id=actor.user_id,
            title=_clean(proposal.title, TITLE_MAX, one_line=True),
            subject_id=proposal.subject_id,
            method=_clean(proposal.method, METHOD_MAX),
            audience=_clean(proposal.audience, AUDIENCE_MAX, one_line=True),
            plan_text=_clean(proposal.plan_text, PLAN_MAX, required=False),
            plan_file_id=proposal.plan_file_id,
        )
        async with self.database.write() as session:
            return await WorkshopRepository(session).add(workshop)

    async def decide(
        self, actor: Actor, workshop_id: int, *, approve: bool, reason: str | None = None
    ) -> Workshop:
        if not actor.is_coordinator:
            raise PermissionDenied
        async with self.database.write() as session:
            workshop = await WorkshopRepository(session).get(workshop_id)
            if workshop is None:
                raise NotFound
            if workshop.status != WorkshopStatus.PROPOSED:
                raise AlreadyDecided
            workshop.status = WorkshopStatus.APPROVED if approve else WorkshopStatus.REJECTED
            workshop.decided_by = actor.user_id
            workshop.decided_at = self.clock.now()
            workshop.rejection_reason = None if approve else _clean(reason, REASON_MAX)
            return workshop

    async def get(self, workshop_id: int) -> Workshop | None:
        async with self.database.read() as session:
            return await WorkshopRepository(session).get(workshop_id)

    async def managed(self, actor: Actor, workshop_id: int) -> Workshop:
        """A workshop the actor may manage (its leader, or a coordinator)."""
        workshop = await self.get(workshop_id)
        if workshop is None:
            raise NotFound
        if not actor.manages(workshop):
            raise PermissionDenied
        return workshop

    async def of_leader(self, leader_id: int) -> list[Workshop]:
        async with self.database.read() as session:
            return list(await WorkshopRepository(session).of_leader(leader_id))

    async def approved(self) -> list[Workshop]:
        async with self.database.read() as session:
            return list(await WorkshopRepository(session).with_status(WorkshopStatus.APPROVED))

    async def proposed(self) -> list[Workshop]:
        async with self.database.read() as session:
            return list(await WorkshopRepository(session).with_status(WorkshopStatus.PROPOSED))
