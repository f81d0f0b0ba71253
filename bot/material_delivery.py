"""After a session, its materials go to the teachers who took part (rules of 000, 4.2).

One text message per language lists the session's materials: links inline, files behind a
button each that sends the file when pressed (a file kept by file_id has no message to copy).
Queued through the outbox under one purpose per session, so running it twice sends nothing new.
"""

from __future__ import annotations

import html
from typing import Any

from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.delivery.outbox import Outbox
from bot.i18n import context_for
from bot.services.materials import MaterialService, SessionMaterials
from bot.settings import LANGUAGES
from handlers.materials import TEXT_BUDGET, kind_label, open_keyboard
from handlers.replies import echo
from storage.database import Database
from storage.models import Material

# Not time-bound: behind reminders and broadcasts in the outbox.
MATERIALS_PRIORITY = 20
# More than this in one message would not read well; the rest waits in the archive.
DELIVERY_LIMIT = 20


def purpose(session_id: int) -> str:
    return f"materials:{session_id}"


async def queue_session_materials(
    database: Database, outbox: Outbox, core: BaseCore[Any], session_id: int
) -> int:
    """Queue the session's materials for its participants; returns how many people were queued.

    0, and nothing queued, when the session has no materials (or nobody took part).
    """
    found = await MaterialService(database).session_materials(session_id)
    if found is None or not found.materials or not found.participants:
        return 0
    default = core.default_locale if core.default_locale in LANGUAGES else LANGUAGES[0]
    by_language: dict[str, list[int]] = {}
    for user_id, language in found.participants:
        by_language.setdefault(language if language in LANGUAGES else default, []).append(user_id)
    shown = found.materials[:DELIVERY_LIMIT]
    queued = 0
    for language, people in by_language.items():
        i18n = context_for(core, language)
        queued += await outbox.send_text(
            purpose(session_id),
            people,
            delivery_text(i18n, found),
            reply_markup=open_keyboard(shown, files_only=True),
            priority=MATERIALS_PRIORITY,
        )
    return queued


def delivery_text(i18n: I18nContext, found: SessionMaterials) -> str:
    text = i18n.get(
        "materials-delivery", topic=echo(found.topic), workshop=echo(found.workshop_title)
    )
    listed = 0
    for material in found.materials[:DELIVERY_LIMIT]:
        line = _line(i18n, listed + 1, material)
        if len(text) + 1 + len(line) > TEXT_BUDGET:
            break
        text += "\n" + line
        listed += 1
    left = len(found.materials) - listed
    if left > 0:
        text += "\n" + i18n.get("materials-delivery-more", count=left)
    return text


def _line(i18n: I18nContext, number: int, material: Material) -> str:
    if material.url:
        return i18n.get(
            "materials-delivery-link-line",
            number=str(number),
            kind=kind_label(i18n, material.kind),
            title=echo(material.title, 100),
            url=html.escape(material.url, quote=True),
        )
    return i18n.get(
        "materials-line",
        number=str(number),
        kind=kind_label(i18n, material.kind),
        title=echo(material.title, 100),
    )
