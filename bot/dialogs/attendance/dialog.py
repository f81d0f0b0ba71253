"""The roll call: everyone holding a registered seat, ticked present in one scrolling list.

Each tick is stored at once through AttendanceService (which re-checks that the actor leads
the session's workshop or coordinates), rather than on a final "Save": participants check in
with the code while the leader is ticking, the leader may be called away mid-list, and a list
saved at the end would overwrite the check-ins made meanwhile. The ticks shown are read back
from the database on every redraw for the same reason.
"""

from __future__ import annotations

import operator
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import (
    Button,
    ManagedMultiselect,
    Multiselect,
    ScrollingGroup,
    SwitchTo,
)
from aiogram_dialog.widgets.text import Format
from aiogram_i18n import I18nContext

from bot.dialogs.attendance.states import AttendanceSG
from bot.dialogs.deps import need
from bot.dialogs.states_data import optional_int
from bot.dialogs.widgets import I18nFormat, buttons_only, close_with, i18n_of, zone_of
from bot.i18n import format_datetime
from bot.services.attendance import (
    CHECKIN_CLOSES_AFTER,
    CHECKIN_OPENS_BEFORE,
    AttendanceService,
    RollCall,
)
from bot.services.errors import NotFound
from bot.services.permissions import Actor
from bot.views.text import echo, short

PRESENT = "present"
ROWS = 10


def _session_id(manager: DialogManager) -> int:
    start = manager.start_data if isinstance(manager.start_data, dict) else {}
    session_id = optional_int(start.get("session_id"))
    if session_id is None:
        raise NotFound
    return session_id


def _minutes(delta: timedelta) -> str:
    return str(int(delta.total_seconds() // 60))


async def _show_stored_marks(manager: DialogManager, roll: RollCall) -> None:
    ticks: ManagedMultiselect[int] = manager.find(PRESENT)  # type: ignore[assignment]
    present = {person.user_id for person in roll.items if person.attended}
    for user_id in set(ticks.get_checked()) - present:
        await ticks.set_checked(user_id, False)
    for user_id in present:
        await ticks.set_checked(user_id, True)


def _figures(i18n: I18nContext, roll: RollCall, zone: ZoneInfo) -> dict[str, Any]:
    event = roll.session
    return {
        "topic": echo(event.topic),
        "when": format_datetime(i18n, event.starts_at, zone),
        "present": roll.present,
        "total": roll.total,
        "code": event.checkin_code or "",
    }


async def roll_call_getter(
    dialog_manager: DialogManager,
    i18n: I18nContext,
    actor: Actor,
    attendance: AttendanceService,
    zone: ZoneInfo,
    **_: Any,
) -> dict[str, Any]:
    roll = await attendance.roll_call(actor, _session_id(dialog_manager))
    await _show_stored_marks(dialog_manager, roll)
    people = [
        (p.user_id, short(p.full_name or i18n.get("person-unnamed", id=str(p.user_id))))
        for p in roll.items
    ]
    return {
        **_figures(i18n, roll, zone),
        "people": people,
        "listed": bool(people),
        "empty": not people,
        "code_open": roll.checkin_open,
        "can_open": roll.checkin_possible and not roll.checkin_open,
    }


async def checkin_getter(
    dialog_manager: DialogManager,
    i18n: I18nContext,
    actor: Actor,
    attendance: AttendanceService,
    zone: ZoneInfo,
    **_: Any,
) -> dict[str, Any]:
    roll = await attendance.roll_call(actor, _session_id(dialog_manager))
    return {
        **_figures(i18n, roll, zone),
        "before": _minutes(CHECKIN_OPENS_BEFORE),
        "after": _minutes(CHECKIN_CLOSES_AFTER),
        "code_open": roll.checkin_open,
        "code_closed": not roll.checkin_open,
    }


async def tick(
    callback: CallbackQuery, widget: ManagedMultiselect[int], manager: DialogManager, user_id: int
) -> None:
    # Before the tick changes: a refusal (not the leader any more, the seat given up) leaves
    # the box as it was.
    present = not widget.is_checked(user_id)
    attendance = need(manager, "attendance", AttendanceService)
    await attendance.mark(need(manager, "actor", Actor), _session_id(manager), user_id, present)
    answer = need(manager, "callback_answer", CallbackAnswer)
    answer.text = i18n_of(manager).get("attendance-marked" if present else "attendance-unmarked")


async def open_code(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    attendance = need(manager, "attendance", AttendanceService)
    await attendance.open_checkin(need(manager, "actor", Actor), _session_id(manager))
    await manager.switch_to(AttendanceSG.checkin)


async def close_code(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    attendance = need(manager, "attendance", AttendanceService)
    await attendance.close_checkin(need(manager, "actor", Actor), _session_id(manager))
    answer = need(manager, "callback_answer", CallbackAnswer)
    answer.text = i18n_of(manager).get("attendance-checkin-closed")
    answer.show_alert = True
    await manager.switch_to(AttendanceSG.roll_call)


async def finish(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    """Every tick is stored already: the list becomes a line saying where it stands."""
    attendance = need(manager, "attendance", AttendanceService)
    roll = await attendance.roll_call(need(manager, "actor", Actor), _session_id(manager))
    i18n = i18n_of(manager)
    figures = _figures(i18n, roll, zone_of(manager))
    text = "\n".join(
        [
            i18n.get("attendance-title", topic=figures["topic"], when=figures["when"]),
            i18n.get("attendance-saved", present=roll.present, total=roll.total),
        ]
    )
    await close_with(callback, manager, text)


def _close_code_button(id_: str) -> Button:
    return Button(
        I18nFormat("attendance-button-close-checkin"), id=id_, on_click=close_code, when="code_open"
    )


dialog = Dialog(
    Window(
        I18nFormat("attendance-title"),
        I18nFormat("attendance-empty", when="empty"),
        I18nFormat("attendance-count", when="listed"),
        I18nFormat("attendance-hint", when="listed"),
        I18nFormat("attendance-checkin-open-line", when="code_open"),
        ScrollingGroup(
            Multiselect(
                Format("✅ {item[1]}"),
                Format("▫️ {item[1]}"),
                id=PRESENT,
                item_id_getter=operator.itemgetter(0),
                items="people",
                type_factory=int,
                on_click=tick,
            ),
            id="people",
            width=1,
            height=ROWS,
            hide_on_single_page=True,
        ),
        Button(
            I18nFormat("attendance-button-open-checkin"),
            id="open_code",
            on_click=open_code,
            when="can_open",
        ),
        _close_code_button("close_code"),
        Button(I18nFormat("button-done"), id="done", on_click=finish),
        buttons_only(),
        getter=roll_call_getter,
        state=AttendanceSG.roll_call,
    ),
    Window(
        I18nFormat("attendance-checkin-code", when="code_open"),
        # Closed meanwhile from another device: say so rather than show a dead code.
        I18nFormat("attendance-checkin-closed", when="code_closed"),
        I18nFormat("attendance-count"),
        SwitchTo(I18nFormat("attendance-button-list"), id="list", state=AttendanceSG.roll_call),
        _close_code_button("close_code_here"),
        buttons_only(),
        getter=checkin_getter,
        state=AttendanceSG.checkin,
    ),
)
