"""/grant as a form: whose Telegram id, which of the roles this actor may give, and a confirmation.

Which roles an actor may give is UserService's rule; the form only offers them, and the grant
itself asks again (an actor demoted meanwhile is refused, whatever the buttons say).
"""

from __future__ import annotations

import operator
from typing import Any

from aiogram import Bot
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput, TextInput
from aiogram_dialog.widgets.kbd import Button, Column, Select
from aiogram_dialog.widgets.text import Format
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.dialogs.deps import need
from bot.dialogs.roles.announce import announce_grant
from bot.dialogs.roles.states import GrantSG
from bot.dialogs.states_data import optional_int
from bot.dialogs.widgets import (
    I18nFormat,
    back,
    buttons_only,
    cancel,
    close_with,
    i18n_of,
    text_only,
)
from bot.services.errors import NotFound, PermissionDenied
from bot.services.permissions import Actor
from bot.services.users import UserService, parse_user_id
from bot.views.text import echo
from storage.models import Role

NAME_MAX = 80


def _target_id(manager: DialogManager) -> int:
    target_id = optional_int(manager.dialog_data.get("target_id"))
    if target_id is None:
        raise NotFound
    return target_id


def _role(manager: DialogManager) -> Role:
    value = str(manager.dialog_data.get("role"))
    if value not in Role._value2member_map_:
        raise NotFound
    return Role(value)


async def _name(users: UserService, target_id: int) -> str:
    target = await users.get(target_id)
    return echo(target.full_name if target and target.full_name else str(target_id), NAME_MAX)


async def roles_getter(
    dialog_manager: DialogManager,
    i18n: I18nContext,
    users: UserService,
    actor: Actor,
    **_: Any,
) -> dict[str, Any]:
    roles = [(role.value, i18n.get(f"role-{role.value}")) for role in users.grantable_roles(actor)]
    return {"name": await _name(users, _target_id(dialog_manager)), "roles": roles}


async def confirm_getter(
    dialog_manager: DialogManager, i18n: I18nContext, users: UserService, **_: Any
) -> dict[str, Any]:
    role = _role(dialog_manager)
    return {
        "name": await _name(users, _target_id(dialog_manager)),
        "role": i18n.get(f"role-{role.value}"),
    }


async def target_typed(
    message: Message, widget: ManagedTextInput[int], manager: DialogManager, target_id: int
) -> None:
    users = need(manager, "users", UserService)
    await users.grantee(need(manager, "actor", Actor), target_id)
    manager.dialog_data["target_id"] = target_id
    await manager.switch_to(GrantSG.role)


async def role_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, value: str
) -> None:
    users = need(manager, "users", UserService)
    if value not in Role._value2member_map_:
        raise NotFound
    if Role(value) not in users.grantable_roles(need(manager, "actor", Actor)):
        raise PermissionDenied
    manager.dialog_data["role"] = value
    await manager.switch_to(GrantSG.confirm)


async def grant(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    users = need(manager, "users", UserService)
    target_id, role = _target_id(manager), _role(manager)
    added = await users.grant(need(manager, "actor", Actor), target_id, role)
    i18n = i18n_of(manager)
    text = i18n.get("grant-done" if added else "grant-already", role=i18n.get(f"role-{role.value}"))
    await close_with(callback, manager, text)
    if added:
        core: BaseCore[Any] = manager.middleware_data["i18n_core"]
        await announce_grant(need(manager, "bot", Bot), core, users, target_id, role)


dialog = Dialog(
    Window(
        I18nFormat("grant-ask-user"),
        TextInput(id="target", type_factory=parse_user_id, on_success=target_typed),
        text_only(),
        cancel(),
        state=GrantSG.user,
    ),
    Window(
        I18nFormat("grant-ask-role"),
        Column(
            Select(
                Format("{item[1]}"),
                id="role",
                item_id_getter=operator.itemgetter(0),
                items="roles",
                on_click=role_chosen,
            ),
        ),
        back(),
        cancel(),
        buttons_only(),
        getter=roles_getter,
        state=GrantSG.role,
    ),
    Window(
        I18nFormat("grant-confirm"),
        Button(I18nFormat("grant-confirm-button"), id="grant", on_click=grant),
        back(),
        cancel(),
        buttons_only(),
        getter=confirm_getter,
        state=GrantSG.confirm,
    ),
)
