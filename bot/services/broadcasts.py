"""Coordinator broadcasts: an audience, a message, and the outbox doing the sending."""

from __future__ import annotations

from dataclasses import dataclass

from bot.delivery.outbox import DeliveryCounts, Outbox
from bot.services.errors import InvalidInput, NotFound, PermissionDenied
from bot.services.permissions import Actor
from storage.database import Database
from storage.models import Broadcast, ContentKind
from storage.repositories.broadcasts import AUDIENCE_KINDS, PARTICIPANT_GROUPS, BroadcastRepository
from storage.repositories.outbox import OutboxRepository

__all__ = ["AUDIENCE_KINDS", "PARTICIPANT_GROUPS", "Audience", "BroadcastService"]

# Behind reminders and other time-bound messages in the outbox, ahead of nothing else.
BROADCAST_PRIORITY = 10


@dataclass(frozen=True)
class Audience:
    kind: str
    value: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in AUDIENCE_KINDS:
            raise InvalidInput


@dataclass(frozen=True)
class BroadcastFigures:
    broadcast: Broadcast
    counts: DeliveryCounts


class BroadcastService:
    def __init__(self, database: Database, outbox: Outbox) -> None:
        self.database = database
        self.outbox = outbox

    async def audience_size(self, audience: Audience) -> int:
        async with self.database.read() as session:
            return await BroadcastRepository(session).audience_size(audience.kind, audience.value)

    async def start(
        self,
        actor: Actor,
        audience: Audience,
        label: str,
        *,
        from_chat_id: int,
        message_id: int,
    ) -> Broadcast:
        """Queue a copy of the message for everyone in the audience, in one transaction."""
        if not actor.is_coordinator:
            raise PermissionDenied
        async with self.database.write() as session:
            broadcasts = BroadcastRepository(session)
            outbox = OutboxRepository(session)
            recipients = await broadcasts.audience_ids(audience.kind, audience.value)
            content = await outbox.add_content(
                ContentKind.COPY, from_chat_id=from_chat_id, from_message_id=message_id
            )
            broadcast = await broadcasts.create(
                author_id=actor.user_id,
                kind=audience.kind,
                value=audience.value,
                label=label,
                content_id=content.id,
                recipients=len(recipients),
            )
            await outbox.enqueue(
                broadcast.purpose,
                content.id,
                [(user_id, 0) for user_id in recipients],
                priority=BROADCAST_PRIORITY,
            )
        self.outbox.notify()
        return broadcast

    async def attach_progress(self, broadcast_id: int, chat_id: int, message_id: int) -> None:
        async with self.database.write() as session:
            await BroadcastRepository(session).set_progress_message(
                broadcast_id, chat_id, message_id
            )

    async def cancel(self, actor: Actor, broadcast_id: int) -> int:
        if not actor.is_coordinator:
            raise PermissionDenied
        async with self.database.write() as session:
            repo = BroadcastRepository(session)
            if await repo.get(broadcast_id) is None:
                raise NotFound
            await repo.mark_cancelled(broadcast_id)
        return await self.outbox.cancel(f"broadcast:{broadcast_id}")

    async def figures(self, broadcast_id: int) -> BroadcastFigures:
        async with self.database.read() as session:
            broadcast = await BroadcastRepository(session).get(broadcast_id)
        if broadcast is None:
            raise NotFound
        return BroadcastFigures(broadcast, await self.outbox.counts(broadcast.purpose))

    async def recent(self, actor: Actor, *, limit: int = 10) -> list[BroadcastFigures]:
        if not actor.is_coordinator:
            raise PermissionDenied
        async with self.database.read() as session:
            items = await BroadcastRepository(session).recent(limit=limit)
        return [BroadcastFigures(b, await self.outbox.counts(b.purpose)) for b in items]

    async def unfinished(self) -> list[Broadcast]:
        async with self.database.read() as session:
            return list(await BroadcastRepository(session).unfinished())

    async def finish(self, broadcast_id: int) -> None:
        async with self.database.write() as session:
            await BroadcastRepository(session).mark_finished(broadcast_id)
