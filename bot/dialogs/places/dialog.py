"""The school picker: the directory's regions, districts and schools, word search within the
district, and a way out for a school the directory does not have yet."""

from __future__ import annotations

import operator
from typing import Any

from aiogram.enums import ContentType
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput, MessageInput, TextInput
from aiogram_dialog.widgets.kbd import Button, ScrollingGroup, Select, SwitchTo
from aiogram_dialog.widgets.text import Format
from aiogram_i18n import I18nContext

from bot.dialogs.deps import need
from bot.dialogs.places.states import SchoolPickerSG
from bot.dialogs.widgets import I18nFormat, back, back_to_caller, buttons_only, text_only
from bot.services.directory import DirectoryService
from bot.services.errors import NotFound
from bot.services.users import normalize_school_name
from bot.views.text import echo, local_name, short

SEARCH_WORDS_MAX = 100
ROWS = 8


def _items(places: list[Any], language: str) -> list[tuple[int, str]]:
    return [(place.id, short(local_name(place, language))) for place in places]


async def regions_getter(
    dialog_manager: DialogManager, i18n: I18nContext, directory: DirectoryService, **_: Any
) -> dict[str, Any]:
    regions = _items(await directory.regions(), i18n.locale)
    return {"regions": regions, "empty": not regions}


async def districts_getter(
    dialog_manager: DialogManager, i18n: I18nContext, directory: DirectoryService, **_: Any
) -> dict[str, Any]:
    region = await directory.region(int(dialog_manager.dialog_data["region_id"]))
    if region is None:
        raise NotFound
    return {
        "region": local_name(region, i18n.locale),
        "districts": _items(await directory.districts(region.id), i18n.locale),
    }


async def schools_getter(
    dialog_manager: DialogManager, i18n: I18nContext, directory: DirectoryService, **_: Any
) -> dict[str, Any]:
    district = await directory.district(int(dialog_manager.dialog_data["district_id"]))
    if district is None:
        raise NotFound
    words = dialog_manager.dialog_data.get("search")
    if words:
        found = await directory.search_schools(district.id, words)
        schools = _items(found, i18n.locale)
    else:
        schools = _items(await directory.schools(district.id), i18n.locale)
    scroll = dialog_manager.find("schools")
    page = await scroll.get_page() if scroll is not None else 0
    return {
        "district": local_name(district, i18n.locale),
        "schools": schools,
        "page": page + 1,
        "pages": max(1, -(-len(schools) // ROWS)),
        "count": len(schools),
        "query": echo(words or "", 60),
        "searching": bool(words),
        "browsing": not words,
        "found": bool(words) and bool(schools),
        "not_found": bool(words) and not schools,
    }


async def region_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, region_id: int
) -> None:
    manager.dialog_data.update(region_id=region_id, district_id=None, search=None)
    await manager.switch_to(SchoolPickerSG.district)


async def district_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, district_id: int
) -> None:
    directory = need(manager, "directory", DirectoryService)
    district = await directory.district(district_id)
    if district is None or district.region_id != manager.dialog_data.get("region_id"):
        raise NotFound
    manager.dialog_data.update(district_id=district_id, search=None)
    await manager.switch_to(SchoolPickerSG.school)


async def school_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, school_id: int
) -> None:
    directory = need(manager, "directory", DirectoryService)
    school = await directory.school(school_id)
    district_id = manager.dialog_data.get("district_id")
    if school is None or school.district_id != district_id:
        raise NotFound
    await manager.done(
        {"district_id": district_id, "school_id": school.id, "requested_school": None}
    )


async def search_typed(message: Message, widget: MessageInput, manager: DialogManager) -> None:
    manager.dialog_data["search"] = (message.text or "")[:SEARCH_WORDS_MAX] or None
    scroll = manager.find("schools")
    if scroll is not None:
        await scroll.set_page(0)


async def show_all(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data["search"] = None


async def school_named(
    message: Message, widget: ManagedTextInput[str], manager: DialogManager, name: str
) -> None:
    await manager.done(
        {
            "district_id": manager.dialog_data["district_id"],
            "school_id": None,
            "requested_school": name,
        }
    )


def _place_list(id_: str, items: str, on_click: Any, width: int) -> ScrollingGroup:
    return ScrollingGroup(
        Select(
            Format("{item[1]}"),
            id=f"{id_}_select",
            item_id_getter=operator.itemgetter(0),
            items=items,
            type_factory=int,
            on_click=on_click,
        ),
        id=id_,
        width=width,
        height=ROWS,
        hide_on_single_page=True,
    )


dialog = Dialog(
    Window(
        I18nFormat("ask-region", when="regions"),
        I18nFormat("directory-empty", when="empty"),
        _place_list("regions", "regions", region_chosen, width=1),
        buttons_only(),
        back_to_caller(),
        getter=regions_getter,
        state=SchoolPickerSG.region,
    ),
    Window(
        I18nFormat("ask-district"),
        _place_list("districts", "districts", district_chosen, width=2),
        buttons_only(),
        back(),
        getter=districts_getter,
        state=SchoolPickerSG.district,
    ),
    Window(
        I18nFormat("ask-school", when="browsing"),
        I18nFormat("school-search-results", when="found"),
        I18nFormat("school-search-empty", when="not_found"),
        _place_list("schools", "schools", school_chosen, width=1),
        MessageInput(search_typed, content_types=ContentType.TEXT),
        text_only(),
        Button(
            I18nFormat("button-all-schools"),
            id="all_schools",
            on_click=show_all,
            when="searching",
        ),
        SwitchTo(
            I18nFormat("button-school-missing"), id="missing", state=SchoolPickerSG.school_name
        ),
        SwitchTo(I18nFormat("button-back"), id="to_districts", state=SchoolPickerSG.district),
        getter=schools_getter,
        state=SchoolPickerSG.school,
    ),
    Window(
        I18nFormat("ask-school-name"),
        TextInput(id="school_name", type_factory=normalize_school_name, on_success=school_named),
        text_only(),
        back(),
        state=SchoolPickerSG.school_name,
    ),
)
