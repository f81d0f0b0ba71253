"""/grant USER_ID ROLE typed in one line, as operators are used to; /grant alone opens the form
(bot/dialogs/roles). Admins appoint coordinators; coordinators appoint leaders and methodists."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram_dialog import DialogManager, StartMode
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.dialogs.roles.announce import announce_grant
from bot.dialogs.roles.states import GrantSG
from bot.services.permissions import Actor
from bot.services.users import UserService
from storage.models import Role

router = Router(name="roles")
router.message.filter(F.chat.type == ChatType.PRIVATE)


@router.message(Command("grant", magic=F.args))
async def grant(
    message: Message,
    command: CommandObject,
    actor: Actor,
    i18n: I18nContext,
    users: UserService,
    bot: Bot,
    i18n_core: BaseCore[Any],
) -> None:
    users.ensure_may_grant(actor)
    parts = (command.args or "").split()
    if len(parts) != 2 or not parts[0].isdigit() or parts[1].lower() not in Role._value2member_map_:
        await message.answer(i18n.get("grant-usage"))
        return
    target_id, role = int(parts[0]), Role(parts[1].lower())
    role_name = i18n.get(f"role-{role.value}")
    if role not in users.grantable_roles(actor):
        await message.answer(i18n.get("grant-not-allowed", role=role_name))
        return
    added = await users.grant(actor, target_id, role)
    await message.answer(i18n.get("grant-done" if added else "grant-already", role=role_name))
    if added:
        await announce_grant(bot, i18n_core, users, target_id, role)


@router.message(Command("grant"))
async def grant_form(
    message: Message, actor: Actor, users: UserService, dialog_manager: DialogManager
) -> None:
    users.ensure_may_grant(actor)
    await dialog_manager.start(GrantSG.user, mode=StartMode.RESET_STACK)
