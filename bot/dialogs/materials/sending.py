"""Sending one material to a person: the file by its file_id, or the link as text. Used by the
archive dialog and by the buttons under the materials delivered after a session."""

from __future__ import annotations

import html

from aiogram import Bot
from aiogram.types import LinkPreviewOptions
from aiogram_i18n import I18nContext

from bot.services.materials import MaterialItem
from bot.views.text import echo


async def send_material(bot: Bot, chat_id: int, i18n: I18nContext, item: MaterialItem) -> None:
    """The file by its file_id with the title as caption, or the link as text."""
    material = item.material
    workshop = echo(item.workshop_title)
    if material.url:
        await bot.send_message(
            chat_id,
            i18n.get(
                "materials-link",
                title=echo(material.title),
                url=html.escape(material.url, quote=True),
                workshop=workshop,
            ),
            # The preview is the point of a link here (the bot's default turns previews off);
            # the other options are given as unset rather than left as nested defaults.
            link_preview_options=LinkPreviewOptions(
                is_disabled=False,
                prefer_small_media=None,
                prefer_large_media=None,
                show_above_text=None,
            ),
        )
        return
    caption = i18n.get("materials-caption", title=echo(material.title), workshop=workshop)
    file_id = material.file_id or ""
    if material.file_type == "video":
        await bot.send_video(chat_id, file_id, caption=caption)
    elif material.file_type == "photo":
        await bot.send_photo(chat_id, file_id, caption=caption)
    else:
        await bot.send_document(chat_id, file_id, caption=caption)
