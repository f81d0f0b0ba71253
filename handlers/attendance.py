"""Attendance: the leader's roll call of a session, and check-in by a one-time code.

Entry points rendered elsewhere (on the leader's session card):
- AttendanceCb(session_id=..., user_id=0, page=0): the list of registered participants;
- CheckinOpenCb(session_id=...): open check-in and show the code to announce.
Participants answer with `/checkin CODE` in a private chat with the bot.
Every button is re-checked by AttendanceService: the payload proves nothing.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.i18n import format_datetime
from bot.keyboards import short
from bot.services.attendance import (
    CHECKIN_CLOSES_AFTER,
    CHECKIN_OPENS_BEFORE,
    AttendanceService,
    CheckinResult,
    NotRegistered,
    RegistrantsPage,
)
from bot.services.errors import DomainError
from bot.services.permissions import Actor
from handlers.replies import echo, show

router = Router(name="attendance")
router.message.filter(F.chat.type == ChatType.PRIVATE)


class AttendanceCb(CallbackData, prefix="atd"):
    """The roll call: user_id 0 shows the page, any other id toggles that person's mark."""

    session_id: int
    user_id: int
    page: int


class CheckinOpenCb(CallbackData, prefix="cko"):
    session_id: int


class CheckinCloseCb(CallbackData, prefix="ckc"):
    session_id: int


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


def _minutes(delta: timedelta) -> str:
    return str(int(delta.total_seconds() // 60))


def registrants_text(i18n: I18nContext, page: RegistrantsPage, zone: ZoneInfo) -> str:
    event = page.session
    lines = [
        i18n.get(
            "attendance-title",
            topic=echo(event.topic),
            when=format_datetime(i18n, event.starts_at, zone),
        )
    ]
    if not page.total:
        lines.append(i18n.get("attendance-empty"))
    else:
        lines.append(i18n.get("attendance-count", present=page.present, total=page.total))
        if page.pages > 1:
            lines.append(i18n.get("attendance-page", page=page.page + 1, pages=page.pages))
        lines.append(i18n.get("attendance-hint"))
    if event.checkin_code:
        lines.append(i18n.get("attendance-checkin-open-line", code=event.checkin_code))
    return "\n".join(lines)


def registrants_keyboard(i18n: I18nContext, page: RegistrantsPage) -> InlineKeyboardMarkup:
    session_id = page.session.id
    kb = InlineKeyboardBuilder()
    for person in page.items:
        mark = "✅" if person.attended else "▫️"
        name = person.full_name or i18n.get("attendance-unnamed", id=str(person.user_id))
        kb.button(
            text=short(f"{mark} {name}"),
            callback_data=AttendanceCb(
                session_id=session_id, user_id=person.user_id, page=page.page
            ),
        )
    sizes = [1] * len(page.items)
    nav = 0
    if page.page > 0:
        kb.button(
            text="◀️",
            callback_data=AttendanceCb(session_id=session_id, user_id=0, page=page.page - 1),
        )
        nav += 1
    if page.page < page.pages - 1:
        kb.button(
            text="▶️",
            callback_data=AttendanceCb(session_id=session_id, user_id=0, page=page.page + 1),
        )
        nav += 1
    if nav:
        sizes.append(nav)
    if page.checkin_open:
        kb.button(
            text=i18n.get("attendance-button-close-checkin"),
            callback_data=CheckinCloseCb(session_id=session_id),
        )
        sizes.append(1)
    elif page.checkin_possible:
        kb.button(
            text=i18n.get("attendance-button-open-checkin"),
            callback_data=CheckinOpenCb(session_id=session_id),
        )
        sizes.append(1)
    kb.adjust(*sizes)
    return kb.as_markup()


def checkin_text(i18n: I18nContext, page: RegistrantsPage, code: str, zone: ZoneInfo) -> str:
    event = page.session
    return "\n".join(
        [
            i18n.get(
                "attendance-checkin-code",
                code=code,
                topic=echo(event.topic),
                when=format_datetime(i18n, event.starts_at, zone),
                before=_minutes(CHECKIN_OPENS_BEFORE),
                after=_minutes(CHECKIN_CLOSES_AFTER),
            ),
            i18n.get("attendance-count", present=page.present, total=page.total),
        ]
    )


def checkin_keyboard(i18n: I18nContext, session_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=i18n.get("attendance-button-list"),
        callback_data=AttendanceCb(session_id=session_id, user_id=0, page=0),
    )
    kb.button(
        text=i18n.get("attendance-button-close-checkin"),
        callback_data=CheckinCloseCb(session_id=session_id),
    )
    kb.adjust(1)
    return kb.as_markup()


def _refuse(callback_answer: CallbackAnswer, i18n: I18nContext, exc: DomainError) -> None:
    callback_answer.text = i18n.get(exc.code)
    callback_answer.show_alert = True


@router.callback_query(AttendanceCb.filter())
async def roll_call(
    query: CallbackQuery,
    callback_data: AttendanceCb,
    actor: Actor,
    i18n: I18nContext,
    attendance: AttendanceService,
    zone: ZoneInfo,
    callback_answer: CallbackAnswer,
) -> None:
    session_id, page_number = callback_data.session_id, callback_data.page
    if callback_data.user_id:
        try:
            marked = await attendance.toggle(actor, session_id, callback_data.user_id)
        except NotRegistered as exc:
            # They gave up their seat since the list was drawn: say so and redraw without them.
            _refuse(callback_answer, i18n, exc)
        except DomainError as exc:
            _refuse(callback_answer, i18n, exc)
            return
        else:
            callback_answer.text = i18n.get(
                "attendance-marked" if marked else "attendance-unmarked"
            )
    try:
        page = await attendance.registrants(actor, session_id, page_number)
    except DomainError as exc:
        _refuse(callback_answer, i18n, exc)
        return
    await show(query, registrants_text(i18n, page, zone), registrants_keyboard(i18n, page))


@router.callback_query(CheckinOpenCb.filter())
async def open_checkin(
    query: CallbackQuery,
    callback_data: CheckinOpenCb,
    actor: Actor,
    i18n: I18nContext,
    attendance: AttendanceService,
    zone: ZoneInfo,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        code = await attendance.open_checkin(actor, callback_data.session_id)
        page = await attendance.registrants(actor, callback_data.session_id)
    except DomainError as exc:
        _refuse(callback_answer, i18n, exc)
        return
    await show(query, checkin_text(i18n, page, code, zone), checkin_keyboard(i18n, page.session.id))


@router.callback_query(CheckinCloseCb.filter())
async def close_checkin(
    query: CallbackQuery,
    callback_data: CheckinCloseCb,
    actor: Actor,
    i18n: I18nContext,
    attendance: AttendanceService,
    zone: ZoneInfo,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        await attendance.close_checkin(actor, callback_data.session_id)
        page = await attendance.registrants(actor, callback_data.session_id)
    except DomainError as exc:
        _refuse(callback_answer, i18n, exc)
        return
    callback_answer.text = i18n.get("attendance-checkin-closed")
    callback_answer.show_alert = True
    await show(query, registrants_text(i18n, page, zone), registrants_keyboard(i18n, page))


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
