"""The day and the time of a session: the calendar, then the time as a button or typed.

Scheduling and moving share these two windows, built for either StatesGroup by `when_windows`,
rather than a date-time subdialog: in both forms the day is the first step and the time leads
straight on to what the form does with the moment (the next question, or the move itself). A
subdialog would need an empty window in each caller to come back to and a JSON round trip for
its result; the windows need only `on_chosen`. Which workshop or session the moment is for is
in the form's start data ("workshop_id" or "session_id"), and every picked day is checked
against the same rules the service applies at the end (in the past, one session a month).
"""

from __future__ import annotations

import operator
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import ChatEvent, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput, TextInput
from aiogram_dialog.widgets.kbd import Group, ManagedCalendar, Row, Select
from aiogram_dialog.widgets.text import Format, Text
from aiogram_i18n import I18nContext

from bot.clock import Clock
from bot.dialogs.deps import need
from bot.dialogs.widgets import (
    I18nFormat,
    LocalCalendar,
    back,
    buttons_only,
    cancel,
    text_only,
    zone_of,
)
from bot.dialogs.workshops.common import FormLost, started_for
from bot.services.permissions import Actor
from bot.services.sessions import InvalidTime, SessionService, parse_time_of_day

# Offered as buttons: every half hour from 08:00 to 20:00 (minutes since midnight).
SLOTS = range(8 * 60, 20 * 60 + 1, 30)
MINUTES_A_DAY = 24 * 60
CALENDAR = "calendar"
DAY = "day"
STARTS_AT = "starts_at"

OnMoment = Callable[[CallbackQuery | Message, DialogManager, datetime], Awaitable[None]]
Getter = Callable[..., Awaitable[dict[str, Any]]]


def chosen_day(manager: DialogManager) -> date:
    try:
        return date.fromisoformat(str(manager.dialog_data[DAY]))
    except (KeyError, ValueError) as exc:
        raise FormLost from exc


def chosen_start(manager: DialogManager) -> datetime:
    """The moment picked, in UTC."""
    try:
        return datetime.fromisoformat(str(manager.dialog_data[STARTS_AT]))
    except (KeyError, ValueError) as exc:
        raise FormLost from exc


async def times_getter(
    dialog_manager: DialogManager, i18n: I18nContext, clock: Clock, zone: ZoneInfo, **_: Any
) -> dict[str, Any]:
    day = chosen_day(dialog_manager)
    now = clock.now().astimezone(zone)
    # Today, only the times still ahead are offered; a typed one is checked by the service.
    after = now.hour * 60 + now.minute if day == now.date() else -1
    times = [(m, f"{m // 60:02d}:{m % 60:02d}") for m in SLOTS if m > after]
    return {"day": day.day, "month": i18n.get(f"month-{day.month}"), "times": times}


def _at(manager: DialogManager, at: time) -> datetime:
    """The local day and time, in the configured zone, as the UTC moment the services take."""
    local = datetime.combine(chosen_day(manager), at, tzinfo=zone_of(manager))
    starts_at = local.astimezone(UTC)
    need(manager, "sessions", SessionService).check_start(starts_at)
    manager.dialog_data[STARTS_AT] = starts_at.isoformat()
    return starts_at


def when_windows(
    day_state: State,
    time_state: State,
    *,
    question: Text,
    getter: Getter,
    on_chosen: OnMoment,
) -> tuple[Window, Window]:
    """The calendar window (the form's first) and the time window after it."""

    async def day_chosen(
        event: ChatEvent, widget: ManagedCalendar, manager: DialogManager, day: date, /
    ) -> None:
        # The calendar offers no past day, but a crafted button could: the service decides.
        await need(manager, "sessions", SessionService).check_day(
            need(manager, "actor", Actor),
            day,
            workshop_id=started_for(manager, "workshop_id"),
            session_id=started_for(manager, "session_id"),
        )
        manager.dialog_data[DAY] = day.isoformat()
        await manager.switch_to(time_state)

    async def slot_tapped(
        callback: CallbackQuery, widget: Any, manager: DialogManager, minutes: int
    ) -> None:
        if not 0 <= minutes < MINUTES_A_DAY:
            raise InvalidTime
        at = time(minutes // 60, minutes % 60)
        await on_chosen(callback, manager, _at(manager, at))

    async def time_typed(
        message: Message, widget: ManagedTextInput[time], manager: DialogManager, at: time
    ) -> None:
        await on_chosen(message, manager, _at(manager, at))

    return (
        Window(
            question,
            LocalCalendar(id=CALENDAR, on_click=day_chosen),
            buttons_only(),
            cancel(),
            getter=getter,
            state=day_state,
        ),
        Window(
            I18nFormat("schedule-time"),
            Group(
                Select(
                    Format("{item[1]}"),
                    id="time",
                    item_id_getter=operator.itemgetter(0),
                    items="times",
                    type_factory=int,
                    on_click=slot_tapped,
                ),
                width=5,
            ),
            TextInput(id="typed_time", type_factory=parse_time_of_day, on_success=time_typed),
            text_only(),
            Row(back(), cancel()),
            getter=times_getter,
            state=time_state,
        ),
    )
