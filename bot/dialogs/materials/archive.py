"""/materials: the archive of approved workshops' materials (rules of 000, 4.2), browsed by
workshop and month, or searched by words typed at any time on the list or the results.

Every registered teacher may read it (MaterialService says who is registered); a material
tapped is sent below the archive, which stays where it is.
"""

from __future__ import annotations

import logging
import operator
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram_dialog import Dialog, DialogManager, ShowMode, Window
from aiogram_dialog.widgets.input import ManagedTextInput, TextInput
from aiogram_dialog.widgets.kbd import Column, ScrollingGroup, Select, SwitchTo
from aiogram_dialog.widgets.text import Format
from aiogram_i18n import I18nContext

from bot.dialogs.deps import need
from bot.dialogs.materials.sending import send_material
from bot.dialogs.materials.states import MaterialArchiveSG
from bot.dialogs.states_data import optional_int
from bot.dialogs.widgets import I18nFormat, back, buttons_only, cancel, i18n_of, text_only
from bot.services.errors import NotFound
from bot.services.materials import MaterialItem, MaterialService, normalize_search
from bot.services.permissions import Actor
from bot.views.materials import ICONS, TEXT_BUDGET, kind_label
from bot.views.text import echo, short
from storage.models import Material

log = logging.getLogger(__name__)

ROWS = 8
TITLE_SHOWN = 100
WORKSHOP, YEAR, MONTH, WORDS = "workshop_id", "year", "month", "words"


def join_within(header: str, lines: Sequence[str], budget: int = TEXT_BUDGET) -> str:
    """The header and as many lines as fit into one message."""
    text = header
    for line in lines:
        if len(text) + 1 + len(line) > budget:
            break
        text += "\n" + line
    return text


def _buttons(materials: Sequence[Material]) -> list[tuple[int, str]]:
    return [(m.id, short(f"{ICONS.get(m.kind, '')} {m.title}")) for m in materials]


def _material_line(i18n: I18nContext, number: int, material: Material) -> str:
    return i18n.get(
        "materials-line",
        number=str(number),
        kind=kind_label(i18n, material.kind),
        title=echo(material.title, TITLE_SHOWN),
    )


def _search_line(i18n: I18nContext, number: int, item: MaterialItem) -> str:
    return i18n.get(
        "materials-search-line",
        number=str(number),
        kind=kind_label(i18n, item.material.kind),
        title=echo(item.material.title, TITLE_SHOWN),
        workshop=echo(item.workshop_title, 60),
    )


def _chosen(manager: DialogManager, key: str) -> int:
    value = optional_int(manager.dialog_data.get(key))
    if value is None:
        raise NotFound
    return value


async def workshops_getter(
    dialog_manager: DialogManager,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
    **_: Any,
) -> dict[str, Any]:
    found = await materials.archive(actor)
    scroll = dialog_manager.find("workshops")
    page = await scroll.get_page() if scroll is not None else 0
    return {
        "workshops": [(w.id, short(f"{w.title} ({w.materials})")) for w in found],
        "page": min(page, max(0, -(-len(found) // ROWS) - 1)) + 1,
        "pages": max(1, -(-len(found) // ROWS)),
        "listed": bool(found),
        "empty": not found,
    }


async def months_getter(
    dialog_manager: DialogManager,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
    zone: ZoneInfo,
    **_: Any,
) -> dict[str, Any]:
    found = await materials.months(actor, _chosen(dialog_manager, WORKSHOP), zone)
    months = [
        (
            f"{group.year}-{group.month:02d}",
            i18n.get(
                "materials-month-button",
                month=i18n.get(f"month-{group.month}"),
                year=str(group.year),
                count=group.count,
            ),
        )
        for group in found.months
    ]
    return {"workshop": echo(found.title), "months": months}


async def month_getter(
    dialog_manager: DialogManager,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
    zone: ZoneInfo,
    **_: Any,
) -> dict[str, Any]:
    found = await materials.month(
        actor,
        _chosen(dialog_manager, WORKSHOP),
        _chosen(dialog_manager, YEAR),
        _chosen(dialog_manager, MONTH),
        zone,
    )
    header = i18n.get(
        "materials-month",
        workshop=echo(found.title),
        month=i18n.get(f"month-{found.month}"),
        year=str(found.year),
    )
    lines = [_material_line(i18n, n, m) for n, m in enumerate(found.materials, 1)]
    return {
        "listing": join_within(header, lines),
        "materials": _buttons(found.materials),
        "listed": bool(found.materials),
        "empty": not found.materials,
    }


async def found_getter(
    dialog_manager: DialogManager,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
    **_: Any,
) -> dict[str, Any]:
    start = dialog_manager.start_data if isinstance(dialog_manager.start_data, dict) else {}
    words = str(dialog_manager.dialog_data.get(WORDS) or start.get(WORDS) or "")
    found = await materials.search(actor, words)
    query = echo(" ".join(words.split()), 100)
    header = i18n.get("materials-search-found", query=query, count=len(found))
    lines = [_search_line(i18n, number, item) for number, item in enumerate(found, 1)]
    return {
        "query": query,
        "listing": join_within(header, lines),
        "materials": _buttons([item.material for item in found]),
        "listed": bool(found),
        "empty": not found,
    }


async def workshop_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, workshop_id: int
) -> None:
    manager.dialog_data[WORKSHOP] = workshop_id
    await manager.switch_to(MaterialArchiveSG.months)


async def month_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, item: str
) -> None:
    year, _, month = item.partition("-")
    if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        raise NotFound
    manager.dialog_data.update({YEAR: int(year), MONTH: int(month)})
    await manager.switch_to(MaterialArchiveSG.month)


async def material_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, material_id: int
) -> None:
    materials = need(manager, "materials", MaterialService)
    item = await materials.open(need(manager, "actor", Actor), material_id)
    # The archive stays as it is; the material comes below it.
    manager.show_mode = ShowMode.NO_UPDATE
    try:
        await send_material(
            need(manager, "bot", Bot), callback.from_user.id, i18n_of(manager), item
        )
    except TelegramAPIError as exc:
        log.warning("material %s not sent: %s", item.material.id, exc)
        answer = need(manager, "callback_answer", CallbackAnswer)
        answer.text = i18n_of(manager).get("materials-open-failed")
        answer.show_alert = True


async def words_typed(
    message: Message, widget: ManagedTextInput[str], manager: DialogManager, words: str
) -> None:
    manager.dialog_data[WORDS] = words
    await manager.switch_to(MaterialArchiveSG.found)


def _search() -> TextInput[str]:
    return TextInput(id="words", type_factory=normalize_search, on_success=words_typed)


def _materials_list() -> Column:
    return Column(
        Select(
            Format("{item[1]}"),
            id="materials",
            item_id_getter=operator.itemgetter(0),
            items="materials",
            type_factory=int,
            on_click=material_chosen,
        )
    )


dialog = Dialog(
    Window(
        I18nFormat("materials-archive", when="listed"),
        I18nFormat("materials-archive-empty", when="empty"),
        ScrollingGroup(
            Select(
                Format("{item[1]}"),
                id="workshop",
                item_id_getter=operator.itemgetter(0),
                items="workshops",
                type_factory=int,
                on_click=workshop_chosen,
            ),
            id="workshops",
            width=1,
            height=ROWS,
            hide_on_single_page=True,
        ),
        _search(),
        text_only(),
        cancel(),
        getter=workshops_getter,
        state=MaterialArchiveSG.workshops,
    ),
    Window(
        I18nFormat("materials-months"),
        Column(
            Select(
                Format("{item[1]}"),
                id="month",
                item_id_getter=operator.itemgetter(0),
                items="months",
                on_click=month_chosen,
            )
        ),
        back(),
        buttons_only(),
        getter=months_getter,
        state=MaterialArchiveSG.months,
    ),
    Window(
        Format("{listing}", when="listed"),
        I18nFormat("materials-month-empty", when="empty"),
        _materials_list(),
        back(),
        buttons_only(),
        getter=month_getter,
        state=MaterialArchiveSG.month,
    ),
    Window(
        Format("{listing}", when="listed"),
        I18nFormat("materials-search-empty", when="empty"),
        _materials_list(),
        _search(),
        text_only(),
        SwitchTo(I18nFormat("button-back"), id="to_archive", state=MaterialArchiveSG.workshops),
        getter=found_getter,
        state=MaterialArchiveSG.found,
    ),
)
