from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import SchoolRequest, SchoolRequestStatus, utcnow


class SchoolRequestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, user_id: int, district_id: int, name: str) -> SchoolRequest:
        request = SchoolRequest(user_id=user_id, district_id=district_id, name=name)
        self.session.add(request)
        await self.session.flush()
        await self.session.refresh(request, attribute_names=["district"])
        return request

    async def get(self, request_id: int) -> SchoolRequest | None:
        return await self.session.get(SchoolRequest, request_id)

    async def pending(self, *, limit: int = 20) -> list[SchoolRequest]:
        rows = await self.session.scalars(
            select(SchoolRequest)
            .where(SchoolRequest.status == SchoolRequestStatus.PENDING)
            .order_by(SchoolRequest.id)
            .limit(limit)
        )
        return list(rows)

    async def decide(
        self,
        request: SchoolRequest,
        status: SchoolRequestStatus,
        *,
        decided_by: int,
        school_id: int | None = None,
    ) -> None:
        request.status = status
        request.decided_by = decided_by
        request.decided_at = utcnow()
        request.school_id = school_id
        await self.session.flush()

    async def pending_for_user(self, user_id: int) -> list[SchoolRequest]:
        rows = await self.session.scalars(
            select(SchoolRequest)
            .where(
                SchoolRequest.user_id == user_id,
                SchoolRequest.status == SchoolRequestStatus.PENDING,
            )
            .order_by(SchoolRequest.id.desc())
        )
        return list(rows)
