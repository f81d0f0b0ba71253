"""A burst of updates is handled a few dozen at a time, not all at once.

aiogram starts one task per update with no limit. When a coordinator posts the bot's link in a
district-wide chat, two thousand /start arrive within a second; all of them then wait for the
database's connection pool at once, and those that wait longer than its timeout fail — a lost
sign-up or an error instead of an answer. Waiting here instead costs nothing: the updates are
answered in order as fast as the database allows, and none times out.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

# Enough to keep the database and Telegram busy; fewer than the pool's 15 connections times
# the handful of queries an update makes while it waits on Telegram.
CONCURRENT_UPDATES = 32


class UpdateConcurrency(BaseMiddleware):
    def __init__(self, limit: int = CONCURRENT_UPDATES) -> None:
        self._slots = asyncio.Semaphore(limit)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        async with self._slots:
            return await handler(event, data)
