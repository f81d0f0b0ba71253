"""Widgets every dialog uses: catalog texts, Back/Cancel, a calendar in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date
from decimal import Decimal
from typing import Any, cast
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.enums import ContentType
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Back, Button, Calendar, Cancel
from aiogram_dialog.widgets.kbd.calendar_kbd import (
    CalendarConfig,
    CalendarDaysView,
    CalendarMonthView,
    CalendarScope,
    CalendarScopeView,
    CalendarUserConfig,
    CalendarYearsView,
)
from aiogram_dialog.widgets.text import Format, Text
from aiogram_i18n import I18nContext

from bot.clock import Clock
from bot.settings import LANGUAGES

# Fluent formats these; anything else in a window's data (models, lists) is not a placeholder.
_FLUENT_TYPES = (str, int, float, Decimal)


def i18n_of(manager: DialogManager) -> I18nContext:
    """The reader's catalog context, put into every update by aiogram-i18n's middleware."""
    i18n: I18nContext = manager.middleware_data["i18n"]
    return i18n


def clock_of(manager: DialogManager) -> Clock:
    clock = manager.middleware_data["clock"]
    if not callable(getattr(clock, "now", None)):
        raise TypeError(f"update data 'clock' is {type(clock).__name__}, not a Clock")
    return cast(Clock, clock)


def zone_of(manager: DialogManager) -> ZoneInfo:
    zone: ZoneInfo = manager.middleware_data["zone"]
    return zone


class I18nFormat(Text):
    """A catalog message; its placeholders are filled from the window's getter data by name."""

    def __init__(self, key: str, when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.key = key

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        args = {k: v for k, v in data.items() if isinstance(v, _FLUENT_TYPES)}
        return i18n_of(manager).get(self.key, **args)


class I18nDate(Text):
    """A calendar label built from the catalogs (month and weekday names), not from the C locale."""

    def __init__(self, render: Callable[[I18nContext, dict[str, Any]], str]) -> None:
        super().__init__()
        self.render = render

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return self.render(i18n_of(manager), data)


async def languages_getter(i18n: I18nContext, **_: Any) -> dict[str, Any]:
    """The bot's languages, each named in itself, for a language row."""
    return {"languages": [(code, i18n.get(f"language-name-{code}")) for code in LANGUAGES]}


def back(when: WhenCondition = None) -> Back:
    return Back(I18nFormat("button-back"), when=when)


async def close_with(
    event: CallbackQuery | Message,
    manager: DialogManager,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """Ends the form with an answer; returns the message that shows it.

    A tap turns the form's message into the answer. A typed last answer is below the form's
    message, so the answer comes as a new message and the form's message loses its buttons. A
    message too old to edit gets the answer as a new one: never a silent end.
    """
    if isinstance(event, Message):
        await manager.done()
        return await event.answer(text, reply_markup=markup)
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    return await _edit_or_send(event, manager, text, markup)


async def _edit_or_send(
    event: CallbackQuery,
    manager: DialogManager,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    if isinstance(event.message, Message):
        with suppress(TelegramBadRequest):
            edited = await event.message.edit_text(text, reply_markup=markup)
            if isinstance(edited, Message):
                return edited
    bot: Bot = manager.middleware_data["bot"]
    return await bot.send_message(event.from_user.id, text, reply_markup=markup)


def cancel(
    when: WhenCondition = None,
    *,
    label: str = "button-cancel",
    said: str = "form-cancelled",
    id: str = "__cancel__",
) -> Cancel:
    """Closes a form that was started on its own; its message says so (catalog key `said`)."""

    async def say(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
        # Cancel closes the dialog itself (without touching the message) right after this.
        await _edit_or_send(callback, manager, i18n_of(manager).get(said))

    return Cancel(I18nFormat(label), id=id, on_click=say, show_mode=ShowMode.NO_UPDATE, when=when)


def back_to_caller(when: WhenCondition = None) -> Cancel:
    """Leaves a subdialog (a picker) without a result; the form that started it shows again."""
    return Cancel(I18nFormat("button-back"), id="__back_to_caller__", when=when)


def _month(i18n: I18nContext, day: date) -> str:
    return f"{i18n.get(f'month-name-{day.month}')} {day.year}"


class _DaysFromToday(CalendarDaysView):
    """The month's weeks, less the weeks that are wholly before the first day offered: on a
    phone, four rows of blank buttons in late November only push the dates off the screen."""

    async def _render_days(
        self, config: CalendarConfig, offset: date, data: dict[str, Any], manager: DialogManager
    ) -> list[list[InlineKeyboardButton]]:
        weeks = await super()._render_days(config, offset, data, manager)
        return [week for week in weeks if any(day.callback_data for day in week)]


class LocalCalendar(Calendar):
    """Dates from today on, weeks from Monday, month and weekday names in the reader's language,
    "today" by the bot's clock in the configured zone (Asia/Almaty), not the server's."""

    def _init_views(self) -> dict[CalendarScope, CalendarScopeView]:
        callback = self._item_callback_data
        return {
            CalendarScope.DAYS: _DaysFromToday(
                callback,
                # The first day offered is today: no marker needed, and none that could
                # disagree with the bot's clock.
                today_text=Format("{date:%d}"),
                header_text=I18nDate(lambda i18n, d: "🗓 " + _month(i18n, d["date"])),
                weekday_text=I18nDate(lambda i18n, d: i18n.get(f"weekday-short-{d['week_day']}")),
                prev_month_text=I18nDate(lambda i18n, d: "◀️ " + _month(i18n, d["date"])),
                next_month_text=I18nDate(lambda i18n, d: _month(i18n, d["date"]) + " ▶️"),
            ),
            CalendarScope.MONTHS: CalendarMonthView(
                callback,
                month_text=I18nDate(lambda i18n, d: i18n.get(f"month-name-{d['month']}")),
                this_month_text=I18nDate(
                    lambda i18n, d: "[ " + i18n.get(f"month-name-{d['month']}") + " ]"
                ),
            ),
            CalendarScope.YEARS: CalendarYearsView(callback),
        }

    def get_offset(self, manager: DialogManager) -> date | None:
        # Opens on the bot's "today" (the widget alone would open on the server's month).
        return super().get_offset(manager) or _today(manager)

    async def _get_user_config(
        self, data: dict[str, Any], manager: DialogManager
    ) -> CalendarUserConfig:
        return CalendarUserConfig(
            firstweekday=0,
            # The widget only calls datetime.now(tz) with it, which a ZoneInfo serves as well.
            timezone=zone_of(manager),  # type: ignore[arg-type]
            min_date=_today(manager),
        )


def _today(manager: DialogManager) -> date:
    return clock_of(manager).now().astimezone(zone_of(manager)).date()


async def _expected_text(message: Message, widget: MessageInput, manager: DialogManager) -> None:
    await message.answer(i18n_of(manager).get("error-expected-text"))


async def _expected_button(message: Message, widget: MessageInput, manager: DialogManager) -> None:
    await message.answer(i18n_of(manager).get("error-expected-button"))


def text_only() -> MessageInput:
    """After a TextInput: a sticker, photo or voice is told that the step waits for text."""
    return MessageInput(_expected_text, content_types=ContentType.ANY)


def buttons_only() -> MessageInput:
    """On a window that waits for a tap: anything typed is told so, and the window comes again."""
    return MessageInput(_expected_button, content_types=ContentType.ANY)
