"""Localisation: Fluent catalogs in bot/locales/{kk,ru,en}, chosen per user.

The language is, in order: what a registered user chose, what an unregistered user picked with
/language during the form (kept in FSM data), what their Telegram app says (kk or ru, anything
else is en), and DEFAULT_LANGUAGE when Telegram says nothing.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.fsm.context import FSMContext
from aiogram.types import User as TelegramUser
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore, FluentRuntimeCore
from aiogram_i18n.managers import BaseManager

from bot.settings import LANGUAGES
from storage.models import User

LOCALES = Path(__file__).parent / "locales"
LANGUAGE_KEY = "language"


def build_core(default_language: str) -> FluentRuntimeCore:
    return FluentRuntimeCore(
        path=LOCALES / "{locale}", default_locale=default_language, raise_key_error=True
    )


def language_from_telegram(code: str | None, default: str) -> str:
    if not code:
        return default
    base = code.split("-")[0].lower()
    if base in LANGUAGES:
        return base
    return "en"


class UserLocaleManager(BaseManager):
    """Reads the language from the user row or the form; stores a choice where it belongs."""

    async def get_locale(
        self,
        event_from_user: TelegramUser | None = None,
        user: User | None = None,
        state: FSMContext | None = None,
        **_: Any,
    ) -> str:
        default = self.default_locale or "kk"
        if user is not None and user.language in LANGUAGES:
            return user.language
        if state is not None:
            chosen = (await state.get_data()).get(LANGUAGE_KEY)
            if chosen in LANGUAGES:
                return str(chosen)
        code = event_from_user.language_code if event_from_user else None
        return language_from_telegram(code, default)

    async def set_locale(self, locale: str, state: FSMContext | None = None, **_: Any) -> None:
        # Registered users' choice is stored by UserService; the form keeps everyone else's.
        if state is not None:
            await state.update_data({LANGUAGE_KEY: locale})


def local_time(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def format_date(i18n: I18nContext, moment: datetime, zone: ZoneInfo) -> str:
    local = local_time(moment, zone)
    return i18n.get(
        "date-full", day=local.day, month=i18n.get(f"month-{local.month}"), year=str(local.year)
    )


def format_datetime(i18n: I18nContext, moment: datetime, zone: ZoneInfo) -> str:
    """«15 желтоқсан, 15:00» / «15 декабря, 15:00» in the configured zone."""
    local = local_time(moment, zone)
    return i18n.get(
        "date-time",
        day=local.day,
        month=i18n.get(f"month-{local.month}"),
        time=f"{local.hour:02d}:{local.minute:02d}",
    )


def context_for(core: BaseCore[Any], locale: str) -> I18nContext:
    """An i18n context outside an update (scheduler jobs, background reporters)."""
    return I18nContext(locale=locale, core=core, manager=UserLocaleManager(locale), data={})
