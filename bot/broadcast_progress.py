"""Live progress of broadcasts: one message per broadcast, edited as the outbox drains.

Edits are spaced (EDIT_INTERVAL) and skipped when nothing changed, so a long broadcast stays
far below Telegram's limits for editing one message. Tracking resumes after a restart for every
broadcast that has not finished.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram_i18n.cores import BaseCore

from bot.i18n import context_for
from bot.notices.fanout import default_language, language_of
from bot.services.broadcasts import BroadcastService
from bot.services.users import UserService
from bot.views.broadcasts import broadcast_stop, progress_text, report_text
from storage.models import Broadcast

log = logging.getLogger(__name__)

EDIT_INTERVAL = 3.0


class BroadcastProgress:
    def __init__(
        self,
        bot: Bot,
        broadcasts: BroadcastService,
        users: UserService,
        core: BaseCore[Any],
        *,
        interval: float = EDIT_INTERVAL,
    ) -> None:
        self.bot = bot
        self.broadcasts = broadcasts
        self.users = users
        self.core = core
        self.interval = interval
        self._tasks: dict[int, asyncio.Task[None]] = {}

    def track(self, broadcast_id: int) -> None:
        if broadcast_id not in self._tasks:
            task = asyncio.create_task(self._follow(broadcast_id), name=f"broadcast-{broadcast_id}")
            self._tasks[broadcast_id] = task
            task.add_done_callback(lambda _: self._tasks.pop(broadcast_id, None))

    async def resume(self) -> None:
        for broadcast in await self.broadcasts.unfinished():
            self.track(broadcast.id)

    async def stop(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()
        for task in list(self._tasks.values()):
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _follow(self, broadcast_id: int) -> None:
        last_text = ""
        last_sent, last_time = 0, time.monotonic()
        rate = 0.0
        try:
            while True:
                figures = await self.broadcasts.figures(broadcast_id)
                broadcast, counts = figures.broadcast, figures.counts
                i18n = await self._i18n_for(broadcast)
                now = time.monotonic()
                if now > last_time and counts.sent > last_sent:
                    rate = (counts.sent - last_sent) / (now - last_time)
                last_sent, last_time = counts.sent, now
                if counts.done:
                    report = report_text(i18n, broadcast, counts)
                    await self._edit(broadcast, report, None)
                    await self._report(broadcast, report)
                    await self.broadcasts.finish(broadcast.id)
                    return
                text = progress_text(i18n, broadcast, counts, rate)
                if text != last_text:
                    await self._edit(broadcast, text, broadcast_stop(i18n, broadcast.id))
                    last_text = text
                await asyncio.sleep(self.interval)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("progress of broadcast %s stopped", broadcast_id)

    async def _i18n_for(self, broadcast: Broadcast) -> Any:
        author = await self.users.get(broadcast.author_id)
        language = language_of(author.language if author else None, default_language(self.core))
        return context_for(self.core, language)

    async def _report(self, broadcast: Broadcast, text: str) -> None:
        # A new message, unlike an edit, makes the coordinator's phone ring: the work is done.
        try:
            await self.bot.send_message(broadcast.author_id, text)
        except TelegramAPIError as exc:
            log.info("broadcast %s: final report not sent: %s", broadcast.id, exc)

    async def _edit(self, broadcast: Broadcast, text: str, markup: Any) -> None:
        if broadcast.progress_chat_id is None or broadcast.progress_message_id is None:
            return
        try:
            await self.bot.edit_message_text(
                text=text,
                chat_id=broadcast.progress_chat_id,
                message_id=broadcast.progress_message_id,
                reply_markup=markup,
            )
        except TelegramBadRequest as exc:
            if "not modified" not in exc.message:
                log.info("broadcast %s: progress not shown: %s", broadcast.id, exc.message)
        except TelegramAPIError as exc:
            log.info("broadcast %s: progress not shown: %s", broadcast.id, exc)
