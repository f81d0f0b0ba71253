"""Attendance of workshop sessions: the leader's roll call and check-in by a one-time code.

Who may mark: the workshop's leader (Workshop.leader_id) or a coordinator; sessions that belong
to no workshop are marked by coordinators only. Only people holding a *registered* seat of that
very session can be marked or check in; the waitlist never counts as present.

Check-in: the leader opens it and gets a 6-digit code (from `secrets`) to announce; a participant
sends `/checkin CODE` and is marked present when the code is open for a session they hold a
registered seat in and that session is in progress: from CHECKIN_OPENS_BEFORE before it starts to
CHECKIN_CLOSES_AFTER after it ends, by the injected clock. Closing check-in clears the code.

Guessing: at most MAX_WRONG_CODES wrong codes per person per WRONG_CODE_WINDOW. The count is
kept in this process's memory: it resets when the bot restarts, and with several bot processes
each keeps its own (the limit then applies per process). A million codes against five tries an
hour keeps guessing hopeless either way.
"""

from __future__ import annotations

import enum
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.services.errors import DomainError, NotFound, PermissionDenied
from bot.services.permissions import Actor
from storage.database import Database
from storage.models import EventSession, SeatStatus, SessionStatus
from storage.repositories.attendance import AttendanceRepository

# The roll call lists everyone registered in one scrolling list; no session comes near this.
ROLL_CALL_MAX = 2000
CODE_DIGITS = 6
CHECKIN_OPENS_BEFORE = timedelta(minutes=15)
CHECKIN_CLOSES_AFTER = timedelta(minutes=30)
MAX_WRONG_CODES = 5
WRONG_CODE_WINDOW = timedelta(hours=1)
# Forget people whose wrong tries have all expired once this many are being tracked.
_SWEEP_AT = 10_000


class NotRegistered(NotFound):
    """The person holds no registered seat in that session (they may have given it up since the
    roll call was drawn): the roll call stays open and shows the others."""

    code = "attendance-error-not-registered"
    keeps_form = True


class SessionCancelled(DomainError):
    code = "attendance-error-session-cancelled"


class CheckinOver(DomainError):
    """The session ended too long ago for a code to be of any use."""

    code = "attendance-error-checkin-over"


class CheckinResult(enum.StrEnum):
    CHECKED_IN = "checked-in"
    ALREADY = "already"
    MALFORMED = "malformed"  # not six digits: not counted as a guess
    WRONG_CODE = "wrong-code"
    NO_SEAT = "no-seat"
    WAITLISTED = "waitlisted"
    TOO_EARLY = "too-early"
    ENDED = "ended"
    LOCKED = "locked"


@dataclass(frozen=True)
class CheckinOutcome:
    result: CheckinResult
    topic: str | None = None
    opens_at: datetime | None = None  # TOO_EARLY: when the code starts to work
    tries_left: int = 0  # WRONG_CODE: wrong codes still allowed in the window
    wait_minutes: int = 0  # LOCKED, or the last WRONG_CODE: minutes until a try is allowed


@dataclass(frozen=True)
class Registrant:
    user_id: int
    full_name: str | None
    attended: bool


@dataclass(frozen=True)
class RollCall:
    session: EventSession
    items: list[Registrant]
    present: int
    total: int
    checkin_possible: bool  # a code may still be opened: scheduled and not long over

    @property
    def checkin_open(self) -> bool:
        return self.session.checkin_code is not None


class WrongCodeLimiter:
    """Wrong check-in codes per person in a sliding window, in memory (reset on restart)."""

    def __init__(
        self, clock: Clock, *, limit: int = MAX_WRONG_CODES, window: timedelta = WRONG_CODE_WINDOW
    ) -> None:
        self.clock = clock
        self.limit = limit
        self.window = window
        self._tries: dict[int, list[datetime]] = {}

    def _recent(self, user_id: int, now: datetime) -> list[datetime]:
        since = now - self.window
        recent = [t for t in self._tries.get(user_id, []) if t > since]
        if recent:
            self._tries[user_id] = recent
        else:
            self._tries.pop(user_id, None)
        return recent

    def wait(self, user_id: int) -> timedelta | None:
        """How long until the person may try again, or None when they may try now."""
        now = self.clock.now()
        recent = self._recent(user_id, now)
        if len(recent) < self.limit:
            return None
        return recent[-self.limit] + self.window - now

    def reserve(self, user_id: int) -> datetime:
        """Count a try before it is checked, so concurrent tries cannot slip past the limit."""
        stamp = self.clock.now()
        if len(self._tries) >= _SWEEP_AT:
            for key in list(self._tries):
                self._recent(key, stamp)
        self._tries.setdefault(user_id, []).append(stamp)
        return stamp

    def release(self, user_id: int, stamp: datetime) -> None:
        """The try was not a wrong code after all: take it back."""
        tries = self._tries.get(user_id)
        if tries and stamp in tries:
            tries.remove(stamp)
            if not tries:
                del self._tries[user_id]

    def left(self, user_id: int) -> int:
        return max(0, self.limit - len(self._recent(user_id, self.clock.now())))


def normalize_code(text: str) -> str | None:
    """Six digits, spaces allowed ("123 456" → "123456"); anything else → None."""
    code = "".join(text.split())
    if len(code) == CODE_DIGITS and code.isascii() and code.isdigit():
        return code
    return None


class AttendanceService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock
        self.limiter = WrongCodeLimiter(clock)

    async def _session_for(
        self, repo: AttendanceRepository, actor: Actor, session_id: int
    ) -> EventSession:
        event = await repo.event_session(session_id)
        if event is None:
            raise NotFound
        if not actor.manages(event.workshop):
            raise PermissionDenied
        return event

    async def roll_call(self, actor: Actor, session_id: int) -> RollCall:
        """Everyone holding a registered seat, with their marks, for the roll call."""
        async with self.database.read() as session:
            repo = AttendanceRepository(session)
            event = await self._session_for(repo, actor, session_id)
            present, total = await repo.counts(session_id)
            rows = await repo.registrants(session_id, offset=0, limit=ROLL_CALL_MAX)
        items = [Registrant(r.user_id, r.full_name, r.attended) for r in rows]
        possible = (
            event.status == SessionStatus.SCHEDULED
            and self.clock.now() <= event.ends_at + CHECKIN_CLOSES_AFTER
        )
        return RollCall(event, items, present, total, possible)

    async def mark(self, actor: Actor, session_id: int, user_id: int, present: bool) -> None:
        """Mark one participant present or not. Setting, not flipping: a tick on a list drawn
        before that person checked in with the code still means "present"."""
        async with self.database.write() as session:
            repo = AttendanceRepository(session)
            await self._session_for(repo, actor, session_id)
            seat = await repo.seat(session_id, user_id)
            if seat is None or seat.status != SeatStatus.REGISTERED:
                raise NotRegistered
            await repo.set_attended(seat.id, present)

    async def open_checkin(self, actor: Actor, session_id: int) -> str:
        """The session's open code; a new one when check-in was closed. Opening twice is safe."""
        async with self.database.write() as session:
            repo = AttendanceRepository(session)
            event = await self._session_for(repo, actor, session_id)
            if event.status == SessionStatus.CANCELLED:
                raise SessionCancelled
            if self.clock.now() > event.ends_at + CHECKIN_CLOSES_AFTER:
                raise CheckinOver
            if event.checkin_code:
                return event.checkin_code
            code = _new_code()
            while await repo.code_taken(code, other_than=session_id):
                code = _new_code()
            await repo.set_checkin_code(session_id, code)
        return code

    async def close_checkin(self, actor: Actor, session_id: int) -> None:
        async with self.database.write() as session:
            repo = AttendanceRepository(session)
            await self._session_for(repo, actor, session_id)
            await repo.set_checkin_code(session_id, None)

    async def check_in(self, user_id: int, code_text: str) -> CheckinOutcome:
        """A participant's `/checkin CODE`."""
        wait = self.limiter.wait(user_id)
        if wait is not None:
            return CheckinOutcome(CheckinResult.LOCKED, wait_minutes=_minutes(wait))
        code = normalize_code(code_text)
        if code is None:
            return CheckinOutcome(CheckinResult.MALFORMED)
        stamp = self.limiter.reserve(user_id)
        try:
            outcome = await self._check_in(user_id, code)
        except BaseException:
            self.limiter.release(user_id, stamp)
            raise
        if outcome.result is CheckinResult.WRONG_CODE:
            wait = self.limiter.wait(user_id)
            return CheckinOutcome(
                CheckinResult.WRONG_CODE,
                tries_left=self.limiter.left(user_id),
                wait_minutes=_minutes(wait) if wait is not None else 0,
            )
        self.limiter.release(user_id, stamp)
        return outcome

    async def _check_in(self, user_id: int, code: str) -> CheckinOutcome:
        async with self.database.read() as session:
            repo = AttendanceRepository(session)
            events = {e.id: e for e in await repo.sessions_with_code(code)}
            if not events:
                return CheckinOutcome(CheckinResult.WRONG_CODE)
            seats = [
                s
                for s in await repo.seats_of(user_id, list(events))
                if s.status != SeatStatus.CANCELLED
            ]
        if not seats:
            return CheckinOutcome(CheckinResult.NO_SEAT)
        seat = next((s for s in seats if s.status == SeatStatus.REGISTERED), seats[0])
        event = events[seat.session_id]
        topic = event.topic
        if seat.status != SeatStatus.REGISTERED:
            return CheckinOutcome(CheckinResult.WAITLISTED, topic=topic)
        now = self.clock.now()
        opens_at = event.starts_at - CHECKIN_OPENS_BEFORE
        if now < opens_at:
            return CheckinOutcome(CheckinResult.TOO_EARLY, topic=topic, opens_at=opens_at)
        if now > event.ends_at + CHECKIN_CLOSES_AFTER:
            return CheckinOutcome(CheckinResult.ENDED, topic=topic)
        if seat.attended:
            return CheckinOutcome(CheckinResult.ALREADY, topic=topic)
        async with self.database.write() as session:
            repo = AttendanceRepository(session)
            # Re-read under the write lock: the code may have been closed or the seat given up.
            fresh = await repo.event_session(event.id)
            current = await repo.seat(event.id, user_id)
            if fresh is None or fresh.checkin_code != code:
                return CheckinOutcome(CheckinResult.WRONG_CODE)
            if current is None or current.status != SeatStatus.REGISTERED:
                return CheckinOutcome(CheckinResult.NO_SEAT)
            if not await repo.set_attended(current.id, True):
                return CheckinOutcome(CheckinResult.ALREADY, topic=topic)
        return CheckinOutcome(CheckinResult.CHECKED_IN, topic=topic)


def _new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def _minutes(wait: timedelta) -> int:
    return max(1, math.ceil(wait.total_seconds() / 60))
