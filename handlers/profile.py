"""/profile opens the profile dialog (bot/dialogs/profile) for a registered teacher."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_dialog import DialogManager, StartMode
from aiogram_i18n import I18nContext

from bot.dialogs.profile.states import ProfileSG
from storage.models import User

router = Router(name="profile")
router.message.filter(F.chat.type == ChatType.PRIVATE)


@router.message(Command("profile"))
async def profile_command(
    message: Message, i18n: I18nContext, user: User | None, dialog_manager: DialogManager
) -> None:
    if user is None or not user.is_registered:
        await message.answer(i18n.get("profile-not-registered"))
        return
    await dialog_manager.start(ProfileSG.card, mode=StartMode.RESET_STACK)
