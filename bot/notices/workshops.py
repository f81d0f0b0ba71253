"""Notices about a workshop: a proposal to the coordinators who decide on it, the decision to
its leader."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.delivery.outbox import Outbox
from bot.notices import purposes
from bot.notices.fanout import FanOut, active
from bot.views import workshops as views
from storage.models import User, Workshop

Rendered = tuple[str, InlineKeyboardMarkup | None]


class WorkshopNotices:
    def __init__(self, outbox: Outbox, core: BaseCore[Any]) -> None:
        self.fan_out = FanOut(outbox, core)

    async def proposed(self, workshop: Workshop, leader_name: str, coordinators: list[User]) -> int:
        def render(i18n: I18nContext) -> Rendered:
            text = views.proposed_text(i18n, workshop, leader_name)
            return text, views.workshop_decision(i18n, workshop.id)

        return await self.fan_out.send(
            purposes.workshop_proposed(workshop.id),
            active(coordinators),
            render,
            priority=purposes.NORMAL,
        )

    async def decided(self, workshop: Workshop, leader: User) -> int:
        def render(i18n: I18nContext) -> Rendered:
            return views.decided_text(i18n, workshop), None

        return await self.fan_out.send(
            purposes.workshop_decided(workshop.id),
            active([leader]),
            render,
            priority=purposes.URGENT,
        )
