"""aiogram_dialog wired to the bot's own storage, event isolation and callback answers."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import BaseEventIsolation
from aiogram.types import CallbackQuery
from aiogram_dialog import setup_dialogs
from aiogram_dialog.manager.message_manager import MessageManager


class AnsweredByMiddleware(MessageManager):
    """Leaves answering a button press to aiogram's CallbackAnswerMiddleware.

    A query can be answered once; the middleware answers after the handler, with the alert a
    refusal or a rule put there, so the dialog must not answer it first with an empty one.
    """

    async def answer_callback(self, bot: Bot, callback_query: CallbackQuery) -> None:
        return None


def setup(dispatcher: Dispatcher, isolation: BaseEventIsolation) -> None:
    # The dialog stack and contexts are stored through dispatcher.storage (the database, or
    # Redis), so a restart in the middle of a form continues on the same window.
    setup_dialogs(dispatcher, message_manager=AnsweredByMiddleware(), events_isolation=isolation)
