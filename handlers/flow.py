"""Where the shared pickers (school, subjects) lead, depending on the form that opened them."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.services.directory import DirectoryService
from bot.services.users import UserService
from handlers import forms, profile, registration

Event = Message | CallbackQuery


async def after_place(
    event: Event,
    state: FSMContext,
    i18n: I18nContext,
    directory: DirectoryService,
    users: UserService,
    bot: Bot,
    i18n_core: BaseCore[Any],
    data: dict[str, Any],
) -> None:
    form = await state.get_data()
    if form.get(forms.FLOW_KEY) == forms.REGISTRATION:
        await forms.ask_subjects(event, state, i18n, directory)
    else:
        await profile.save_place(event, state, i18n, users, bot, data["outbox"])


async def after_subjects(
    event: Event,
    state: FSMContext,
    i18n: I18nContext,
    users: UserService,
    bot: Bot,
    i18n_core: BaseCore[Any],
    data: dict[str, Any],
) -> None:
    form = await state.get_data()
    if form.get(forms.FLOW_KEY) == forms.REGISTRATION:
        await registration.finish(event, state, i18n, users, bot, i18n_core, data)
    else:
        await profile.save_subjects(event, state, i18n, users)
