"""The global error handler: log with context, tell the person, never leave them in silence."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent
from aiogram_dialog import DialogManager
from aiogram_dialog.api.exceptions import OutdatedIntent, UnknownIntent, UnknownState
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.services.users import UserService

log = logging.getLogger(__name__)
router = Router(name="errors")


@router.error(ExceptionTypeFilter(UnknownIntent, OutdatedIntent, UnknownState))
async def outdated_form(
    event: ErrorEvent,
    i18n_core: BaseCore[Any],
    i18n: I18nContext | None = None,
    dialog_manager: DialogManager | None = None,
) -> None:
    """A button of a form that has ended, or that a restart or an update left behind."""
    update = event.update
    log.info("update %s: %s", update.update_id, event.exception)
    if isinstance(event.exception, UnknownState) and dialog_manager is not None:
        # The stored form names a window this version does not have: start clean.
        await dialog_manager.reset_stack(remove_keyboard=False)
    # The error may have come before the language was known: then the default one.
    text = (i18n or i18n_core).get("error-stale-button")
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.message is not None:
        await update.message.answer(text)


@router.error()
async def on_error(
    event: ErrorEvent,
    bot: Bot,
    users: UserService,
    i18n_core: BaseCore[Any],
    i18n: I18nContext | None = None,
    **_: Any,
) -> None:
    update = event.update
    chat_id, user_id = _who(event)
    if isinstance(event.exception, TelegramForbiddenError) and user_id is not None:
        # 403: the person blocked the bot. Stop writing to them until they come back.
        await users.mark_blocked(user_id)
        log.info("update %s: user %s blocked the bot", update.update_id, user_id)
        return
    log.error(
        "update %s (%s) from user %s in chat %s failed",
        update.update_id,
        update.event_type,
        user_id,
        chat_id,
        exc_info=event.exception,
    )
    text = i18n.get("error-unexpected") if i18n is not None else i18n_core.get("error-unexpected")
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        elif chat_id is not None and update.message is not None and chat_id > 0:
            await bot.send_message(chat_id, text)
    except TelegramForbiddenError:
        if user_id is not None:
            await users.mark_blocked(user_id)
    except TelegramAPIError as exc:
        log.warning("could not tell user %s about the error: %s", user_id, exc)


def _who(event: ErrorEvent) -> tuple[int | None, int | None]:
    inner = event.update.event
    chat = getattr(inner, "chat", None) or getattr(getattr(inner, "message", None), "chat", None)
    sender = getattr(inner, "from_user", None)
    return (chat.id if chat else None, sender.id if sender else None)
