"""Registration: /start → consent → full name → school (handlers/places.py) → subjects
(handlers/subjects.py) → done. Nothing is stored until consent is given and the form is done."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.callbacks import ConsentCb
from bot.commands import register_chat_commands
from bot.delivery.outbox import Outbox
from bot.services.directory import DirectoryService
from bot.services.errors import DomainError, InvalidInput
from bot.services.users import Registration, UserService, normalize_full_name
from bot.states import RegistrationForm
from handlers import forms
from handlers.deeplinks import clean_payload, open_deeplink
from handlers.replies import show
from handlers.school_requests import notify_coordinators
from storage.models import User

log = logging.getLogger(__name__)
router = Router(name="registration")
router.message.filter(F.chat.type == ChatType.PRIVATE)


@router.message(CommandStart())
async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    i18n: I18nContext,
    user: User | None,
    directory: DirectoryService,
    **data: Any,
) -> None:
    payload = clean_payload(command.args)
    if user is not None and user.is_registered:
        await forms.reset(state)
        if payload:
            await open_deeplink(message, payload, i18n, data)
            return
        await message.answer(i18n.get("welcome-back", name=user.full_name or ""))
        return
    if await state.get_state() is not None:
        # A second /start mid-form continues the form instead of wiping what was typed.
        if payload:
            await state.update_data({forms.DEEPLINK_KEY: payload})
        await message.answer(i18n.get("registration-continue"))
        await forms.reprompt(message, state, i18n, directory)
        return
    await forms.reset(state)
    await state.update_data({forms.FLOW_KEY: forms.REGISTRATION, forms.DEEPLINK_KEY: payload})
    await forms.ask_consent(message, state, i18n, lead=i18n.get("welcome"))


@router.callback_query(RegistrationForm.consent, ConsentCb.filter())
async def consent(
    query: CallbackQuery, callback_data: ConsentCb, state: FSMContext, i18n: I18nContext
) -> None:
    if not callback_data.agree:
        await forms.reset(state)
        await show(query, i18n.get("consent-declined"))
        return
    await state.update_data(consent_at=datetime.now(UTC).isoformat())
    await forms.ask_full_name(query, state, i18n, lead=i18n.get("consent-accepted"))


@router.message(RegistrationForm.full_name, forms.TYPED_ANSWER)
async def full_name(
    message: Message, state: FSMContext, i18n: I18nContext, directory: DirectoryService
) -> None:
    try:
        name = normalize_full_name(message.text or "")
    except InvalidInput:
        await message.answer(i18n.get("error-full-name"))
        return
    await state.update_data(full_name=name)
    await forms.ask_region(message, state, i18n, directory)


async def finish(
    event: Message | CallbackQuery,
    state: FSMContext,
    i18n: I18nContext,
    users: UserService,
    bot: Bot,
    i18n_core: BaseCore[Any],
    data: dict[str, Any],
) -> None:
    """The last step: store the registration, set the menu, act on a remembered deep link."""
    form = await state.get_data()
    tg_user = event.from_user
    assert tg_user is not None
    try:
        registration = Registration(
            user_id=tg_user.id,
            language=i18n.locale,
            username=tg_user.username,
            full_name=str(form["full_name"]),
            district_id=int(form["district_id"]),
            school_id=form.get("school_id"),
            requested_school=form.get("requested_school"),
            subject_ids=tuple(form.get("subject_ids", [])),
            consent_at=datetime.fromisoformat(str(form["consent_at"])),
        )
    except (KeyError, TypeError, ValueError):
        # A form that lost a field (e.g. saved by an older version) is started again cleanly.
        log.warning("registration form of %s is incomplete: %s", tg_user.id, sorted(form))
        await forms.reset(state)
        await show(event, i18n.get("registration-restart"))
        return
    try:
        user, request = await users.register(registration)
    except DomainError as exc:
        await show(event, i18n.get(exc.code))
        return
    await forms.reset(state)
    actor = users.actor(user.id, user)
    done = i18n.get("registration-done", name=user.full_name or "")
    if request is not None:
        done += "\n\n" + i18n.get("school-request-sent")
    await show(event, f"{done}\n\n{i18n.get('menu')}")
    await register_chat_commands(bot, i18n_core, tg_user.id, user.language, actor)
    if request is not None:
        outbox: Outbox = data["outbox"]
        await notify_coordinators(outbox, users, i18n, request, requester=user)
    payload = form.get(forms.DEEPLINK_KEY)
    message = event.message if isinstance(event, CallbackQuery) else event
    if payload and isinstance(message, Message):
        await open_deeplink(message, str(payload), i18n, data)
