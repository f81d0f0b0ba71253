"""/broadcast: the message to copy, who gets it, and a confirmation with the exact count.

The message itself is never stored: the confirmation shows a copy of it (what recipients will
see), and the outbox copies it from the coordinator's chat. The coordinator's right to write to
everyone is BroadcastService's rule, asked when the form opens and again when Send is tapped.
"""

from __future__ import annotations

import operator
from typing import Any

from aiogram import Bot, F
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode, Window
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Group, ScrollingGroup, Select
from aiogram_dialog.widgets.text import Format
from aiogram_i18n import I18nContext

from bot.broadcast_progress import BroadcastProgress
from bot.dialogs.broadcast.states import BroadcastSG
from bot.dialogs.deps import need
from bot.dialogs.states_data import optional_int
from bot.dialogs.widgets import I18nFormat, buttons_only, cancel, close_with, i18n_of, zone_of
from bot.services.broadcasts import (
    AUDIENCE_KINDS,
    PARTICIPANT_GROUPS,
    Audience,
    BroadcastService,
    check_content,
)
from bot.services.directory import DirectoryService
from bot.services.errors import NotFound
from bot.services.permissions import Actor
from bot.services.sessions import SessionService
from bot.services.workshops import WorkshopService
from bot.views.broadcasts import broadcast_stop
from bot.views.sessions import label as session_label
from bot.views.text import echo, local_name, short, subject_name
from storage.models import Role

ROWS = 8
PLACES = ("region", "district", "school")
PARTICIPANTS = ("session", "workshop")
# Where each kind of audience is chosen: the confirmation's Back returns there.
LAST_PICKER: dict[str, State] = {
    "all": BroadcastSG.audience,
    "region": BroadcastSG.region,
    "district": BroadcastSG.district,
    "school": BroadcastSG.school,
    "role": BroadcastSG.role,
    "subject": BroadcastSG.subject,
    "session": BroadcastSG.group,
    "workshop": BroadcastSG.group,
}
PREVIOUS: dict[State, State] = {
    BroadcastSG.audience: BroadcastSG.content,
    BroadcastSG.region: BroadcastSG.audience,
    BroadcastSG.district: BroadcastSG.region,
    BroadcastSG.school: BroadcastSG.district,
    BroadcastSG.role: BroadcastSG.audience,
    BroadcastSG.subject: BroadcastSG.audience,
    BroadcastSG.event: BroadcastSG.audience,
    BroadcastSG.group: BroadcastSG.event,
}


# What the form gathered so far (dialog_data comes back from JSON storage).


def _kind(manager: DialogManager) -> str:
    kind = manager.dialog_data.get("kind")
    if kind not in AUDIENCE_KINDS:
        raise NotFound
    return str(kind)


def _stored_id(manager: DialogManager, key: str) -> int:
    value = optional_int(manager.dialog_data.get(key))
    if value is None:
        raise NotFound
    return value


def _audience(manager: DialogManager) -> Audience:
    value = manager.dialog_data.get("value")
    return Audience(_kind(manager), str(value) if value is not None else None)


async def describe(manager: DialogManager, audience: Audience) -> str:
    """The audience's name in the coordinator's language; NotFound when it no longer exists."""
    i18n = i18n_of(manager)
    directory = need(manager, "directory", DirectoryService)
    kind, key = audience.kind, audience.target_id
    if kind == "all":
        return i18n.get("audience-all")
    if kind == "role":
        return i18n.get(f"role-{audience.value}")
    if kind == "subject":
        subject = next((s for s in await directory.subjects() if s.id == key), None)
        if subject is None:
            raise NotFound
        return subject_name(subject, i18n.locale)
    if kind in PLACES:
        lookup = {
            "region": directory.region,
            "district": directory.district,
            "school": directory.school,
        }[kind]
        place = await lookup(key)
        if place is None:
            raise NotFound
        return local_name(place, i18n.locale)
    if kind == "session":
        event = await need(manager, "sessions", SessionService).get(key)
        if event is None:
            raise NotFound
        name = session_label(i18n, event, zone_of(manager))
    else:
        workshop = await need(manager, "workshops", WorkshopService).get(key)
        if workshop is None:
            raise NotFound
        name = workshop.title
    return f"{name} — {i18n.get(f'audience-group-{audience.group}')}"


# Getters.


def _items(objects: list[Any], label: Any) -> list[tuple[int, str]]:
    return [(item.id, short(label(item))) for item in objects]


async def kinds_getter(i18n: I18nContext, **_: Any) -> dict[str, Any]:
    return {"kinds": [(kind, i18n.get(f"audience-{kind}")) for kind in AUDIENCE_KINDS]}


async def regions_getter(
    i18n: I18nContext, directory: DirectoryService, **_: Any
) -> dict[str, Any]:
    regions = await directory.regions()
    return {"regions": _items(regions, lambda r: local_name(r, i18n.locale))}


async def districts_getter(
    dialog_manager: DialogManager, i18n: I18nContext, directory: DirectoryService, **_: Any
) -> dict[str, Any]:
    region = await directory.region(_stored_id(dialog_manager, "region_id"))
    if region is None:
        raise NotFound
    districts = await directory.districts(region.id)
    return {
        "place": local_name(region, i18n.locale),
        "districts": _items(districts, lambda d: local_name(d, i18n.locale)),
    }


async def schools_getter(
    dialog_manager: DialogManager, i18n: I18nContext, directory: DirectoryService, **_: Any
) -> dict[str, Any]:
    district = await directory.district(_stored_id(dialog_manager, "district_id"))
    if district is None:
        raise NotFound
    schools = await directory.schools(district.id)
    return {
        "place": local_name(district, i18n.locale),
        "schools": _items(schools, lambda s: local_name(s, i18n.locale)),
    }


async def roles_getter(i18n: I18nContext, **_: Any) -> dict[str, Any]:
    return {"roles": [(role.value, i18n.get(f"role-{role.value}")) for role in Role]}


async def subjects_getter(
    i18n: I18nContext, directory: DirectoryService, **_: Any
) -> dict[str, Any]:
    subjects = await directory.subjects()
    return {"subjects": _items(subjects, lambda s: subject_name(s, i18n.locale))}


async def events_getter(
    dialog_manager: DialogManager,
    i18n: I18nContext,
    sessions: SessionService,
    workshops: WorkshopService,
    **_: Any,
) -> dict[str, Any]:
    kind = _kind(dialog_manager)
    if kind == "session":
        zone = zone_of(dialog_manager)
        events = _items(
            await sessions.recent_and_upcoming(), lambda e: session_label(i18n, e, zone)
        )
    else:
        events = _items(await workshops.approved(), lambda w: w.title)
    return {
        "events": events,
        "sessions": kind == "session" and bool(events),
        "workshops": kind == "workshop" and bool(events),
        "no_sessions": kind == "session" and not events,
        "no_workshops": kind == "workshop" and not events,
    }


async def groups_getter(i18n: I18nContext, **_: Any) -> dict[str, Any]:
    return {
        "groups": [(group, i18n.get(f"audience-group-{group}")) for group in PARTICIPANT_GROUPS]
    }


async def confirm_getter(
    dialog_manager: DialogManager, broadcasts: BroadcastService, **_: Any
) -> dict[str, Any]:
    audience = _audience(dialog_manager)
    return {
        "audience": echo(await describe(dialog_manager, audience)),
        "count": await broadcasts.audience_size(audience),
    }


# Steps.


async def content_received(message: Message, widget: MessageInput, manager: DialogManager) -> None:
    check_content(message.content_type)
    manager.dialog_data.update(
        from_chat_id=message.chat.id,
        message_id=message.message_id,
        album=message.media_group_id,
    )
    await manager.switch_to(BroadcastSG.audience)


async def rest_of_album(message: Message, widget: MessageInput, manager: DialogManager) -> None:
    # The other photos of an album arrive one by one after the first was taken as the message;
    # only that one is copied, and the rest need no answer.
    if message.media_group_id == manager.dialog_data.get("album"):
        manager.show_mode = ShowMode.NO_UPDATE
        return
    await message.answer(i18n_of(manager).get("error-expected-button"))


async def to_confirm(callback: CallbackQuery, manager: DialogManager, audience: Audience) -> None:
    """The preview (a copy of the message, as recipients will see it), then the question below.

    The picker's message goes away rather than being edited into the preview's heading: the
    dialog would then strip a keyboard that is no longer there, which Telegram refuses.
    """
    await describe(manager, audience)
    manager.dialog_data["value"] = audience.value
    bot = need(manager, "bot", Bot)
    await bot.send_message(callback.from_user.id, i18n_of(manager).get("broadcast-preview-below"))
    await bot.copy_message(
        chat_id=callback.from_user.id,
        from_chat_id=_stored_id(manager, "from_chat_id"),
        message_id=_stored_id(manager, "message_id"),
    )
    await manager.switch_to(BroadcastSG.confirm, show_mode=ShowMode.DELETE_AND_SEND)


async def kind_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, kind: str
) -> None:
    if kind not in AUDIENCE_KINDS:
        raise NotFound
    manager.dialog_data.update(kind=kind, value=None)
    if kind == "all":
        await to_confirm(callback, manager, Audience("all"))
    elif kind in PLACES:
        await manager.switch_to(BroadcastSG.region)
    elif kind in PARTICIPANTS:
        await manager.switch_to(BroadcastSG.event)
    else:
        await manager.switch_to(BroadcastSG.role if kind == "role" else BroadcastSG.subject)


async def region_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, region_id: int
) -> None:
    if _kind(manager) == "region":
        await to_confirm(callback, manager, Audience("region", str(region_id)))
        return
    manager.dialog_data["region_id"] = region_id
    await manager.switch_to(BroadcastSG.district)


async def district_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, district_id: int
) -> None:
    if _kind(manager) == "district":
        await to_confirm(callback, manager, Audience("district", str(district_id)))
        return
    manager.dialog_data["district_id"] = district_id
    await manager.switch_to(BroadcastSG.school)


async def school_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, school_id: int
) -> None:
    await to_confirm(callback, manager, Audience("school", str(school_id)))


async def role_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, role: str
) -> None:
    await to_confirm(callback, manager, Audience("role", role))


async def subject_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, subject_id: int
) -> None:
    await to_confirm(callback, manager, Audience("subject", str(subject_id)))


async def event_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, target_id: int
) -> None:
    manager.dialog_data["target_id"] = target_id
    await manager.switch_to(BroadcastSG.group)


async def group_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, group: str
) -> None:
    target_id = _stored_id(manager, "target_id")
    await to_confirm(callback, manager, Audience.participants(_kind(manager), target_id, group))


async def go_back(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    state = manager.current_context().state
    if state == BroadcastSG.confirm:
        await manager.switch_to(LAST_PICKER[_kind(manager)])
    else:
        await manager.switch_to(PREVIOUS[state])


async def send(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    broadcasts = need(manager, "broadcasts", BroadcastService)
    audience = _audience(manager)
    broadcast = await broadcasts.start(
        need(manager, "actor", Actor),
        audience,
        await describe(manager, audience),
        from_chat_id=_stored_id(manager, "from_chat_id"),
        message_id=_stored_id(manager, "message_id"),
    )
    i18n = i18n_of(manager)
    text = i18n.get("broadcast-started", id=str(broadcast.id), count=broadcast.recipients)
    markup = broadcast_stop(i18n, broadcast.id)
    # The confirmation becomes the progress message, edited as the outbox drains.
    shown = await close_with(callback, manager, text, markup)
    await broadcasts.attach_progress(broadcast.id, shown.chat.id, shown.message_id)
    need(manager, "broadcast_progress", BroadcastProgress).track(broadcast.id)


# Widgets.


def back() -> Button:
    """Back to the step before, which depends on the kind of audience chosen."""
    return Button(I18nFormat("button-back"), id="back", on_click=go_back)


def picker(
    id_: str, items: str, on_click: Any, *, width: int = 1, type_factory: Any = int
) -> ScrollingGroup:
    return ScrollingGroup(
        Select(
            Format("{item[1]}"),
            id=f"{id_}_pick",
            item_id_getter=operator.itemgetter(0),
            items=items,
            type_factory=type_factory,
            on_click=on_click,
        ),
        id=id_,
        width=width,
        height=ROWS,
        hide_on_single_page=True,
    )


def picker_window(state: State, *texts: I18nFormat, keyboard: Any, getter: Any) -> Window:
    return Window(*texts, keyboard, back(), cancel(), buttons_only(), getter=getter, state=state)


dialog = Dialog(
    Window(
        I18nFormat("broadcast-compose"),
        MessageInput(content_received),
        cancel(),
        state=BroadcastSG.content,
    ),
    Window(
        I18nFormat("broadcast-audience"),
        Group(
            Select(
                Format("{item[1]}"),
                id="kind",
                item_id_getter=operator.itemgetter(0),
                items="kinds",
                on_click=kind_chosen,
            ),
            width=2,
        ),
        back(),
        cancel(),
        MessageInput(rest_of_album, filter=F.media_group_id),
        buttons_only(),
        getter=kinds_getter,
        state=BroadcastSG.audience,
    ),
    picker_window(
        BroadcastSG.region,
        I18nFormat("broadcast-pick-region"),
        keyboard=picker("regions", "regions", region_chosen),
        getter=regions_getter,
    ),
    picker_window(
        BroadcastSG.district,
        I18nFormat("broadcast-pick-district"),
        keyboard=picker("districts", "districts", district_chosen, width=2),
        getter=districts_getter,
    ),
    picker_window(
        BroadcastSG.school,
        I18nFormat("broadcast-pick-school"),
        keyboard=picker("schools", "schools", school_chosen),
        getter=schools_getter,
    ),
    picker_window(
        BroadcastSG.role,
        I18nFormat("broadcast-pick-role"),
        keyboard=picker("roles", "roles", role_chosen, width=2, type_factory=str),
        getter=roles_getter,
    ),
    picker_window(
        BroadcastSG.subject,
        I18nFormat("broadcast-pick-subject"),
        keyboard=picker("subjects", "subjects", subject_chosen, width=2),
        getter=subjects_getter,
    ),
    picker_window(
        BroadcastSG.event,
        I18nFormat("broadcast-pick-session", when="sessions"),
        I18nFormat("broadcast-pick-workshop", when="workshops"),
        I18nFormat("broadcast-no-sessions", when="no_sessions"),
        I18nFormat("broadcast-no-workshops", when="no_workshops"),
        keyboard=picker("events", "events", event_chosen),
        getter=events_getter,
    ),
    picker_window(
        BroadcastSG.group,
        I18nFormat("broadcast-pick-group"),
        keyboard=picker("groups", "groups", group_chosen, type_factory=str),
        getter=groups_getter,
    ),
    Window(
        I18nFormat("broadcast-confirm"),
        Button(I18nFormat("broadcast-send"), id="send", on_click=send),
        back(),
        cancel(label="broadcast-discard", said="broadcast-discarded", id="discard"),
        buttons_only(),
        getter=confirm_getter,
        state=BroadcastSG.confirm,
    ),
)
