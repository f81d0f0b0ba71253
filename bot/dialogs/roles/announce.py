"""What follows a new role, whether it was typed (/grant ID ROLE) or chosen in the /grant form:
the person's command menu gains the role's commands and they are told, in their own language."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram_i18n.cores import BaseCore

from bot.commands import register_chat_commands
from bot.i18n import context_for
from bot.services.users import UserService
from storage.models import Role

log = logging.getLogger(__name__)


async def announce_grant(
    bot: Bot, core: BaseCore[Any], users: UserService, target_id: int, role: Role
) -> None:
    target = await users.get(target_id)
    if target is None:
        return
    await register_chat_commands(
        bot, core, target.id, target.language, users.actor(target.id, target)
    )
    theirs = context_for(core, target.language)
    try:
        await bot.send_message(
            target.id, theirs.get("grant-notice", role=theirs.get(f"role-{role.value}"))
        )
    except TelegramAPIError as exc:
        # They will see the new role in /profile; the grant itself is already stored.
        log.info("grant notice to %s not sent: %s", target.id, exc)
