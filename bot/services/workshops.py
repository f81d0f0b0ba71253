"""Workshops: a leader's proposal, the coordinators' decision (rules of 000, 3.2–3.3).

The lengths a proposal's parts must have are checked here, once: the /propose form uses the same
functions to refuse a bad answer at its own step, and `propose` checks the whole again.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.services.errors import (
    AlreadyDecided,
    InvalidInput,
    NotApproved,
    NotFound,
    PermissionDenied,
)
from bot.services.permissions import Actor
from storage.database import Database
from storage.models import Role, Subject, Workshop, WorkshopStatus
from storage.repositories.workshops import WorkshopRepository

TITLE_RANGE = (5, 200)
METHOD_RANGE = (20, 3000)
AUDIENCE_RANGE = (3, 300)
PLAN_RANGE = (20, 3500)
REASON_RANGE = (3, 500)


class LeadersOnly(PermissionDenied):
    code = "workshop-leaders-only"


class InvalidTitle(InvalidInput):
    code = "propose-title-invalid"


class InvalidMethod(InvalidInput):
    code = "propose-method-invalid"


class InvalidAudience(InvalidInput):
    code = "propose-audience-invalid"


class InvalidPlan(InvalidInput):
    code = "propose-plan-invalid"


class InvalidReason(InvalidInput):
    code = "workshop-reject-reason-invalid"


@dataclass(frozen=True)
class Proposal:
    title: str
    subject_id: int | None
    method: str
    audience: str
    plan_text: str | None
    plan_file_id: str | None


def _within(value: str, bounds: tuple[int, int], error: type[InvalidInput]) -> str:
    if not bounds[0] <= len(value) <= bounds[1]:
        raise error
    return value


def normalize_title(text: str) -> str:
    return _within(" ".join(text.split()), TITLE_RANGE, InvalidTitle)


def normalize_method(text: str) -> str:
    return _within(text.strip(), METHOD_RANGE, InvalidMethod)


def normalize_audience(text: str) -> str:
    return _within(" ".join(text.split()), AUDIENCE_RANGE, InvalidAudience)


def normalize_plan(text: str) -> str:
    """The work plan typed as text; a plan sent as a document has no length to check."""
    return _within(text.strip(), PLAN_RANGE, InvalidPlan)


def normalize_reason(text: str) -> str:
    """The council's reason for a rejection, which the leader receives."""
    return _within(text.strip(), REASON_RANGE, InvalidReason)


class WorkshopService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    @staticmethod
    def ensure_may_propose(actor: Actor) -> None:
        """Workshops are proposed by leaders (a coordinator grants the role)."""
        if not actor.has(Role.LEADER):
            raise LeadersOnly

    async def propose(self, actor: Actor, proposal: Proposal) -> Workshop:
        self.ensure_may_propose(actor)
        plan_text = normalize_plan(proposal.plan_text) if proposal.plan_text else None
        if not (plan_text or proposal.plan_file_id):
            raise InvalidPlan
        workshop = Workshop(
            leader_id=actor.user_id,
            title=normalize_title(proposal.title),
            subject_id=proposal.subject_id,
            method=normalize_method(proposal.method),
            audience=normalize_audience(proposal.audience),
            plan_text=plan_text,
            plan_file_id=proposal.plan_file_id,
        )
        async with self.database.write() as session:
            if (
                workshop.subject_id is not None
                and await session.get(Subject, workshop.subject_id) is None
            ):
                raise NotFound
            return await WorkshopRepository(session).add(workshop)

    async def undecided(self, actor: Actor, workshop_id: int) -> Workshop:
        """A proposal this coordinator may still decide on (before asking for a reason)."""
        if not actor.is_coordinator:
            raise PermissionDenied
        workshop = await self.get(workshop_id)
        if workshop is None:
            raise NotFound
        if workshop.status != WorkshopStatus.PROPOSED:
            raise AlreadyDecided
        return workshop

    async def decide(
        self, actor: Actor, workshop_id: int, *, approve: bool, reason: str | None = None
    ) -> Workshop:
        if not actor.is_coordinator:
            raise PermissionDenied
        rejection_reason = None if approve else normalize_reason(reason or "")
        async with self.database.write() as session:
            workshop = await WorkshopRepository(session).get(workshop_id)
            if workshop is None:
                raise NotFound
            if workshop.status != WorkshopStatus.PROPOSED:
                raise AlreadyDecided
            workshop.status = WorkshopStatus.APPROVED if approve else WorkshopStatus.REJECTED
            workshop.decided_by = actor.user_id
            workshop.decided_at = self.clock.now()
            workshop.rejection_reason = rejection_reason
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

    async def schedulable(self, actor: Actor, workshop_id: int) -> Workshop:
        """A workshop the actor manages and the council has opened: sessions may be added."""
        workshop = await self.managed(actor, workshop_id)
        if workshop.status != WorkshopStatus.APPROVED:
            raise NotApproved
        return workshop

    async def mine(self, actor: Actor) -> list[Workshop]:
        """The workshops a leader leads (/myworkshops)."""
        if not actor.has(Role.LEADER):
            raise LeadersOnly
        return await self.of_leader(actor.user_id)

    async def of_leader(self, leader_id: int) -> list[Workshop]:
        async with self.database.read() as session:
            return list(await WorkshopRepository(session).of_leader(leader_id))

    async def approved(self) -> list[Workshop]:
        async with self.database.read() as session:
            return list(await WorkshopRepository(session).with_status(WorkshopStatus.APPROVED))

    async def proposed(self) -> list[Workshop]:
        async with self.database.read() as session:
            return list(await WorkshopRepository(session).with_status(WorkshopStatus.PROPOSED))
