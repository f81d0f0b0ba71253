"""Retrying a reply that Telegram refused with 429 Too Many Requests.

Interactive replies (one person, one chat) are retried after the retry_after Telegram asks
for, when that wait is short enough that the person is still looking at the chat. Nothing else
is retried here: a timed-out request may already have been delivered, and Telegram has no
idempotency key, so sending it again could show the message twice. Sends to many chats do not
come through here; they belong to the delivery engine, which keeps its own pace.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.client.session.middlewares.base import NextRequestMiddlewareType

log = logging.getLogger(__name__)

MAX_WAIT_SECONDS = 10
MAX_ATTEMPTS = 3


class RetryAfterMiddleware(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        attempt = 1
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if attempt >= MAX_ATTEMPTS or exc.retry_after > MAX_WAIT_SECONDS:
                    raise
                log.info(
                    "%s: Telegram asked to wait %s s (attempt %d)",
                    type(method).__name__,
                    exc.retry_after,
                    attempt,
                )
                await asyncio.sleep(exc.retry_after)
                attempt += 1
