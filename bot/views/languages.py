"""The language picker that /language shows."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.settings import LANGUAGES


class LanguageCb(CallbackData, prefix="lng"):
    code: str


def languages(i18n: I18nContext) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for code in LANGUAGES:
        kb.button(text=i18n.get(f"language-name-{code}"), callback_data=LanguageCb(code=code))
    kb.adjust(3)
    return kb.as_markup()
