"""The one way a notice reaches many chats: readers grouped by language, the message rendered
once per language, queued in the outbox under one purpose and priority.

One rule decides a reader's language: the language stored for them if it is one of the bot's
(kk, ru, en), else the default language from settings (the i18n core is built with it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.delivery.outbox import Outbox
from bot.i18n import context_for
from bot.settings import LANGUAGES
from storage.models import User

Reader = tuple[int, str | None]  # a chat id and the language stored for that person
Render = Callable[[I18nContext], tuple[str, InlineKeyboardMarkup | None]]


def language_of(stored: str | None, default: str) -> str:
    return stored if stored in LANGUAGES else default


def default_language(core: BaseCore[Any]) -> str:
    """DEFAULT_LANGUAGE from settings, which the i18n core was built with."""
    return language_of(core.default_locale, LANGUAGES[0])


def active(people: Iterable[User]) -> list[Reader]:
    """People who have not blocked the bot, as readers."""
    return [(person.id, person.language) for person in people if person.is_active]


class FanOut:
    def __init__(self, outbox: Outbox, core: BaseCore[Any]) -> None:
        self.outbox = outbox
        self.core = core
        self.default_language = default_language(core)

    def language(self, stored: str | None) -> str:
        return language_of(stored, self.default_language)

    async def send(
        self,
        purpose: str,
        readers: Iterable[Reader],
        render: Render,
        *,
        priority: int,
        expires_at: datetime | None = None,
    ) -> int:
        """Queue the message for every reader in their language; returns how many rows were
        added (0 for chats that already have this purpose)."""
        by_language: dict[str, list[int]] = {}
        for chat_id, stored in readers:
            by_language.setdefault(self.language(stored), []).append(chat_id)
        queued = 0
        for language, chat_ids in by_language.items():
            text, markup = render(context_for(self.core, language))
            queued += await self.outbox.send_text(
                purpose,
                chat_ids,
                text,
                reply_markup=markup,
                priority=priority,
                expires_at=expires_at,
            )
        return queued
