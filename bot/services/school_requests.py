"""Teachers' "my school is not listed" requests, decided by coordinators."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.errors import AlreadyDecided, NotFound, PermissionDenied
from bot.services.permissions import Actor
from bot.services.users import UserCache
from storage.database import Database
from storage.models import SchoolRequest, SchoolRequestStatus
from storage.repositories.directory import DirectoryRepository
from storage.repositories.school_requests import SchoolRequestRepository
from storage.repositories.users import UserRepository


@dataclass(frozen=True)
class Decision:
    request_id: int
    user_id: int
    user_language: str
    school_name: str
    approved: bool


class SchoolRequestService:
    def __init__(self, database: Database, users: UserCache) -> None:
        self.database = database
        # An approved school is written into the teacher's profile: their cached row goes.
        self.users = users

    async def decide(self, actor: Actor, request_id: int, *, approve: bool) -> Decision:
        if not actor.is_coordinator:
            raise PermissionDenied
        async with self.database.write() as session:
            requests = SchoolRequestRepository(session)
            request = await requests.get(request_id)
            if request is None:
                raise NotFound
            if request.status != SchoolRequestStatus.PENDING:
                raise AlreadyDecided
            user = await UserRepository(session).get(request.user_id)
            if user is None:
                raise NotFound
            school_id = None
            if approve:
                directory = DirectoryRepository(session)
                district = await directory.district(request.district_id)
                if district is None:
                    raise NotFound
                # Teachers write the name in their own language; it serves both until edited.
                school, _ = await directory.upsert_school(
                    district, f"request-{request.id}", request.name, request.name
                )
                school_id = school.id
                if user.school_id is None and user.district_id == request.district_id:
                    user.school_id = school.id
            await requests.decide(
                request,
                SchoolRequestStatus.APPROVED if approve else SchoolRequestStatus.REJECTED,
                decided_by=actor.user_id,
                school_id=school_id,
            )
            decision = Decision(request.id, user.id, user.language, request.name, approve)
        self.users.forget(decision.user_id)
        return decision

    async def pending(self, *, limit: int = 20) -> list[tuple[SchoolRequest, str]]:
        """Open requests, oldest first, with the requester's name."""
        async with self.database.read() as session:
            requests = await SchoolRequestRepository(session).pending(limit=limit)
            users = UserRepository(session)
            result = []
            for request in requests:
                requester = await users.get(request.user_id)
                result.append((request, (requester.full_name or "") if requester else ""))
            return result
