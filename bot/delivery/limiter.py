"""Pacing sends to Telegram's limits.

Telegram allows a bot about 30 messages a second across all chats, about one a second to one
chat, and 20 a minute to one group. Bursts are answered with 429 and a retry_after. The pacer
spaces sends evenly instead of bursting up to the limit, because the server counts arrivals in
a sliding window and network jitter turns an exactly-at-the-limit burst into a 429.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]


# Slots missed while the engine was busy elsewhere (reading the next batch) may be caught up by
# this many sends; at 25/s any one-second window then holds at most 28, under Telegram's ~30.
CATCH_UP_SENDS = 2


@dataclass
class RateLimiter:
    per_second: float
    private_interval: float = 1.0
    group_interval: float = 3.0
    clock: Clock = time.monotonic
    _next_global: float = 0.0
    _next_chat: dict[int, float] = field(default_factory=dict)

    def chat_ready_at(self, chat_id: int) -> float:
        return self._next_chat.get(chat_id, 0.0)

    def is_chat_ready(self, chat_id: int) -> bool:
        return self.chat_ready_at(chat_id) <= self.clock()

    def global_wait(self) -> float:
        """Seconds until the next global slot, 0 when one is free now."""
        return max(0.0, self._next_global - self.clock())

    def take(self, chat_id: int) -> None:
        """Spend a global slot and the chat's slot now; callers first wait for both."""
        now = self.clock()
        interval = 1.0 / self.per_second
        earliest = now - CATCH_UP_SENDS * interval
        self._next_global = max(self._next_global, earliest) + interval
        interval = self.group_interval if chat_id < 0 else self.private_interval
        self._next_chat[chat_id] = now + interval

    def hold_chat(self, chat_id: int, seconds: float) -> None:
        """Telegram said retry_after for this chat: nothing goes there before it passes."""
        until = self.clock() + seconds
        self._next_chat[chat_id] = max(self._next_chat.get(chat_id, 0.0), until)

    def hold_all(self, seconds: float) -> None:
        self._next_global = max(self._next_global, self.clock() + seconds)

    def forget_idle(self) -> None:
        """Drop chats whose pause has passed, so the table stays as small as the active set."""
        now = self.clock()
        for chat_id in [c for c, t in self._next_chat.items() if t <= now]:
            del self._next_chat[chat_id]

    async def wait_global(self) -> None:
        delay = self.global_wait()
        if delay > 0:
            await asyncio.sleep(delay)
