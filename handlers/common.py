"""Commands that work anywhere in a private chat: /cancel, /help, /language."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.commands import register_chat_commands
from bot.i18n import LANGUAGE_KEY
from bot.services.permissions import Actor
from bot.services.users import UserService
from bot.settings import LANGUAGES
from bot.views.languages import LanguageCb, languages
from handlers.replies import show
from storage.models import Role, User

router = Router(name="common")
router.message.filter(F.chat.type == ChatType.PRIVATE)


@router.message(Command("cancel"), flags={"keeps_form": True})
async def cancel(
    message: Message,
    state: FSMContext,
    i18n: I18nContext,
    user: User | None,
    dialog_manager: DialogManager,
) -> None:
    was_in_form = dialog_manager.has_context() or await state.get_state() is not None
    if dialog_manager.has_context():
        await dialog_manager.reset_stack()
    # Whatever the form kept goes; the language an unregistered person picked stays.
    language = (await state.get_data()).get(LANGUAGE_KEY)
    await state.clear()
    if language:
        await state.update_data({LANGUAGE_KEY: language})
    registered = user is not None and user.is_registered
    if not was_in_form:
        key = "cancel-nothing"
    else:
        key = "cancel-done" if registered else "cancel-done-unregistered"
    await message.answer(i18n.get(key))


@router.message(Command("help"), flags={"keeps_form": True})
async def help_command(message: Message, i18n: I18nContext, actor: Actor) -> None:
    text = i18n.get("help")
    if actor.has(Role.LEADER):
        text += "\n\n" + i18n.get("help-leader")
    if actor.is_coordinator:
        text += "\n\n" + i18n.get("help-coordinator")
    await message.answer(text)


@router.message(Command("language"), flags={"keeps_form": True})
async def language_command(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("choose-language"), reply_markup=languages(i18n))


@router.callback_query(LanguageCb.filter(F.code.in_(LANGUAGES)))
async def language_chosen(
    query: CallbackQuery,
    callback_data: LanguageCb,
    i18n: I18nContext,
    user: User | None,
    actor: Actor,
    users: UserService,
    bot: Bot,
    i18n_core: BaseCore[Any],
    dialog_manager: DialogManager,
) -> None:
    language = callback_data.code
    await i18n.set_locale(language)
    if user is not None and await users.set_language(user.id, language):
        await register_chat_commands(bot, i18n_core, query.from_user.id, language, actor)
    await show(query, i18n.get("language-changed"))
    if dialog_manager.has_context():
        # Mid-form: the same question again, now in the new language, as the last message.
        await dialog_manager.show(ShowMode.SEND)
