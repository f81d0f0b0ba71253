"""The delivery engine: drains the outbox at Telegram's limits.

States of an outbox row: pending → sending → sent | blocked | failed | uncertain, or back to
pending (429, 5xx, a connection that never opened, a group that became a supergroup).

The unavoidable window. Telegram has no idempotency key. A row is marked "sending" in the
database immediately before its request goes out and "sent" as soon as the answer arrives (its
own tiny transaction, before anything else is done). If the process dies between those two
writes, the row is found "sending" on the next start and is sent again: nothing that Telegram
never received is lost, and the only duplicate possible is a message Telegram accepted in the
last few milliseconds before the crash, whose answer had not been recorded yet. At most
`concurrency` rows can be in that window at once, and a graceful stop (SIGTERM) waits for the
requests in flight, so only a crash opens it.

A request that timed out in a running process is different: it may well have been delivered,
and resending would show it twice, so it is marked "uncertain" and never sent again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.exc import IntegrityError

from bot.delivery.limiter import RateLimiter
from storage.database import Database
from storage.models import ContentKind, DeliveryStatus, OutboxItem
from storage.repositories.outbox import OutboxRepository

log = logging.getLogger(__name__)

BATCH = 200
IDLE_POLL_SECONDS = 5.0
# Three chats refused within a second means the bot as a whole is over the limit.
GLOBAL_FLOOD_CHATS = 3


@dataclass(frozen=True)
class DeliveryLimits:
    per_second: float = 25.0  # below Telegram's ~30 to leave room for interactive replies
    private_interval: float = 1.0
    group_interval: float = 3.0  # 20 a minute in a group
    concurrency: int = 8
    max_attempts: int = 5
    backoff_base: float = 2.0
    backoff_cap: float = 300.0


@dataclass(frozen=True)
class Outcome:
    status: DeliveryStatus
    message_id: int | None = None
    error: str | None = None
    retry_in: float | None = None  # back to pending after this many seconds
    counts_attempt: bool = True
    new_chat_id: int | None = None


OnBlocked = Callable[[int], Awaitable[object]]
OnMigrated = Callable[[int, int], Awaitable[object]]


class DeliveryEngine:
    def __init__(
        self,
        bot: Bot,
        database: Database,
        limits: DeliveryLimits | None = None,
        *,
        on_blocked: OnBlocked | None = None,
        on_migrated: OnMigrated | None = None,
        clock: Callable[[], float] = time.monotonic,
        utc_now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.bot = bot
        self.database = database
        self.limits = limits or DeliveryLimits()
        self.limiter = RateLimiter(
            self.limits.per_second,
            self.limits.private_interval,
            self.limits.group_interval,
            clock=clock,
        )
        self.clock = clock
        self.utc_now = utc_now
        self.on_blocked = on_blocked
        self.on_migrated = on_migrated
        self._slots = asyncio.Semaphore(self.limits.concurrency)
        self._wakeup = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._inflight: set[asyncio.Task[None]] = set()
        self._busy_chats: set[int] = set()
        self._recent_429: list[tuple[float, int]] = []

    # ---------------------------------------------------------------- lifecycle

    def wake(self) -> None:
        self._wakeup.set()

    def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self.run(), name="delivery-engine")

    async def stop(self, grace: float = 3.0) -> None:
        """Stop taking rows, and give the requests in flight time to be recorded."""
        self._stopping = True
        self.wake()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), grace)
            except TimeoutError:
                self._task.cancel()
            except asyncio.CancelledError:
                pass
        if self._inflight:
            _, pending = await asyncio.wait(self._inflight, timeout=grace)
            for task in pending:
                task.cancel()
            if pending:
                log.warning(
                    "%d send(s) still in flight at stop: sent again on the next start", len(pending)
                )

    async def run(self) -> None:
        async with self.database.write() as session:
            recovered = await OutboxRepository(session).recover_interrupted()
        if recovered:
            log.warning(
                "%d message(s) were being sent when the bot stopped; they are sent again",
                recovered,
            )
        while not self._stopping:
            try:
                await self._drain_once()
            except Exception:
                # The database or the network hiccuped: log, breathe, carry on draining.
                log.exception("delivery loop error")
                await self._sleep(1.0)

    # ---------------------------------------------------------------- the loop

    async def _drain_once(self) -> None:
        # Cleared before reading, so a wake-up that arrives while we read is not lost.
        self._wakeup.clear()
        async with self.database.read() as session:
            rows = list(await OutboxRepository(session).due(self.utc_now(), limit=BATCH))
        picked: list[OutboxItem] = []
        seen: set[int] = set()
        for row in rows:
            if row.chat_id in seen or row.chat_id in self._busy_chats:
                continue
            if not self.limiter.is_chat_ready(row.chat_id):
                continue
            seen.add(row.chat_id)
            picked.append(row)
        if not picked:
            await self._idle(rows)
            return
        for row in picked:
            await self.limiter.wait_global()
            if self._stopping:
                return
            if not self.limiter.is_chat_ready(row.chat_id):
                continue  # a 429 for this chat arrived while we waited
            await self._slots.acquire()
            self.limiter.take(row.chat_id)
            self._busy_chats.add(row.chat_id)
            task = asyncio.create_task(self._deliver(row))
            self._inflight.add(task)
            task.add_done_callback(self._inflight.discard)
        self.limiter.forget_idle()

    async def _idle(self, due_rows: list[OutboxItem]) -> None:
        now = self.clock()
        waits = [IDLE_POLL_SECONDS]
        if due_rows:
            # Rows are due but their chats are paused: come back when the first one is free.
            waits.append(min(self.limiter.chat_ready_at(r.chat_id) for r in due_rows) - now)
        else:
            async with self.database.read() as session:
                next_due = await OutboxRepository(session).next_due_at()
            if next_due is not None:
                waits.append((next_due - self.utc_now()).total_seconds())
        await self._sleep(max(0.02, min(waits)))

    async def _sleep(self, seconds: float) -> None:
        if self._stopping:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.wait(), seconds)

    # ---------------------------------------------------------------- one row

    async def _deliver(self, row: OutboxItem) -> None:
        try:
            async with self.database.write() as session:
                repo = OutboxRepository(session)
                if row.expires_at is not None and self.utc_now() >= row.expires_at:
                    await repo.expire(row.id)  # e.g. a reminder for a session already begun
                    return
                if not await repo.mark_sending(row.id):
                    return  # cancelled meanwhile
            outcome = await self._send(row)
            await self._record(row, outcome)
        except Exception:
            log.exception("outbox row %s: unexpected failure", row.id)
        finally:
            self._busy_chats.discard(row.chat_id)
            self._slots.release()
            self.wake()

    async def _send(self, row: OutboxItem) -> Outcome:
        content = row.content
        markup = (
            InlineKeyboardMarkup.model_validate_json(content.reply_markup)
            if content.reply_markup
            else None
        )
        thread = row.thread_id or None
        try:
            if content.kind == ContentKind.TEXT:
                message = await self.bot.send_message(
                    row.chat_id, content.text or "", reply_markup=markup, message_thread_id=thread
                )
                return Outcome(DeliveryStatus.SENT, message_id=message.message_id)
            copied = await self.bot.copy_message(
                row.chat_id,
                content.from_chat_id or 0,
                content.from_message_id or 0,
                reply_markup=markup,
                message_thread_id=thread,
            )
            return Outcome(DeliveryStatus.SENT, message_id=copied.message_id)
        except TelegramRetryAfter as exc:
            self._note_429(row.chat_id, exc.retry_after)
            return Outcome(
                DeliveryStatus.PENDING,
                error=f"429 retry after {exc.retry_after}",
                retry_in=exc.retry_after,
                counts_attempt=False,
            )
        except TelegramMigrateToChat as exc:
            return Outcome(
                DeliveryStatus.PENDING,
                error=f"migrated to {exc.migrate_to_chat_id}",
                retry_in=0,
                counts_attempt=False,
                new_chat_id=exc.migrate_to_chat_id,
            )
        except TelegramForbiddenError as exc:
            return Outcome(DeliveryStatus.BLOCKED, error=exc.message)
        except TelegramServerError as exc:
            return self._transient(row, f"server: {exc.message}")
        except TelegramNetworkError as exc:
            if _never_connected(exc):
                return self._transient(row, f"network: {exc.message}")
            # Timed out or cut off after sending: Telegram may have it. Do not send again.
            return Outcome(DeliveryStatus.UNCERTAIN, error=f"network: {exc.message}")
        except TelegramBadRequest as exc:
            return Outcome(DeliveryStatus.FAILED, error=exc.message)
        except TelegramAPIError as exc:
            return Outcome(DeliveryStatus.FAILED, error=f"{type(exc).__name__}: {exc.message}")

    def _transient(self, row: OutboxItem, error: str) -> Outcome:
        attempt = row.attempts + 1  # the row was read before mark_sending counted this one
        if attempt >= self.limits.max_attempts:
            return Outcome(DeliveryStatus.FAILED, error=f"gave up after {attempt} tries; {error}")
        delay = min(self.limits.backoff_cap, self.limits.backoff_base**attempt)
        return Outcome(DeliveryStatus.PENDING, error=error, retry_in=delay)

    def _note_429(self, chat_id: int, retry_after: int) -> None:
        now = self.clock()
        self.limiter.hold_chat(chat_id, retry_after)
        self._recent_429 = [(t, c) for t, c in self._recent_429 if now - t < 1.0]
        self._recent_429.append((now, chat_id))
        if len({c for _, c in self._recent_429}) >= GLOBAL_FLOOD_CHATS:
            log.warning("flood limit across chats: pausing all sends for %s s", retry_after)
            self.limiter.hold_all(retry_after)

    async def _record(self, row: OutboxItem, outcome: Outcome) -> None:
        if outcome.status != DeliveryStatus.PENDING:
            async with self.database.write() as session:
                await OutboxRepository(session).finish(
                    row.id, outcome.status, message_id=outcome.message_id, error=outcome.error
                )
            if outcome.status == DeliveryStatus.BLOCKED and self.on_blocked is not None:
                await self.on_blocked(row.chat_id)
            return
        not_before = self.utc_now() + timedelta(seconds=outcome.retry_in or 0)
        try:
            async with self.database.write() as session:
                await OutboxRepository(session).retry_later(
                    row.id,
                    not_before,
                    error=outcome.error,
                    chat_id=outcome.new_chat_id,
                    count_attempt=outcome.counts_attempt,
                )
        except IntegrityError:
            # The new supergroup already has this purpose queued: this copy is redundant.
            async with self.database.write() as session:
                await OutboxRepository(session).finish(
                    row.id, DeliveryStatus.FAILED, error="migrated; already queued for new id"
                )
        if outcome.new_chat_id is not None and self.on_migrated is not None:
            await self.on_migrated(row.chat_id, outcome.new_chat_id)


def _never_connected(exc: TelegramNetworkError) -> bool:
    # aiogram folds every aiohttp error into TelegramNetworkError; only a refused or failed
    # connection proves the request never reached Telegram.
    text = exc.message
    return "ClientConnectorError" in text or "Cannot connect" in text
