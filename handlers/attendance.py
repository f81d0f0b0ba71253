"""Attendance: the ways into the roll call and check-in by a one-time code.

Entry points on the leader's session screen (their callback data is in bot/views/attendance.py):
- AttendanceCb(session_id=...): the roll call (the dialog in bot/dialogs/attendance);
- CheckinOpenCb(session_id=...): open check-in and show the code to announce.
Participants answer with `/checkin CODE` in a private chat with the bot.
Every action is re-checked by AttendanceService: the payload proves nothing.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, StartMode
from aiogram_i18n import I18nContext

from bot.dialogs.attendance.states import AttendanceSG
from bot.i18n import format_datetime
from bot.services.attendance import AttendanceService, CheckinResult
from bot.services.permissions import Actor
from bot.views.attendance import AttendanceCb, CheckinOpenCb
from bot.views.text import echo

router = Router(name="attendance")
router.message.filter(F.chat.type == ChatType.PRIVATE)

CHECKIN_ANSWERS: dict[CheckinResult, str] = {
    CheckinResult.CHECKED_IN: "attendance-checkin-done",
    CheckinResult.ALREADY: "attendance-checkin-already",
    CheckinResult.MALFORMED: "attendance-checkin-usage",
    CheckinResult.WRONG_CODE: "attendance-checkin-wrong-code",
    CheckinResult.NO_SEAT: "attendance-checkin-no-seat",
    CheckinResult.WAITLISTED: "attendance-checkin-waitlisted",
    CheckinResult.TOO_EARLY: "attendance-checkin-too-early",
    CheckinResult.ENDED: "attendance-checkin-ended",
    CheckinResult.LOCKED: "attendance-checkin-locked",
}


@router.callback_query(AttendanceCb.filter())
async def roll_call(
    query: CallbackQuery,
    callback_data: AttendanceCb,
    actor: Actor,
    attendance: AttendanceService,
    dialog_manager: DialogManager,
) -> None:
    # Refused here, before starting closes whatever form this person has open; the dialog
    # asks the service again on every redraw.
    await attendance.roll_call(actor, callback_data.session_id)
    await dialog_manager.start(
        AttendanceSG.roll_call,
        mode=StartMode.RESET_STACK,
        data={"session_id": callback_data.session_id},
    )


@router.callback_query(CheckinOpenCb.filter())
async def open_checkin(
    query: CallbackQuery,
    callback_data: CheckinOpenCb,
    actor: Actor,
    attendance: AttendanceService,
    dialog_manager: DialogManager,
) -> None:
    await attendance.open_checkin(actor, callback_data.session_id)
    await dialog_manager.start(
        AttendanceSG.checkin,
        mode=StartMode.RESET_STACK,
        data={"session_id": callback_data.session_id},
    )


@router.message(Command("checkin"))
async def checkin(
    message: Message,
    command: CommandObject,
    i18n: I18nContext,
    attendance: AttendanceService,
    zone: ZoneInfo,
) -> None:
    if message.from_user is None:
        return
    outcome = await attendance.check_in(message.from_user.id, command.args or "")
    opens_at = format_datetime(i18n, outcome.opens_at, zone) if outcome.opens_at else ""
    await message.answer(
        i18n.get(
            CHECKIN_ANSWERS[outcome.result],
            topic=echo(outcome.topic or ""),
            when=opens_at,
            left=outcome.tries_left,
            minutes=outcome.wait_minutes,
        )
    )
