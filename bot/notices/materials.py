"""After a session, its materials go to the teachers who took part (rules of 000, 4.2).

One message per language (bot/views/materials.py) under one purpose per session, so running it
twice sends nothing new.
"""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.delivery.outbox import Outbox
from bot.notices import purposes
from bot.notices.fanout import FanOut
from bot.services.materials import MaterialService
from bot.views.materials import delivery_keyboard, delivery_text
from storage.database import Database


async def queue_session_materials(
    database: Database, outbox: Outbox, core: BaseCore[Any], session_id: int
) -> int:
    """Queue the session's materials for its participants; returns how many people were queued.

    0, and nothing queued, when the session has no materials (or nobody took part).
    """
    found = await MaterialService(database).session_materials(session_id)
    if found is None or not found.materials or not found.participants:
        return 0
    markup = delivery_keyboard(found)

    def render(i18n: I18nContext) -> tuple[str, InlineKeyboardMarkup | None]:
        return delivery_text(i18n, found), markup

    # The participants are the session's active ones already (MaterialService).
    return await FanOut(outbox, core).send(
        purposes.materials(session_id), found.participants, render, priority=purposes.LOW
    )
