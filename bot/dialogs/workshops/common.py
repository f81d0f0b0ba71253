"""What the workshop forms share: what they were started for, and how they end."""

from __future__ import annotations

from contextlib import suppress

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_dialog import DialogManager, ShowMode

from bot.dialogs.deps import need
from bot.dialogs.states_data import optional_int
from bot.services.errors import DomainError


class FormLost(DomainError):
    """The stored form lost an answer (saved by an older version, say): start it again."""

    code = "error-stale-button"
    keeps_form = False


def started_for(manager: DialogManager, key: str) -> int | None:
    """The workshop or session id the form was started for ("workshop_id", "session_id")."""
    start = manager.start_data if isinstance(manager.start_data, dict) else {}
    return optional_int(start.get(key))


def required(manager: DialogManager, key: str) -> int:
    value = started_for(manager, key)
    if value is None:
        raise FormLost
    return value


async def close_with(
    event: CallbackQuery | Message,
    manager: DialogManager,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """A tap turns the form's message into the answer. A typed last answer is below the form's
    message, so the answer comes as a new message and the form's message loses its buttons."""
    if isinstance(event, Message):
        await manager.done()
        await event.answer(text, reply_markup=markup)
        return
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    if isinstance(event.message, Message):
        with suppress(TelegramBadRequest):  # too old to edit: say it in a new message
            await event.message.edit_text(text, reply_markup=markup)
            return
    await need(manager, "bot", Bot).send_message(event.from_user.id, text, reply_markup=markup)
