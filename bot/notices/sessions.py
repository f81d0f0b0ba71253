"""Notices about a session to the people who hold a seat in it or wait for one: promoted from the
waitlist, moved, cancelled, and the reminders before it."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.delivery.outbox import Outbox
from bot.notices import purposes
from bot.notices.fanout import FanOut, active
from bot.services.sessions import Change
from bot.views import sessions as views
from storage.models import EventSession, User

Rendered = tuple[str, InlineKeyboardMarkup | None]


class SessionNotices:
    def __init__(self, outbox: Outbox, core: BaseCore[Any], zone: ZoneInfo) -> None:
        self.fan_out = FanOut(outbox, core)
        self.zone = zone

    async def promoted(self, event: EventSession, person: User, at: datetime) -> int:
        def render(i18n: I18nContext) -> Rendered:
            return views.promoted_text(i18n, event, self.zone), views.session_open(i18n, event.id)

        return await self.fan_out.send(
            purposes.promoted(event.id, at), active([person]), render, priority=purposes.URGENT
        )

    async def moved(self, change: Change) -> int:
        event = change.session

        def render(i18n: I18nContext) -> Rendered:
            return views.moved_text(i18n, event, self.zone), views.session_open(i18n, event.id)

        return await self.fan_out.send(
            purposes.moved(event.id, event.starts_at),
            active(change.people),
            render,
            priority=purposes.URGENT,
        )

    async def cancelled(self, change: Change) -> int:
        event = change.session

        def render(i18n: I18nContext) -> Rendered:
            return views.cancelled_text(i18n, event, self.zone), None

        return await self.fan_out.send(
            purposes.cancelled(event.id), active(change.people), render, priority=purposes.URGENT
        )

    async def reminder(self, event: EventSession, hours: float, people: list[User]) -> int:
        """The reminder `hours` before the session; never sent once the session has begun."""

        def render(i18n: I18nContext) -> Rendered:
            text = views.reminder_text(i18n, event, self.zone, hours)
            return text, views.session_open(i18n, event.id)

        return await self.fan_out.send(
            purposes.reminder(event.id, hours, event.starts_at),
            active(people),
            render,
            priority=purposes.URGENT,
            expires_at=event.starts_at,
        )
