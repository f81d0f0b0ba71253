"""A command closes the form that was open, so the next typed message is not taken as one of
that form's answers. Handlers that work with the open form say so with flags={"keeps_form": True}
(/start continues a registration, /language redraws it, /cancel closes it itself)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.dispatcher.flags import get_flag
from aiogram.types import Message, TelegramObject
from aiogram_dialog import Dialog, DialogManager


class CommandClosesForm(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if (
            isinstance(event, Message)
            and (event.text or "").startswith("/")
            and not get_flag(data, "keeps_form")
            and not _is_dialog(data.get("handler"))
        ):
            manager: DialogManager | None = data.get("dialog_manager")
            if manager is not None and manager.has_context():
                await manager.reset_stack()
        return await handler(event, data)


def _is_dialog(handler: HandlerObject | None) -> bool:
    # A dialog's own message handler is a bound method of the Dialog.
    return handler is not None and isinstance(getattr(handler.callback, "__self__", None), Dialog)
