"""Coordinator broadcasts: an audience, a message, and the outbox doing the sending."""

from __future__ import annotations

from dataclasses import dataclass

from bot.delivery.outbox import DeliveryCounts, Outbox
from bot.notices import purposes
from bot.services.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from bot.services.permissions import Actor
from storage.database import Database
from storage.models import Broadcast, ContentKind, Role
from storage.repositories.broadcasts import AUDIENCE_KINDS, PARTICIPANT_GROUPS, BroadcastRepository
from storage.repositories.outbox import OutboxRepository

__all__ = [
    "AUDIENCE_KINDS",
    "PARTICIPANT_GROUPS",
    "Audience",
    "BroadcastService",
    "UnsupportedContent",
    "check_content",
]

# A copy of these would not read as an announcement (a poll's votes, someone's location or phone).
UNSUPPORTED_CONTENT = frozenset({"poll", "location", "venue", "contact"})


class UnsupportedContent(DomainError):
    code = "broadcast-unsupported"


def check_content(content_type: str) -> None:
    """The message a coordinator sends to be copied: text, photo, document, video and the like."""
    if content_type in UNSUPPORTED_CONTENT:
        raise UnsupportedContent


@dataclass(frozen=True)
class Audience:
    """Who a broadcast goes to: a kind of AUDIENCE_KINDS and, but for "all", which one of it."""

    kind: str
    value: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in AUDIENCE_KINDS or not _well_formed(self.kind, self.value):
            raise InvalidInput

    @classmethod
    def participants(cls, kind: str, target_id: int, group: str) -> Audience:
        """A group (PARTICIPANT_GROUPS) of a session's or a workshop's participants."""
        return cls(kind, f"{target_id}-{group}")

    @property
    def target_id(self) -> int:
        """The region, district, school, subject, session or workshop id ("role" and "all": 0)."""
        head = (self.value or "").partition("-")[0]
        return int(head) if head.isdigit() else 0

    @property
    def group(self) -> str | None:
        """Which participants of a session or a workshop."""
        return (self.value or "").partition("-")[2] or None


def _well_formed(kind: str, value: str | None) -> bool:
    if kind == "all":
        return value is None
    if kind == "role":
        return value in Role._value2member_map_
    if kind in ("session", "workshop"):
        target, _, group = (value or "").partition("-")
        return target.isdigit() and group in PARTICIPANT_GROUPS
    return value is not None and value.isdigit()


@dataclass(frozen=True)
class BroadcastFigures:
    broadcast: Broadcast
    counts: DeliveryCounts


class BroadcastService:
    def __init__(self, database: Database, outbox: Outbox) -> None:
        self.database = database
        self.outbox = outbox

    @staticmethod
    def ensure_may_broadcast(actor: Actor) -> None:
        """Coordinators (and admins) write to everyone; checked on opening and on sending."""
        if not actor.is_coordinator:
            raise PermissionDenied

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
        self.ensure_may_broadcast(actor)
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
                purposes.broadcast(broadcast.id),
                content.id,
                [(user_id, 0) for user_id in recipients],
                priority=purposes.BULK,
                not_before=self.outbox.now(),
            )
        self.outbox.notify()
        return broadcast

    async def attach_progress(self, broadcast_id: int, chat_id: int, message_id: int) -> None:
        async with self.database.write() as session:
            await BroadcastRepository(session).set_progress_message(
                broadcast_id, chat_id, message_id
            )

    async def cancel(self, actor: Actor, broadcast_id: int) -> int:
        self.ensure_may_broadcast(actor)
        async with self.database.write() as session:
            repo = BroadcastRepository(session)
            if await repo.get(broadcast_id) is None:
                raise NotFound
            await repo.mark_cancelled(broadcast_id)
        return await self.outbox.cancel(purposes.broadcast(broadcast_id))

    async def figures(self, broadcast_id: int) -> BroadcastFigures:
        async with self.database.read() as session:
            broadcast = await BroadcastRepository(session).get(broadcast_id)
        if broadcast is None:
            raise NotFound
        return BroadcastFigures(
            broadcast, await self.outbox.counts(purposes.broadcast(broadcast.id))
        )

    async def recent(self, actor: Actor, *, limit: int = 10) -> list[BroadcastFigures]:
        self.ensure_may_broadcast(actor)
        async with self.database.read() as session:
            items = await BroadcastRepository(session).recent(limit=limit)
        return [
            BroadcastFigures(b, await self.outbox.counts(purposes.broadcast(b.id))) for b in items
        ]

    async def unfinished(self) -> list[Broadcast]:
        async with self.database.read() as session:
            return list(await BroadcastRepository(session).unfinished())

    async def finish(self, broadcast_id: int) -> None:
        async with self.database.write() as session:
            await BroadcastRepository(session).mark_finished(broadcast_id)
