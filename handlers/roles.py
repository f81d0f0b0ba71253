"""/grant USER_ID ROLE: admins appoint coordinators; coordinators appoint leaders and methodists."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.commands import register_chat_commands
from bot.services.errors import NotFound, PermissionDenied
from bot.services.permissions import Actor
from bot.services.users import UserService
from storage.models import Role

router = Router(name="roles")
router.message.filter(F.chat.type == ChatType.PRIVATE)


@router.message(Command("grant"))
async def grant(
    message: Message,
    command: CommandObject,
    actor: Actor,
    i18n: I18nContext,
    users: UserService,
    bot: Bot,
    i18n_core: BaseCore[Any],
) -> None:
    if not actor.is_coordinator:
        await message.answer(i18n.get("error-permission"))
        return
    parts = (command.args or "").split()
    if len(parts) != 2 or not parts[0].isdigit() or parts[1].lower() not in Role._value2member_map_:
        await message.answer(i18n.get("grant-usage"))
        return
    target_id, role = int(parts[0]), Role(parts[1].lower())
    role_name = i18n.get(f"role-{role.value}")
    try:
        added = await users.grant(actor, target_id, role)
    except PermissionDenied:
        await message.answer(i18n.get("grant-not-allowed", role=role_name))
        return
    except NotFound:
        await message.answer(i18n.get("grant-unknown-user"))
        return
    await message.answer(i18n.get("grant-done" if added else "grant-already", role=role_name))
    target = await users.get(target_id)
    if not added or target is None:
        return
    target_actor = users.actor(target.id, target)
    await register_chat_commands(bot, i18n_core, target.id, target.language, target_actor)
    try:
        role_there = i18n.get(f"role-{role.value}", target.language)
        await bot.send_message(
            target.id, i18n.get("grant-notice", target.language, role=role_there)
        )
    except TelegramAPIError:
        # They will see the new role in /profile; the grant itself is already stored.
        pass
