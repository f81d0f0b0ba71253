"""Every button press is answered once: after the handler, or by the error handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import CallbackQuery, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswerMiddleware


class AnswerPresses(CallbackAnswerMiddleware):
    """aiogram's CallbackAnswerMiddleware answers in a `finally`: when the handler failed, its
    empty answer came first and the error handler's alert («something went wrong») was then
    refused by Telegram as a second answer, so the person saw nothing. Here a failed press is
    left unanswered for the error handler to answer with its alert."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, CallbackQuery):
            return await handler(event, data)
        answer = data["callback_answer"] = self.construct_callback_answer(properties=None)
        result = await handler(event, data)
        if not answer.disabled and not answer.answered:
            await self.answer(event, answer)
        return result
