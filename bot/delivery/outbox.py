"""Queueing messages for the delivery engine: the one way to send to many chats."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from aiogram.types import InlineKeyboardMarkup

from storage.database import Database
from storage.models import ContentKind, DeliveryStatus, utcnow
from storage.repositories.outbox import OutboxRepository

Recipient = int | tuple[int, int]  # a chat id, or (chat id, forum topic id)


@dataclass(frozen=True)
class DeliveryCounts:
    pending: int = 0
    sending: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    uncertain: int = 0
    cancelled: int = 0
    expired: int = 0

    @property
    def total(self) -> int:
        return sum(vars(self).values())

    @property
    def left(self) -> int:
        return self.pending + self.sending

    @property
    def done(self) -> bool:
        return self.left == 0


def _pairs(recipients: Iterable[Recipient]) -> list[tuple[int, int]]:
    return [r if isinstance(r, tuple) else (r, 0) for r in recipients]


def _markup_json(markup: InlineKeyboardMarkup | None) -> str | None:
    return markup.model_dump_json(exclude_none=True) if markup else None


class Outbox:
    """Puts messages into the persistent outbox and wakes the engine.

    Queueing is idempotent per (purpose, chat, topic): a purpose that is queued again — after a
    restart, a double click, a retried job — adds nothing for chats that already have it.
    """

    def __init__(self, database: Database, utc_now: Callable[[], datetime] = utcnow) -> None:
        self.database = database
        # The bot's clock, the one the engine asks "what is due": a row queued "now" is due
        # now by the same clock, also when tests or an operator move it.
        self.now = utc_now
        self._wake: Callable[[], None] = lambda: None

    def on_enqueue(self, wake: Callable[[], None]) -> None:
        self._wake = wake

    def notify(self) -> None:
        """Tell the engine that rows were queued by a service's own transaction."""
        self._wake()

    async def send_text(
        self,
        purpose: str,
        recipients: Iterable[Recipient],
        text: str,
        *,
        reply_markup: InlineKeyboardMarkup | None = None,
        priority: int = 0,
        not_before: datetime | None = None,
        expires_at: datetime | None = None,
    ) -> int:
        async with self.database.write() as session:
            repo = OutboxRepository(session)
            content = await repo.add_content(
                ContentKind.TEXT, text=text, reply_markup=_markup_json(reply_markup)
            )
            added = await repo.enqueue(
                purpose,
                content.id,
                _pairs(recipients),
                priority=priority,
                not_before=not_before or self.now(),
                expires_at=expires_at,
            )
        self._wake()
        return added

    async def send_copy(
        self,
        purpose: str,
        recipients: Iterable[Recipient],
        from_chat_id: int,
        message_id: int,
        *,
        reply_markup: InlineKeyboardMarkup | None = None,
        priority: int = 0,
    ) -> tuple[int, int]:
        """Queue copies of a message; returns (content id, rows added)."""
        async with self.database.write() as session:
            repo = OutboxRepository(session)
            content = await repo.add_content(
                ContentKind.COPY,
                from_chat_id=from_chat_id,
                from_message_id=message_id,
                reply_markup=_markup_json(reply_markup),
            )
            added = await repo.enqueue(
                purpose, content.id, _pairs(recipients), priority=priority, not_before=self.now()
            )
        self._wake()
        return content.id, added

    async def counts(self, purpose: str) -> DeliveryCounts:
        async with self.database.read() as session:
            raw = await OutboxRepository(session).counts(purpose)
        return DeliveryCounts(**{status.value: raw.get(status, 0) for status in DeliveryStatus})

    async def cancel(self, purpose: str) -> int:
        async with self.database.write() as session:
            return await OutboxRepository(session).cancel(purpose)
