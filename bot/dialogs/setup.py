"""aiogram_dialog wired to the bot's own storage, event isolation and callback answers."""

from __future__ import annotations

import secrets

from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import BaseEventIsolation
from aiogram.types import CallbackQuery
from aiogram_dialog import setup_dialogs
from aiogram_dialog.api.entities import stack as stack_entities
from aiogram_dialog.manager.message_manager import MessageManager


class AnsweredByMiddleware(MessageManager):
    """Leaves answering a button press to aiogram's CallbackAnswerMiddleware.

    A query can be answered once; the middleware answers after the handler, with the alert a
    refusal or a rule put there, so the dialog must not answer it first with an empty one.
    """

    async def answer_callback(self, bot: Bot, callback_query: CallbackQuery) -> None:
        return None


def _random_intent_id() -> int:
    # 35 random bits: as short in callback data as the library's ids (six characters).
    return secrets.randbits(35)


def setup(dispatcher: Dispatcher, isolation: BaseEventIsolation) -> None:
    # aiogram_dialog 2.6 makes a dialog's id from the current second plus one of 100 random
    # values: two forms started within a second share an id once in a hundred, and a button of
    # the closed one then acts on the open one instead of being answered as out of date.
    stack_entities.new_int_id = _random_intent_id
    # The dialog stack and contexts are stored through dispatcher.storage (the database, or
    # Redis), so a restart in the middle of a form continues on the same window.
    setup_dialogs(dispatcher, message_manager=AnsweredByMiddleware(), events_isolation=isolation)
