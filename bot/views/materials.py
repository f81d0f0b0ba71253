"""How materials read: their kinds, the buttons that send them, and the message that delivers a
session's materials to those who took part (rules of 000, 4.2). The buttons' handlers are in
handlers/materials.py.

One text message lists the materials: links inline, files behind a button each that sends the
file when pressed (a file kept by file_id has no message to copy).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.services.materials import SessionMaterials
from bot.views.text import echo, short
from storage.models import Material

# Telegram allows 4096 characters in a message; leave room for the header.
TEXT_BUDGET = 3800
# More than this in one delivery would not read well; the rest waits in the archive.
DELIVERY_LIMIT = 20

ICONS = {"video": "🎬", "notes": "📝", "slides": "📊", "expert": "🎓", "link": "🔗"}


class MaterialOpenCb(CallbackData, prefix="mto"):
    """Send one material: under the materials delivered after a session, and under the
    confirmation that a leader's material was saved."""

    id: int


class MaterialAddCb(CallbackData, prefix="mta"):
    """Attach a material: on a leader's session screen; session_id 0 is the whole workshop."""

    workshop_id: int
    session_id: int


def kind_label(i18n: I18nContext, kind: str) -> str:
    return f"{ICONS.get(kind, '')} {i18n.get(f'materials-kind-{kind}')}".strip()


def open_keyboard(
    materials: Sequence[Material], *, files_only: bool = False
) -> InlineKeyboardMarkup | None:
    """A button per material that sends it when pressed."""
    kb = InlineKeyboardBuilder()
    count = 0
    for material in materials:
        if files_only and not material.file_id:
            continue
        kb.button(
            text=short(f"{ICONS.get(material.kind, '')} {material.title}"),
            callback_data=MaterialOpenCb(id=material.id),
        )
        count += 1
    if not count:
        return None
    kb.adjust(1)
    return kb.as_markup()


def delivery_text(i18n: I18nContext, found: SessionMaterials) -> str:
    text = i18n.get(
        "materials-delivery", topic=echo(found.topic), workshop=echo(found.workshop_title)
    )
    listed = 0
    for material in found.materials[:DELIVERY_LIMIT]:
        line = _delivery_line(i18n, listed + 1, material)
        if len(text) + 1 + len(line) > TEXT_BUDGET:
            break
        text += "\n" + line
        listed += 1
    left = len(found.materials) - listed
    if left > 0:
        text += "\n" + i18n.get("materials-delivery-more", count=left)
    return text


def delivery_keyboard(found: SessionMaterials) -> InlineKeyboardMarkup | None:
    """The files of a delivery (links are in its text), as many as the text lists at most."""
    return open_keyboard(found.materials[:DELIVERY_LIMIT], files_only=True)


def _delivery_line(i18n: I18nContext, number: int, material: Material) -> str:
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
