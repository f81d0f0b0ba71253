"""A session of an approved workshop: day → time → duration → place → capacity → topic.

Every answer is checked by the sessions service's own rules as it is given (a typed time
already past, capacity bounds, a place that is neither a link nor an address), and `schedule`
checks them all again with the one-session-a-month rule and the leader's right at the end.
"""

from __future__ import annotations

import operator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput, TextInput
from aiogram_dialog.widgets.kbd import Button, Group, Row, Select
from aiogram_dialog.widgets.text import Format
from aiogram_i18n import I18nContext

from bot.dialogs.deps import need
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
from bot.dialogs.workshops.common import FormLost, required
from bot.dialogs.workshops.states import ScheduleSG
from bot.dialogs.workshops.when import chosen_start, when_windows
from bot.i18n import format_datetime
from bot.services.errors import InThePast, NotFound, OneSessionAMonth
from bot.services.permissions import Actor
from bot.services.sessions import (
    CAPACITY_CHOICES,
    DURATION_CHOICES,
    SessionDraft,
    SessionService,
    Venue,
    check_capacity,
    check_duration,
    normalize_topic,
    parse_capacity,
    parse_venue,
)
from bot.services.workshops import WorkshopService
from bot.views.sessions import session_open
from bot.views.text import echo

TITLE_SHOWN = 100


async def workshop_getter(
    dialog_manager: DialogManager, workshops: WorkshopService, **_: Any
) -> dict[str, Any]:
    workshop = await workshops.get(required(dialog_manager, "workshop_id"))
    if workshop is None:
        raise NotFound
    return {"title": echo(workshop.title, TITLE_SHOWN)}


async def durations_getter(
    dialog_manager: DialogManager, i18n: I18nContext, zone: ZoneInfo, **_: Any
) -> dict[str, Any]:
    return {
        "when": format_datetime(i18n, chosen_start(dialog_manager), zone),
        "durations": [(m, i18n.get("schedule-minutes", minutes=m)) for m in DURATION_CHOICES],
    }


async def capacities_getter(**_: Any) -> dict[str, Any]:
    return {"capacities": [(seats, str(seats)) for seats in CAPACITY_CHOICES]}


async def moment_chosen(
    event: CallbackQuery | Message, manager: DialogManager, starts_at: datetime
) -> None:
    await manager.switch_to(ScheduleSG.duration)


async def duration_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, minutes: int
) -> None:
    manager.dialog_data["duration"] = check_duration(minutes)
    await manager.switch_to(ScheduleSG.place)


async def place_typed(
    message: Message, widget: ManagedTextInput[Venue], manager: DialogManager, venue: Venue
) -> None:
    manager.dialog_data.update(link=venue.link, place=venue.place)
    await manager.switch_to(ScheduleSG.capacity)


async def _capacity(manager: DialogManager, seats: int | None) -> None:
    manager.dialog_data["capacity"] = check_capacity(seats)
    await manager.switch_to(ScheduleSG.topic)


async def capacity_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, seats: int
) -> None:
    await _capacity(manager, seats)


async def unlimited(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    await _capacity(manager, None)


async def capacity_typed(
    message: Message, widget: ManagedTextInput[int], manager: DialogManager, seats: int
) -> None:
    await _capacity(manager, seats)


def _draft(manager: DialogManager, topic: str) -> SessionDraft:
    data = manager.dialog_data
    duration = optional_int(data.get("duration"))
    if duration is None or "capacity" not in data:
        raise FormLost
    return SessionDraft(
        workshop_id=required(manager, "workshop_id"),
        starts_at=chosen_start(manager),
        duration_minutes=duration,
        topic=topic,
        link=data.get("link"),
        place=data.get("place"),
        capacity=optional_int(data.get("capacity")),
    )


async def topic_typed(
    message: Message, widget: ManagedTextInput[str], manager: DialogManager, topic: str
) -> None:
    sessions = need(manager, "sessions", SessionService)
    try:
        event = await sessions.schedule(need(manager, "actor", Actor), _draft(manager, topic))
    except (InThePast, OneSessionAMonth):
        # The day no longer fits: another session was scheduled meanwhile, or the time went by
        # while the form was filled in. The calendar comes again, the refusal under it.
        await manager.switch_to(ScheduleSG.day)
        await manager.show()
        raise
    me = await need(manager, "bot", Bot).me()
    i18n = i18n_of(manager)
    link = f"https://t.me/{me.username}?start=s{event.id}"
    await close_with(
        message,
        manager,
        i18n.get("schedule-done", topic=echo(event.topic), link=link),
        session_open(i18n, event.id),
    )


def _nav() -> Row:
    return Row(back(), cancel())


dialog = Dialog(
    *when_windows(
        ScheduleSG.day,
        ScheduleSG.time,
        question=I18nFormat("schedule-day"),
        getter=workshop_getter,
        on_chosen=moment_chosen,
    ),
    Window(
        I18nFormat("schedule-duration"),
        Group(
            Select(
                Format("{item[1]}"),
                id="duration",
                item_id_getter=operator.itemgetter(0),
                items="durations",
                type_factory=int,
                on_click=duration_chosen,
            ),
            width=4,
        ),
        buttons_only(),
        _nav(),
        getter=durations_getter,
        state=ScheduleSG.duration,
    ),
    Window(
        I18nFormat("schedule-place"),
        TextInput(id="place", type_factory=parse_venue, on_success=place_typed),
        text_only(),
        _nav(),
        state=ScheduleSG.place,
    ),
    Window(
        I18nFormat("schedule-capacity"),
        Group(
            Select(
                Format("{item[1]}"),
                id="capacity",
                item_id_getter=operator.itemgetter(0),
                items="capacities",
                type_factory=int,
                on_click=capacity_chosen,
            ),
            width=5,
        ),
        Button(I18nFormat("schedule-unlimited"), id="unlimited", on_click=unlimited),
        TextInput(id="typed_capacity", type_factory=parse_capacity, on_success=capacity_typed),
        text_only(),
        _nav(),
        getter=capacities_getter,
        state=ScheduleSG.capacity,
    ),
    Window(
        I18nFormat("schedule-topic"),
        TextInput(id="topic", type_factory=normalize_topic, on_success=topic_typed),
        text_only(),
        _nav(),
        state=ScheduleSG.topic,
    ),
)
