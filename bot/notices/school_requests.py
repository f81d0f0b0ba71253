""" "My school is not listed": the request goes to every active coordinator (and admin)."""

from __future__ import annotations

import logging
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.delivery.outbox import Outbox
from bot.notices import purposes
from bot.notices.fanout import FanOut, active
from bot.services.users import UserService
from bot.views.school_requests import request_text, school_request
from storage.models import SchoolRequest, User

log = logging.getLogger(__name__)


async def notify_coordinators(
    outbox: Outbox,
    users: UserService,
    core: BaseCore[Any],
    request: SchoolRequest,
    requester: User,
) -> int:
    """Queue the request for every active coordinator, each in their own language."""

    def render(i18n: I18nContext) -> tuple[str, InlineKeyboardMarkup | None]:
        text = request_text(i18n, request, requester.full_name or "")
        return text, school_request(i18n, request.id)

    queued = await FanOut(outbox, core).send(
        purposes.school_request(request.id),
        active(await users.coordinators()),
        render,
        priority=purposes.URGENT,
    )
    if not queued:
        log.warning("school request %s: no active coordinator to tell", request.id)
    return queued
