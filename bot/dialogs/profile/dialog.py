"""/profile: what the bot knows about me, and editing it, in one message."""

from __future__ import annotations

import operator
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.types import CallbackQuery, Message
from aiogram.types import User as TelegramUser
from aiogram_dialog import Data, Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput, TextInput
from aiogram_dialog.widgets.kbd import Button, Group, Select, SwitchTo
from aiogram_dialog.widgets.text import Format
from aiogram_i18n import I18nContext

from bot.commands import register_chat_commands
from bot.delivery.outbox import Outbox
from bot.dialogs.deps import need
from bot.dialogs.places.states import SchoolPickerSG
from bot.dialogs.profile.states import ProfileSG
from bot.dialogs.states_data import int_list, optional_int
from bot.dialogs.subjects.states import SubjectsSG
from bot.dialogs.widgets import I18nFormat, back, buttons_only, i18n_of, languages_getter, text_only
from bot.i18n import format_date
from bot.notices.school_requests import notify_coordinators
from bot.services.errors import NotFound
from bot.services.users import UserService, normalize_full_name
from bot.settings import LANGUAGES
from bot.views.profile import profile_text

SAVED = "saved"  # a line on the card after an edit: "changes saved"
REQUEST_SENT = "request_sent"


async def card_getter(
    dialog_manager: DialogManager,
    i18n: I18nContext,
    users: UserService,
    zone: ZoneInfo,
    event_from_user: TelegramUser,
    **_: Any,
) -> dict[str, Any]:
    profile = await users.profile(event_from_user.id)
    registered = format_date(i18n, profile.registered_at, zone) if profile.registered_at else ""
    return {
        "card": profile_text(i18n, profile, registered),
        "saved": bool(dialog_manager.dialog_data.get(SAVED)),
        "request_sent": bool(dialog_manager.dialog_data.get(REQUEST_SENT)),
    }


def _saved(manager: DialogManager, *, request_sent: bool = False) -> None:
    manager.dialog_data[SAVED] = True
    manager.dialog_data[REQUEST_SENT] = request_sent


def _user_id(manager: DialogManager) -> int:
    return need(manager, "event_from_user", TelegramUser).id


async def edit_school(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    await manager.start(SchoolPickerSG.region)


async def edit_subjects(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    profile = await need(manager, "users", UserService).profile(_user_id(manager))
    await manager.start(SubjectsSG.choose, data={"chosen": list(profile.subject_ids)})


async def name_typed(
    message: Message, widget: ManagedTextInput[str], manager: DialogManager, name: str
) -> None:
    await need(manager, "users", UserService).rename(_user_id(manager), name)
    _saved(manager)
    await manager.switch_to(ProfileSG.card)


async def language_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, code: str
) -> None:
    if code not in LANGUAGES:
        raise NotFound
    users = need(manager, "users", UserService)
    user_id = _user_id(manager)
    i18n = i18n_of(manager)
    await i18n.set_locale(code)
    if await users.set_language(user_id, code):
        user = await users.get(user_id)
        actor = users.actor(user_id, user)
        await register_chat_commands(need(manager, "bot", Bot), i18n.core, user_id, code, actor)
    _saved(manager)
    await manager.switch_to(ProfileSG.card)


async def on_result(start_data: Data, result: Any, manager: DialogManager) -> None:
    if not isinstance(result, dict):
        return
    users = need(manager, "users", UserService)
    user_id = _user_id(manager)
    if "district_id" in result:
        district_id = optional_int(result["district_id"])
        if district_id is None:
            raise NotFound
        request = await users.set_school(
            user_id,
            district_id,
            optional_int(result.get("school_id")),
            result.get("requested_school"),
        )
        if request is not None:
            requester = await users.get(user_id)
            if requester is not None:
                outbox = need(manager, "outbox", Outbox)
                await notify_coordinators(
                    outbox, users, i18n_of(manager).core, request, requester=requester
                )
        _saved(manager, request_sent=request is not None)
    elif "subject_ids" in result:
        await users.set_subjects(user_id, int_list(result["subject_ids"]))
        _saved(manager)


dialog = Dialog(
    Window(
        Format("{card}"),
        I18nFormat("profile-updated", when="saved"),
        I18nFormat("school-request-sent", when="request_sent"),
        Group(
            SwitchTo(I18nFormat("profile-edit-name"), id="name", state=ProfileSG.full_name),
            Button(I18nFormat("profile-edit-school"), id="school", on_click=edit_school),
            Button(I18nFormat("profile-edit-subjects"), id="subjects", on_click=edit_subjects),
            SwitchTo(I18nFormat("profile-edit-language"), id="lang", state=ProfileSG.language),
            width=2,
        ),
        buttons_only(),
        getter=card_getter,
        state=ProfileSG.card,
    ),
    Window(
        I18nFormat("ask-full-name"),
        TextInput(id="full_name", type_factory=normalize_full_name, on_success=name_typed),
        text_only(),
        back(),
        state=ProfileSG.full_name,
    ),
    Window(
        I18nFormat("choose-language"),
        Group(
            Select(
                Format("{item[1]}"),
                id="language",
                item_id_getter=operator.itemgetter(0),
                items="languages",
                on_click=language_chosen,
            ),
            width=3,
        ),
        buttons_only(),
        back(),
        getter=languages_getter,
        state=ProfileSG.language,
    ),
    on_process_result=on_result,
)
