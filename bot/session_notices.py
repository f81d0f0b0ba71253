"""Messages about workshops and sessions that go to many people: through the outbox, each in
the recipient's own language."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot import keyboards
from bot.delivery.outbox import Outbox
from bot.i18n import context_for
from bot.services.sessions import Change, reminder_prefix
from bot.session_views import escape, summary
from storage.models import EventSession, User, Workshop

# Reminders and promotions are time-bound: they go before broadcasts.
URGENT = 0
NORMAL = 5

Render = Callable[[I18nContext], tuple[str, InlineKeyboardMarkup | None]]


class SessionNotices:
    def __init__(self, outbox: Outbox, core: BaseCore[Any], zone: ZoneInfo) -> None:
        self.outbox = outbox
        self.core = core
        self.zone = zone

    async def _each_language(
        self,
        purpose: str,
        people: Iterable[User],
        render: Render,
        *,
        priority: int = NORMAL,
        expires_at: datetime | None = None,
    ) -> int:
        by_language: dict[str, list[int]] = defaultdict(list)
        for person in people:
            if person.is_active:
                by_language[person.language].append(person.id)
        queued = 0
        for language, ids in by_language.items():
            text, markup = render(context_for(self.core, language))
            queued += await self.outbox.send_text(
                purpose, ids, text, reply_markup=markup, priority=priority, expires_at=expires_at
            )
        return queued

    async def workshop_proposed(
        self, workshop: Workshop, leader_name: str, coordinators: list[User]
    ) -> int:
        def render(i18n: I18nContext) -> tuple[str, InlineKeyboardMarkup | None]:
            text = i18n.get(
                "workshop-proposed",
                id=str(workshop.id),
                title=escape(workshop.title),
                leader=escape(leader_name),
                method=escape(workshop.method[:1200]),
                audience=escape(workshop.audience),
            )
            return text, keyboards.workshop_decision(i18n, workshop.id)

        return await self._each_language(f"workshop-proposed:{workshop.id}", coordinators, render)

    async def workshop_decided(self, workshop: Workshop, leader: User) -> int:
        def render(i18n: I18nContext) -> tuple[str, InlineKeyboardMarkup | None]:
            if workshop.rejection_reason is None:
                return i18n.get("workshop-approved", title=escape(workshop.title)), None
            text = i18n.get(
                "workshop-rejected",
                title=escape(workshop.title),
                reason=escape(workshop.rejection_reason),
            )
            return text, None

        return await self._each_language(
            f"workshop-decided:{workshop.id}", [leader], render, priority=URGENT
        )

    async def promoted(self, event: EventSession, person: User, at: datetime) -> int:
        def render(i18n: I18nContext) -> tuple[str, InlineKeyboardMarkup | None]:
            text = i18n.get(
                "session-promoted", summary=summary(i18n, event, self.zone, show_link=True)
            )
            return text, keyboards.session_open(i18n, event.id)

        purpose = f"promoted:{event.id}:{int(at.timestamp())}"
        return await self._each_language(purpose, [person], render, priority=URGENT)

    async def moved(self, change: Change) -> int:
        event = change.session

        def render(i18n: I18nContext) -> tuple[str, InlineKeyboardMarkup | None]:
            details = summary(i18n, event, self.zone, show_link=True)
            text = i18n.get("session-moved", summary=details)
            return text, keyboards.session_open(i18n, event.id)

        purpose = f"moved:{event.id}:{int(event.starts_at.timestamp())}"
        return await self._each_language(purpose, change.people, render, priority=URGENT)

    async def cancelled(self, change: Change) -> int:
        event = change.session

        def render(i18n: I18nContext) -> tuple[str, InlineKeyboardMarkup | None]:
            text = i18n.get(
                "session-cancelled", summary=summary(i18n, event, self.zone, show_link=False)
            )
            return text, None

        return await self._each_language(
            f"cancelled:{event.id}", change.people, render, priority=URGENT
        )

    async def reminder(self, event: EventSession, hours: float, people: list[User]) -> int:
        """The reminder `hours` before the session; never sent once the session has begun."""

        def render(i18n: I18nContext) -> tuple[str, InlineKeyboardMarkup | None]:
            key = "session-reminder-hour" if hours <= 1 else "session-reminder-day"
            text = i18n.get(key, summary=summary(i18n, event, self.zone, show_link=True))
            return text, keyboards.session_open(i18n, event.id)

        # The start time is part of the purpose: after a move, the new time gets new reminders.
        purpose = f"{reminder_prefix(event.id)}{hours:g}:{int(event.starts_at.timestamp())}"
        return await self._each_language(
            purpose, people, render, priority=URGENT, expires_at=event.starts_at
        )
