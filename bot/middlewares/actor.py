"""Loads the person behind the update and the roles in force for them."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from aiogram.types import User as TelegramUser

from bot.services.users import UserService

log = logging.getLogger(__name__)


class ActorMiddleware(BaseMiddleware):
    """Puts `user` (the stored row or None) and `actor` (id + effective roles) into the data.

    A user we marked inactive after a 403 who writes again has unblocked the bot: they are
    marked active here, before any handler runs.
    """

    def __init__(self, users: UserService) -> None:
        self.users = users

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        from_user: TelegramUser | None = data.get("event_from_user")
        if from_user is None or from_user.is_bot:
            data["user"] = None
            data["actor"] = None
            return await handler(event, data)
        user = await self.users.get(from_user.id)
        if user is not None and not user.is_active and _is_own_action(event):
            await self.users.mark_back(from_user.id)
            user = await self.users.get(from_user.id)  # the cached row is shared: read anew
            log.info("user %s is back after blocking the bot", from_user.id)
        data["user"] = user
        data["actor"] = self.users.actor(from_user.id, user)
        return await handler(event, data)


def _is_own_action(event: TelegramObject) -> bool:
    # my_chat_member is handled by its own handler: a "kicked" update must not reactivate.
    return not (isinstance(event, Update) and event.my_chat_member is not None)
