"""Registration: nothing is stored until consent is given and the last step is done.

The school and the subjects are picked in the shared subdialogs; their results come back to
`on_result`. The language an unregistered person picks and a deep link they came by live in
the FSM data (bot/i18n.py LANGUAGE_KEY, bot/dialogs/deeplinks.py DEEPLINK_KEY), where /language
and /start find them.
"""

from __future__ import annotations

import operator
from datetime import datetime
from typing import Any

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Data, Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput, TextInput
from aiogram_dialog.widgets.kbd import Button, Row, Select
from aiogram_dialog.widgets.text import Format, Multi
from aiogram_i18n.cores import BaseCore

from bot.commands import register_chat_commands
from bot.delivery.outbox import Outbox
from bot.dialogs.deeplinks import DEEPLINK_KEY, DeepLinks
from bot.dialogs.deps import need
from bot.dialogs.places.states import SchoolPickerSG
from bot.dialogs.registration.states import RegistrationSG
from bot.dialogs.states_data import optional_int
from bot.dialogs.subjects.dialog import chosen_subjects, subjects_window
from bot.dialogs.widgets import (
    I18nFormat,
    back,
    buttons_only,
    cancel,
    clock_of,
    close_with,
    i18n_of,
    languages_getter,
    text_only,
)
from bot.notices.school_requests import notify_coordinators
from bot.services.errors import DomainError
from bot.services.users import Registration, UserService, normalize_full_name
from bot.settings import LANGUAGES


class RegistrationIncomplete(DomainError):
    """The stored form lost a field (e.g. saved by an older version): start again cleanly."""

    code = "registration-restart"
    keeps_form = False


async def language_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, code: str
) -> None:
    if code in LANGUAGES:
        # Stored in the FSM data by UserLocaleManager; the window is drawn again in it.
        await i18n_of(manager).set_locale(code)


async def agreed(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data["consent_at"] = clock_of(manager).now().isoformat()
    await manager.switch_to(RegistrationSG.full_name)


async def declined(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    await need(manager, "state", FSMContext).set_data({})
    await close_with(callback, manager, i18n_of(manager).get("consent-declined"))


async def name_typed(
    message: Message, widget: ManagedTextInput[str], manager: DialogManager, name: str
) -> None:
    manager.dialog_data["full_name"] = name
    await manager.start(SchoolPickerSG.region)


async def on_result(start_data: Data, result: Any, manager: DialogManager) -> None:
    """The school picker gave its answer (or was left with Back: stay on the name)."""
    if isinstance(result, dict) and "district_id" in result:
        manager.dialog_data.update(
            district_id=result["district_id"],
            school_id=result.get("school_id"),
            requested_school=result.get("requested_school"),
        )
        await manager.switch_to(RegistrationSG.subjects)


async def choose_school_again(
    callback: CallbackQuery, button: Button, manager: DialogManager
) -> None:
    await manager.start(SchoolPickerSG.region)


async def finish(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    """The last step: store the registration, set the menu, act on a remembered deep link."""
    users = need(manager, "users", UserService)
    state = need(manager, "state", FSMContext)
    i18n = i18n_of(manager)
    tg_user = callback.from_user
    data = manager.dialog_data
    district_id = optional_int(data.get("district_id"))
    try:
        consent_at = datetime.fromisoformat(str(data["consent_at"]))
        full_name = str(data["full_name"])
    except (KeyError, ValueError) as exc:
        raise RegistrationIncomplete from exc
    if district_id is None:
        raise RegistrationIncomplete
    user, request = await users.register(
        Registration(
            user_id=tg_user.id,
            language=i18n.locale,
            username=tg_user.username,
            full_name=full_name,
            district_id=district_id,
            school_id=optional_int(data.get("school_id")),
            requested_school=data.get("requested_school"),
            subject_ids=chosen_subjects(manager),
            consent_at=consent_at,
        )
    )
    form = await state.get_data()
    await state.set_data({})
    # The form's message becomes the welcome: no keyboard, nothing left to tap.
    parts = [i18n.get("registration-done", name=user.full_name or "")]
    if request is not None:
        parts.append(i18n.get("school-request-sent"))
    parts.append(i18n.get("menu"))
    shown = await close_with(callback, manager, "\n\n".join(parts))

    actor = users.actor(user.id, user)
    core: BaseCore[Any] = i18n.core
    await register_chat_commands(need(manager, "bot", Bot), core, tg_user.id, user.language, actor)
    if request is not None:
        outbox = need(manager, "outbox", Outbox)
        await notify_coordinators(outbox, users, core, request, requester=user)
    payload = form.get(DEEPLINK_KEY)
    if payload:
        await need(manager, "deeplinks", DeepLinks).open(shown, str(payload), i18n, actor)


dialog = Dialog(
    Window(
        Multi(I18nFormat("welcome"), I18nFormat("consent-text"), sep="\n\n"),
        Button(I18nFormat("consent-agree"), id="agree", on_click=agreed),
        Button(I18nFormat("consent-decline"), id="decline", on_click=declined),
        Row(
            Select(
                Format("{item[1]}"),
                id="language",
                item_id_getter=operator.itemgetter(0),
                items="languages",
                on_click=language_chosen,
            )
        ),
        buttons_only(),
        getter=languages_getter,
        state=RegistrationSG.consent,
    ),
    Window(
        Multi(I18nFormat("consent-accepted"), I18nFormat("ask-full-name"), sep="\n\n"),
        TextInput(id="full_name", type_factory=normalize_full_name, on_success=name_typed),
        text_only(),
        back(),
        cancel(),
        state=RegistrationSG.full_name,
    ),
    subjects_window(
        RegistrationSG.subjects,
        on_done=finish,
        back=Button(I18nFormat("button-back"), id="school_again", on_click=choose_school_again),
    ),
    on_process_result=on_result,
)
