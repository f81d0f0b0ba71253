"""/start: a new teacher's registration (bot/dialogs/registration), a registered teacher's
welcome back, and the deep link either came by."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_i18n import I18nContext

from bot.dialogs.deeplinks import DEEPLINK_KEY, DeepLinks, clean_payload
from bot.dialogs.registration.states import RegistrationSG
from bot.services.permissions import Actor
from storage.models import User

router = Router(name="registration")
router.message.filter(F.chat.type == ChatType.PRIVATE)


@router.message(CommandStart(), flags={"keeps_form": True})
async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    i18n: I18nContext,
    user: User | None,
    actor: Actor,
    dialog_manager: DialogManager,
    deeplinks: DeepLinks,
) -> None:
    payload = clean_payload(command.args)
    if user is not None and user.is_registered:
        if dialog_manager.has_context():
            await dialog_manager.reset_stack()
        if payload:
            await deeplinks.open(message, payload, i18n, actor)
        else:
            await message.answer(i18n.get("welcome-back", name=user.full_name or ""))
        return
    if payload:
        await state.update_data({DEEPLINK_KEY: payload})
    if dialog_manager.has_context():
        # A second /start mid-form continues the form instead of wiping what was typed.
        await message.answer(i18n.get("registration-continue"))
        await dialog_manager.show(ShowMode.SEND)
        return
    await dialog_manager.start(RegistrationSG.consent, mode=StartMode.RESET_STACK)
