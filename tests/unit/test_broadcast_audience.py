"""Who a broadcast reaches: the audiences a coordinator can choose, counted on the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.delivery.outbox import Outbox
from bot.services.broadcasts import Audience, BroadcastService
from storage.database import Database
from storage.models import (
    EventSession,
    Role,
    Seat,
    SeatStatus,
    User,
    UserRole,
    Workshop,
    WorkshopStatus,
)

NOW = datetime(2026, 11, 25, tzinfo=UTC)


async def seed(database: Database) -> tuple[int, int]:
    async with database.write() as session:
        for user_id in range(1, 8):
            session.add(
                User(
                    id=user_id,
                    language="kk",
                    full_name=f"Мұғалім {user_id}",
                    registered_at=NOW,
                    is_active=user_id != 7,  # 7 blocked the bot
                )
            )
        session.add(User(id=8, language="kk"))  # granted a role but never registered
        await session.flush()
        session.add(UserRole(user_id=2, role=Role.LEADER))
        workshop = Workshop(
            leader_id=2,
            title="Lesson Study",
            method="Бірлесіп жоспарлау",
            audience="барлық пән",
            plan_text="Жоспар",
            status=WorkshopStatus.APPROVED,
        )
        session.add(workshop)
        await session.flush()
        first = EventSession(workshop_id=workshop.id, topic="Бірінші", starts_at=NOW)
        second = EventSession(
            workshop_id=workshop.id, topic="Екінші", starts_at=NOW + timedelta(days=30)
        )
        session.add_all([first, second])
        await session.flush()
        session.add_all(
            [
                Seat(session_id=first.id, user_id=3, status=SeatStatus.REGISTERED, attended=True),
                Seat(session_id=first.id, user_id=4, status=SeatStatus.REGISTERED),
                Seat(session_id=first.id, user_id=5, status=SeatStatus.WAITLISTED),
                Seat(session_id=first.id, user_id=6, status=SeatStatus.CANCELLED),
                Seat(session_id=first.id, user_id=7, status=SeatStatus.REGISTERED),
                Seat(session_id=second.id, user_id=6, status=SeatStatus.REGISTERED),
            ]
        )
        return workshop.id, first.id


async def test_audiences_count_only_active_registered_people(database: Database) -> None:
    workshop_id, session_id = await seed(database)
    service = BroadcastService(database, Outbox(database))

    async def size(kind: str, value: str | None = None) -> int:
        return await service.audience_size(Audience(kind, value))

    assert await size("all") == 6
    assert await size("role", "leader") == 1
    assert await size("role", "teacher") == 6
    assert await size("session", f"{session_id}-registered") == 2  # not waitlisted, cancelled
    assert await size("session", f"{session_id}-attended") == 1
    assert await size("session", f"{session_id}-absent") == 1
    assert await size("workshop", f"{workshop_id}-registered") == 3
    assert await size("workshop", f"{workshop_id}-absent") == 2
