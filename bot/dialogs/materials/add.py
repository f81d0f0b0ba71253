"""Attaching a material to a session (rules of 000, 4.2): the workshop's leader or a coordinator
picks its kind, sends the file or the link, and names it.

Who may attach is MaterialService's rule, asked when the form opens, on every redraw of its
first window and again when the material is stored; the address and the title are checked by
the service's normalize_url and normalize_title as they are typed.
"""

from __future__ import annotations

import operator
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.enums import ContentType
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput, MessageInput, TextInput
from aiogram_dialog.widgets.kbd import Button, Group, Select, SwitchTo
from aiogram_dialog.widgets.text import Format
from aiogram_i18n import I18nContext

from bot.dialogs.deps import need
from bot.dialogs.materials.states import MaterialAddSG
from bot.dialogs.states_data import optional_int
from bot.dialogs.widgets import (
    I18nFormat,
    back,
    buttons_only,
    cancel,
    close_with,
    i18n_of,
    text_only,
    zone_of,
)
from bot.i18n import format_datetime
from bot.services.errors import NotFound
from bot.services.materials import (
    LINK_KIND,
    MATERIAL_KINDS,
    MaterialService,
    Target,
    normalize_title,
    normalize_url,
)
from bot.services.permissions import Actor
from bot.views.materials import kind_label, open_keyboard
from bot.views.text import echo

KIND, FILE_ID, FILE_TYPE, URL = "kind", "file_id", "file_type", "url"
FILE_CONTENT = [ContentType.DOCUMENT, ContentType.VIDEO, ContentType.PHOTO]


def target_text(i18n: I18nContext, target: Target, zone: ZoneInfo) -> str:
    if target.session_id is None or target.session_starts_at is None:
        return i18n.get("materials-target-workshop", workshop=echo(target.workshop_title))
    return i18n.get(
        "materials-target-session",
        workshop=echo(target.workshop_title),
        topic=echo(target.session_topic or ""),
        when=format_datetime(i18n, target.session_starts_at, zone),
    )


def _where(manager: DialogManager) -> tuple[int, int | None]:
    """(workshop id, session id or None) the form was started for."""
    start = manager.start_data if isinstance(manager.start_data, dict) else {}
    workshop_id = optional_int(start.get("workshop_id"))
    if workshop_id is None:
        raise NotFound
    return workshop_id, optional_int(start.get("session_id"))


def _kind(manager: DialogManager) -> str:
    kind = manager.dialog_data.get(KIND)
    if kind not in MATERIAL_KINDS:
        raise NotFound
    return str(kind)


async def kind_getter(
    dialog_manager: DialogManager,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
    zone: ZoneInfo,
    **_: Any,
) -> dict[str, Any]:
    target = await materials.target(actor, *_where(dialog_manager))
    return {
        "target": target_text(i18n, target, zone),
        "kinds": [(kind, kind_label(i18n, kind)) for kind in MATERIAL_KINDS],
    }


async def file_getter(dialog_manager: DialogManager, i18n: I18nContext, **_: Any) -> dict[str, Any]:
    return {"kind": kind_label(i18n, _kind(dialog_manager))}


async def kind_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, kind: str
) -> None:
    if kind not in MATERIAL_KINDS:
        raise NotFound
    manager.dialog_data[KIND] = kind
    await manager.switch_to(MaterialAddSG.url if kind == LINK_KIND else MaterialAddSG.file)


def _file_of(message: Message) -> tuple[str, str] | None:
    if message.document is not None:
        return message.document.file_id, "document"
    if message.video is not None:
        return message.video.file_id, "video"
    if message.photo:
        return message.photo[-1].file_id, "photo"
    return None


async def file_received(message: Message, widget: MessageInput, manager: DialogManager) -> None:
    found = _file_of(message)
    if found is None:
        await not_a_file(message, widget, manager)
        return
    manager.dialog_data.update({FILE_ID: found[0], FILE_TYPE: found[1], URL: None})
    await manager.switch_to(MaterialAddSG.title)


async def not_a_file(message: Message, widget: MessageInput, manager: DialogManager) -> None:
    await message.answer(i18n_of(manager).get("materials-expected-file"))


async def url_typed(
    message: Message, widget: ManagedTextInput[str], manager: DialogManager, url: str
) -> None:
    manager.dialog_data.update({URL: url, FILE_ID: None, FILE_TYPE: None})
    await manager.switch_to(MaterialAddSG.title)


async def not_a_url(message: Message, widget: MessageInput, manager: DialogManager) -> None:
    await message.answer(i18n_of(manager).get("materials-expected-url"))


async def back_to_content(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    await manager.switch_to(
        MaterialAddSG.url if _kind(manager) == LINK_KIND else MaterialAddSG.file
    )


async def title_typed(
    message: Message, widget: ManagedTextInput[str], manager: DialogManager, title: str
) -> None:
    materials = need(manager, "materials", MaterialService)
    actor = need(manager, "actor", Actor)
    workshop_id, session_id = _where(manager)
    data = manager.dialog_data
    target = await materials.target(actor, workshop_id, session_id)
    material = await materials.add(
        actor,
        workshop_id,
        session_id,
        kind=_kind(manager),
        title=title,
        file_id=data.get(FILE_ID),
        file_type=data.get(FILE_TYPE),
        url=data.get(URL),
    )
    i18n = i18n_of(manager)
    # The question loses its buttons; the confirmation, with the material, comes after.
    text = i18n.get(
        "materials-saved",
        kind=kind_label(i18n, material.kind),
        title=echo(material.title),
        target=target_text(i18n, target, zone_of(manager)),
    )
    await close_with(message, manager, text, open_keyboard([material]))


dialog = Dialog(
    Window(
        I18nFormat("materials-add-kind"),
        Group(
            Select(
                Format("{item[1]}"),
                id="kinds",
                item_id_getter=operator.itemgetter(0),
                items="kinds",
                on_click=kind_chosen,
            ),
            width=2,
        ),
        cancel(),
        buttons_only(),
        getter=kind_getter,
        state=MaterialAddSG.kind,
    ),
    Window(
        I18nFormat("materials-ask-file"),
        MessageInput(file_received, content_types=FILE_CONTENT),
        MessageInput(not_a_file, content_types=ContentType.ANY),
        back(),
        cancel(),
        getter=file_getter,
        state=MaterialAddSG.file,
    ),
    Window(
        I18nFormat("materials-ask-url"),
        TextInput(id="url", type_factory=normalize_url, on_success=url_typed),
        MessageInput(not_a_url, content_types=ContentType.ANY),
        SwitchTo(I18nFormat("button-back"), id="back_to_kind", state=MaterialAddSG.kind),
        cancel(),
        state=MaterialAddSG.url,
    ),
    Window(
        I18nFormat("materials-ask-title"),
        TextInput(id="title", type_factory=normalize_title, on_success=title_typed),
        text_only(),
        Button(I18nFormat("button-back"), id="back_to_content", on_click=back_to_content),
        cancel(),
        state=MaterialAddSG.title,
    ),
)
