"""The session job: reminders before a session, and after it materials, feedback requests and
one nudge. It runs every SESSION_JOB_SECONDS and at start-up; everything it queues goes through
the outbox, whose (purpose, chat) uniqueness makes a second run queue nothing new. So a reminder
due while the bot was down is sent on start if the session has not begun yet (the outbox row
expires at the start), and a restart never sends one twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from bot.clock import Clock
from bot.notices.sessions import SessionNotices
from bot.services.sessions import SessionService
from storage.database import Database
from storage.models import EventSession
from storage.repositories.workshops import SessionRepository

log = logging.getLogger(__name__)

# A session that ended longer ago than this gets no feedback request any more (after a long
# outage, say): the feedback window is seven days.
FEEDBACK_WINDOW = timedelta(days=7)
NUDGE_AFTER = timedelta(days=1)

AfterSession = Callable[[int], Awaitable[int]]


class SessionLifecycle:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        sessions: SessionService,
        notices: SessionNotices,
        reminder_hours: Sequence[float],
        *,
        after_session: Sequence[AfterSession] = (),
        nudge: AfterSession | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.sessions = sessions
        self.notices = notices
        self.hours = sorted({h for h in reminder_hours if h > 0}, reverse=True)
        self.after_session = after_session
        self.nudge = nudge
        self._running = asyncio.Lock()

    async def run(self) -> None:
        async with self._running:
            try:
                await self.remind()
                await self.follow_up()
            except Exception:
                log.exception("session job failed; it runs again at the next interval")

    async def wait_idle(self, grace: float) -> None:
        """Let a run in progress finish before shutdown, so it is not cut off halfway."""
        try:
            await asyncio.wait_for(self._running.acquire(), grace)
        except TimeoutError:
            log.warning("session job still running at shutdown")
        else:
            self._running.release()

    def windows(self, event: EventSession) -> list[tuple[float, bool]]:
        """For each reminder offset: is now inside its window (from the offset to the next)?"""
        now = self.clock.now()
        result = []
        for index, hours in enumerate(self.hours):
            opens = event.starts_at - timedelta(hours=hours)
            later = self.hours[index + 1] if index + 1 < len(self.hours) else 0.0
            closes = event.starts_at - timedelta(hours=later)
            result.append((hours, opens <= now < closes))
        return result

    async def remind(self) -> int:
        if not self.hours:
            return 0
        now = self.clock.now()
        async with self.database.read() as session:
            upcoming = await SessionRepository(session).starting_between(
                now, now + timedelta(hours=self.hours[0])
            )
        queued = 0
        for event in upcoming:
            for hours, due in self.windows(event):
                if due:
                    people = await self.sessions.registered(event.id)
                    queued += await self.notices.reminder(event, hours, people)
        if queued:
            log.info("queued %d reminder(s)", queued)
        return queued

    async def follow_up(self) -> None:
        now = self.clock.now()
        async with self.database.read() as session:
            repo = SessionRepository(session)
            ended = await repo.ended_without(
                now, "feedback_requested_at", since=now - FEEDBACK_WINDOW
            )
            to_nudge = await repo.ended_without(
                now - NUDGE_AFTER, "feedback_nudged_at", since=now - FEEDBACK_WINDOW
            )
        for event in ended:
            for step in self.after_session:
                await step(event.id)
            async with self.database.write() as session:
                await SessionRepository(session).set_flag(event.id, "feedback_requested_at", now)
        for event in to_nudge:
            if event.feedback_requested_at is None or self.nudge is None:
                continue
            await self.nudge(event.id)
            async with self.database.write() as session:
                await SessionRepository(session).set_flag(event.id, "feedback_nudged_at", now)
