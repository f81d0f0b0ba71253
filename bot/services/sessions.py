"""Sessions and seats: scheduling (one a month), sign-up with a waitlist, moves, cancellations.

The same rules answer a handler and a scheduler job. Capacity is enforced inside one write
transaction per sign-up (BEGIN IMMEDIATE on SQLite, a row lock on the session in PostgreSQL),
so simultaneous sign-ups can never overbook.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.notices import purposes
from bot.services.errors import (
    InThePast,
    InvalidInput,
    NotApproved,
    NotFound,
    OneSessionAMonth,
    PermissionDenied,
    SessionClosed,
)
from bot.services.permissions import Actor
from storage.database import Database
from storage.models import (
    EventSession,
    Seat,
    SeatStatus,
    SessionStatus,
    User,
    Workshop,
    WorkshopStatus,
)
from storage.repositories.outbox import OutboxRepository
from storage.repositories.users import UserRepository
from storage.repositories.workshops import SeatRepository, SessionRepository, WorkshopRepository

PAGE_SIZE = 5
DURATION_RANGE = (15, 480)
CAPACITY_MAX = 10_000
TOPIC_RANGE = (3, 300)
PLACE_RANGE = (3, 300)
URL_RE = re.compile(r"^https?://[^\s<>\"]{3,490}$")
TIME_RE = re.compile(r"^(?P<h>\d{1,2})[:.](?P<m>\d{2})$")
HOLDERS = (SeatStatus.REGISTERED, SeatStatus.WAITLISTED)
# What the scheduling form offers as buttons; other values are typed and checked the same way.
DURATION_CHOICES = (45, 60, 90, 120)
CAPACITY_CHOICES = (15, 25, 30, 50, 100)


class InvalidTime(InvalidInput):
    code = "schedule-time-invalid"


class InvalidPlace(InvalidInput):
    code = "schedule-place-invalid"


class InvalidCapacity(InvalidInput):
    code = "schedule-capacity-invalid"


class InvalidTopic(InvalidInput):
    code = "schedule-topic-invalid"


def parse_time_of_day(text: str) -> time:
    """«17:45», «9:30» or «17.45»: a time of day as a person types it."""
    match = TIME_RE.match(text.strip())
    if match is None:
        raise InvalidTime
    hour, minute = int(match["h"]), int(match["m"])
    if hour > 23 or minute > 59:
        raise InvalidTime
    return time(hour, minute)


def check_duration(minutes: int) -> int:
    if not DURATION_RANGE[0] <= minutes <= DURATION_RANGE[1]:
        raise InvalidInput
    return minutes


def check_capacity(seats: int | None) -> int | None:
    """Seats in a session: 1 to CAPACITY_MAX, or None for no limit."""
    if seats is not None and not 1 <= seats <= CAPACITY_MAX:
        raise InvalidCapacity
    return seats


def parse_capacity(text: str) -> int:
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()) or len(digits) > len(str(CAPACITY_MAX)):
        raise InvalidCapacity
    seats = int(digits)
    check_capacity(seats)
    return seats


@dataclass(frozen=True)
class Venue:
    """Where a session happens: an online link, or a place (an address, a room)."""

    link: str | None
    place: str | None


def parse_venue(text: str) -> Venue:
    value = text.strip()
    if value.lower().startswith(("http://", "https://")):
        if not URL_RE.match(value):
            raise InvalidPlace
        return Venue(link=value, place=None)
    place = " ".join(value.split())
    if not PLACE_RANGE[0] <= len(place) <= PLACE_RANGE[1]:
        raise InvalidPlace
    return Venue(link=None, place=place)


def normalize_topic(text: str) -> str:
    topic = " ".join(text.split())
    if not TOPIC_RANGE[0] <= len(topic) <= TOPIC_RANGE[1]:
        raise InvalidTopic
    return topic


class SignUpOutcome(enum.StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    ALREADY_REGISTERED = "already-registered"
    ALREADY_WAITLISTED = "already-waitlisted"


@dataclass(frozen=True)
class SessionDraft:
    workshop_id: int
    starts_at: datetime
    duration_minutes: int
    topic: str
    link: str | None = None
    place: str | None = None
    capacity: int | None = None


@dataclass(frozen=True)
class SessionCard:
    session: EventSession
    workshop: Workshop | None
    leader_name: str
    registered: int
    waitlisted: int
    my_status: SeatStatus | None
    my_position: int | None

    @property
    def seats_left(self) -> int | None:
        if self.session.capacity is None:
            return None
        return max(0, self.session.capacity - self.registered)


@dataclass(frozen=True)
class SignUp:
    outcome: SignUpOutcome
    position: int | None  # on the waitlist
    session: EventSession


@dataclass(frozen=True)
class SeatRelease:
    """A cancelled seat, and who got it from the waitlist (if anyone)."""

    session: EventSession
    promoted: User | None


@dataclass(frozen=True)
class SessionPage:
    items: list[tuple[EventSession, int, int]]  # session, registered, waitlisted
    page: int
    pages: int


@dataclass(frozen=True)
class Change:
    """A moved or cancelled session and everyone who held a seat or a waitlist place."""

    session: EventSession
    people: list[User]


class SessionService:
    def __init__(self, database: Database, clock: Clock, zone: ZoneInfo) -> None:
        self.database = database
        self.clock = clock
        self.zone = zone

    # ------------------------------------------------------------- scheduling

    def _validate(self, draft: SessionDraft) -> None:
        self.check_start(draft.starts_at)
        check_duration(draft.duration_minutes)
        normalize_topic(draft.topic)
        check_capacity(draft.capacity)
        if draft.link is not None and not URL_RE.match(draft.link):
            raise InvalidPlace
        if not (draft.link or (draft.place and draft.place.strip())):
            raise InvalidPlace

    def local_today(self) -> date:
        """Today in the configured zone (Asia/Almaty), by the bot's clock."""
        return self.clock.now().astimezone(self.zone).date()

    def check_start(self, starts_at: datetime) -> None:
        if starts_at <= self.clock.now():
            raise InThePast

    async def check_day(
        self,
        actor: Actor,
        day: date,
        *,
        workshop_id: int | None = None,
        session_id: int | None = None,
    ) -> None:
        """May a session of this workshop (or this session, moved) fall on `day`?

        The same rules as `schedule` and `move`, asked as soon as the day is picked, so the
        leader can pick another day at once instead of learning it at the last step.
        """
        if day < self.local_today():
            raise InThePast
        async with self.database.read() as session:
            sessions = SessionRepository(session)
            skip = None
            if session_id is not None:
                event = await sessions.get(session_id)
                if event is None:
                    raise NotFound
                if not actor.manages(event.workshop):
                    raise PermissionDenied
                self._open(event)
                workshop_id, skip = event.workshop_id, event.id
                if workshop_id is None:
                    return
            elif workshop_id is not None:
                workshop = await WorkshopRepository(session).get(workshop_id)
                if workshop is None:
                    raise NotFound
                if not actor.manages(workshop):
                    raise PermissionDenied
                if workshop.status != WorkshopStatus.APPROVED:
                    raise NotApproved
            else:
                raise NotFound
            if not actor.is_coordinator:
                await self._check_month(sessions, workshop_id, (day.year, day.month), skip=skip)

    def _month(self, moment: datetime) -> tuple[int, int]:
        local = moment.astimezone(self.zone)
        return local.year, local.month

    async def _check_month(
        self,
        sessions: SessionRepository,
        workshop_id: int,
        month: tuple[int, int],
        skip: int | None,
    ) -> None:
        for other in await sessions.of_workshop(workshop_id, statuses=(SessionStatus.SCHEDULED,)):
            if other.id != skip and self._month(other.starts_at) == month:
                raise OneSessionAMonth

    async def schedule(self, actor: Actor, draft: SessionDraft) -> EventSession:
        """A new session. A coordinator scheduling a second one in a month is their leave."""
        self._validate(draft)
        async with self.database.write() as session:
            workshop = await WorkshopRepository(session).get(draft.workshop_id)
            if workshop is None:
                raise NotFound
            if not actor.manages(workshop):
                raise PermissionDenied
            if workshop.status != WorkshopStatus.APPROVED:
                raise NotApproved
            sessions = SessionRepository(session)
            extra_by = None
            try:
                await self._check_month(
                    sessions, workshop.id, self._month(draft.starts_at), skip=None
                )
            except OneSessionAMonth:
                if not actor.is_coordinator:
                    raise
                extra_by = actor.user_id
            return await sessions.add(
                EventSession(
                    workshop_id=workshop.id,
                    kind="workshop",
                    topic=draft.topic.strip(),
                    starts_at=draft.starts_at,
                    duration_minutes=draft.duration_minutes,
                    link=draft.link,
                    place=(draft.place or "").strip() or None,
                    capacity=draft.capacity,
                    extra_allowed_by=extra_by,
                )
            )

    async def move(self, actor: Actor, session_id: int, starts_at: datetime) -> Change:
        self.check_start(starts_at)
        async with self.database.write() as session:
            sessions = SessionRepository(session)
            event = await sessions.lock(session_id)
            if event is None:
                raise NotFound
            if not actor.manages(event.workshop):
                raise PermissionDenied
            self._open(event)
            if event.workshop_id is not None and not actor.is_coordinator:
                await self._check_month(
                    sessions, event.workshop_id, self._month(starts_at), skip=event.id
                )
            event.starts_at = starts_at
            event.feedback_requested_at = None
            # Reminders queued for the old time must not go out; the job queues new ones.
            await OutboxRepository(session).cancel_matching(purposes.reminder_prefix(event.id))
            people = list(await SeatRepository(session).holders(event.id, HOLDERS))
            return Change(event, people)

    async def movable(self, actor: Actor, session_id: int) -> EventSession:
        """A session the actor may still move: they manage it, and it has not begun."""
        event = await self.get(session_id)
        if event is None:
            raise NotFound
        if not actor.manages(event.workshop):
            raise PermissionDenied
        self._open(event)
        return event

    async def cancel(self, actor: Actor, session_id: int) -> Change:
        async with self.database.write() as session:
            event = await SessionRepository(session).lock(session_id)
            if event is None:
                raise NotFound
            if not actor.manages(event.workshop):
                raise PermissionDenied
            self._open(event)
            event.status = SessionStatus.CANCELLED
            await OutboxRepository(session).cancel_matching(purposes.reminder_prefix(event.id))
            people = list(await SeatRepository(session).holders(event.id, HOLDERS))
            return Change(event, people)

    def _open(self, event: EventSession) -> None:
        if event.status != SessionStatus.SCHEDULED or event.starts_at <= self.clock.now():
            raise SessionClosed

    # ------------------------------------------------------------- reading

    async def get(self, session_id: int) -> EventSession | None:
        async with self.database.read() as session:
            return await SessionRepository(session).get(session_id)

    async def upcoming(self, *, subject_id: int | None, page: int) -> SessionPage:
        now = self.clock.now()
        async with self.database.read() as session:
            sessions = SessionRepository(session)
            seats = SeatRepository(session)
            total = await sessions.count_upcoming(now, subject_id=subject_id)
            pages = max(1, -(-total // PAGE_SIZE))
            page = min(max(page, 0), pages - 1)
            found = await sessions.upcoming(
                now, subject_id=subject_id, offset=page * PAGE_SIZE, limit=PAGE_SIZE
            )
            items = [
                (
                    event,
                    await seats.count(event.id, SeatStatus.REGISTERED),
                    await seats.count(event.id, SeatStatus.WAITLISTED),
                )
                for event in found
            ]
            return SessionPage(items, page, pages)

    async def card(self, session_id: int, user_id: int) -> SessionCard:
        async with self.database.read() as session:
            event = await SessionRepository(session).get(session_id)
            if event is None:
                raise NotFound
            seats = SeatRepository(session)
            leader = (
                await UserRepository(session).get(event.workshop.leader_id)
                if event.workshop
                else None
            )
            mine = await seats.get(event.id, user_id)
            status = mine.status if mine and mine.status in HOLDERS else None
            position = (
                await seats.waitlist_position(mine)
                if mine and status == SeatStatus.WAITLISTED
                else None
            )
            return SessionCard(
                session=event,
                workshop=event.workshop,
                leader_name=(leader.full_name or "") if leader else "",
                registered=await seats.count(event.id, SeatStatus.REGISTERED),
                waitlisted=await seats.count(event.id, SeatStatus.WAITLISTED),
                my_status=status,
                my_position=position,
            )

    async def recent_and_upcoming(self, *, days: int = 90, limit: int = 12) -> list[EventSession]:
        async with self.database.read() as session:
            return list(
                await SessionRepository(session).around(self.clock.now(), days=days, limit=limit)
            )

    async def managed_card(self, actor: Actor, session_id: int) -> SessionCard:
        """The card of a session the actor may manage, for the leader's view."""
        card = await self.card(session_id, actor.user_id)
        if not actor.manages(card.workshop):
            raise PermissionDenied
        return card

    async def mine(self, user_id: int) -> list[tuple[Seat, EventSession, int | None]]:
        async with self.database.read() as session:
            seats = SeatRepository(session)
            result = []
            for seat, event in await seats.of_user(user_id, self.clock.now()):
                position = (
                    await seats.waitlist_position(seat)
                    if seat.status == SeatStatus.WAITLISTED
                    else None
                )
                result.append((seat, event, position))
            return result

    async def of_workshop(self, workshop_id: int) -> list[EventSession]:
        async with self.database.read() as session:
            return list(
                await SessionRepository(session).of_workshop(
                    workshop_id, statuses=(SessionStatus.SCHEDULED,)
                )
            )

    async def registered(self, session_id: int) -> list[User]:
        async with self.database.read() as session:
            return list(await SeatRepository(session).holders(session_id, (SeatStatus.REGISTERED,)))

    # ------------------------------------------------------------- seats

    async def sign_up(self, user_id: int, session_id: int) -> SignUp:
        async with self.database.write() as session:
            event = await SessionRepository(session).lock(session_id)
            if event is None:
                raise NotFound
            self._open(event)
            seats = SeatRepository(session)
            seat = await seats.get(event.id, user_id)
            if seat is not None and seat.status == SeatStatus.REGISTERED:
                return SignUp(SignUpOutcome.ALREADY_REGISTERED, None, event)
            if seat is not None and seat.status == SeatStatus.WAITLISTED:
                position = await seats.waitlist_position(seat)
                return SignUp(SignUpOutcome.ALREADY_WAITLISTED, position, event)
            taken = await seats.count(event.id, SeatStatus.REGISTERED)
            if event.capacity is None or taken < event.capacity:
                await seats.put(event.id, user_id, SeatStatus.REGISTERED)
                return SignUp(SignUpOutcome.REGISTERED, None, event)
            seat = await seats.put(event.id, user_id, SeatStatus.WAITLISTED)
            return SignUp(SignUpOutcome.WAITLISTED, await seats.waitlist_position(seat), event)

    async def leave(self, user_id: int, session_id: int) -> SeatRelease:
        """Give up a seat or a waitlist place; a freed seat goes to the first in line."""
        async with self.database.write() as session:
            event = await SessionRepository(session).lock(session_id)
            if event is None:
                raise NotFound
            self._open(event)
            seats = SeatRepository(session)
            seat = await seats.get(event.id, user_id)
            if seat is None or seat.status not in HOLDERS:
                raise NotFound
            was_registered = seat.status == SeatStatus.REGISTERED
            seat.status = SeatStatus.CANCELLED
            await OutboxRepository(session).cancel_matching(
                purposes.reminder_prefix(event.id), chat_id=user_id
            )
            promoted = None
            if was_registered:
                first = await seats.first_waiting(event.id)
                if first is not None and (
                    event.capacity is None
                    or await seats.count(event.id, SeatStatus.REGISTERED) < event.capacity
                ):
                    first.status = SeatStatus.REGISTERED
                    promoted = await UserRepository(session).get(first.user_id)
            await session.flush()
            return SeatRelease(event, promoted)
