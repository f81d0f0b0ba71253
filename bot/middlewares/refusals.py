"""The one place where a refused action (a DomainError from a service) is put into words."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram_dialog import DialogManager
from aiogram_i18n import I18nContext

from bot.services.errors import DomainError

log = logging.getLogger(__name__)


class RefusalMiddleware(BaseMiddleware):
    """A button press gets an alert, a typed message gets a reply, in the person's language.

    Registered inside aiogram_dialog's context saver, so a dialog that is closed here
    (`keeps_form = False`) is saved closed, and one that stays open keeps what was filled in.
    """

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        try:
            return await handler(event, data)
        except DomainError as refusal:
            i18n: I18nContext = data["i18n"]
            text = i18n.get(refusal.code, **refusal.params)
            log.debug("refused %s: %s", type(event).__name__, refusal.code)
            if not refusal.keeps_form:
                await _close_form(data.get("dialog_manager"))
            if isinstance(event, CallbackQuery):
                answer: CallbackAnswer | None = data.get("callback_answer")
                if answer is not None:
                    answer.text = text
                    answer.show_alert = True
                else:
                    await event.answer(text, show_alert=True)
            elif isinstance(event, Message):
                await event.answer(text)
            return None


async def _close_form(manager: DialogManager | None) -> None:
    if manager is not None and manager.has_context():
        await manager.reset_stack()
