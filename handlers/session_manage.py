"""A session seen by its workshop's leader (or a coordinator): who is coming, move, cancel,
and the way into attendance, check-in, materials and feedback."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot import keyboards
from bot.callbacks import SessionCb
from bot.clock import Clock
from bot.dates import parse_local
from bot.services.errors import DomainError
from bot.services.permissions import Actor
from bot.services.sessions import SessionCard, SessionService
from bot.session_notices import SessionNotices
from bot.session_views import escape, summary
from bot.states import MoveForm
from handlers import forms
from handlers.attendance import AttendanceCb, CheckinOpenCb
from handlers.feedback import FeedbackSummaryCb
from handlers.materials import MaterialAddCb
from handlers.replies import show

router = Router(name="session_manage")
router.message.filter(F.chat.type == ChatType.PRIVATE)


def manage_keyboard(i18n: I18nContext, card: SessionCard) -> InlineKeyboardMarkup:
    session_id = card.session.id
    kb = InlineKeyboardBuilder()
    kb.button(
        text=i18n.get("manage-attendance"),
        callback_data=AttendanceCb(session_id=session_id, user_id=0, page=0),
    )
    kb.button(text=i18n.get("manage-checkin"), callback_data=CheckinOpenCb(session_id=session_id))
    if card.session.workshop_id is not None:
        kb.button(
            text=i18n.get("manage-materials"),
            callback_data=MaterialAddCb(
                workshop_id=card.session.workshop_id, session_id=session_id
            ),
        )
    kb.button(
        text=i18n.get("manage-feedback"), callback_data=FeedbackSummaryCb(session_id=session_id)
    )
    kb.button(text=i18n.get("manage-move"), callback_data=SessionCb(id=session_id, action="move"))
    kb.button(
        text=i18n.get("manage-cancel"), callback_data=SessionCb(id=session_id, action="cancel")
    )
    kb.button(text=i18n.get("button-back"), callback_data=SessionCb(id=session_id, action="open"))
    kb.adjust(2)
    return kb.as_markup()


@router.callback_query(SessionCb.filter(F.action == "manage"))
async def manage(
    query: CallbackQuery,
    callback_data: SessionCb,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
    zone: ZoneInfo,
    callback_answer: CallbackAnswer,
) -> None:
    await forms.reset(state)
    try:
        card = await sessions.managed_card(actor, callback_data.id)
    except DomainError as exc:
        callback_answer.text = i18n.get(exc.code)
        callback_answer.show_alert = True
        return
    people = await sessions.registered(card.session.id)
    names = ", ".join(escape(p.full_name) for p in people[:40]) or "—"
    text = "\n".join(
        [
            summary(i18n, card.session, zone, show_link=True),
            i18n.get(
                "manage-figures", registered=card.registered, waiting=card.waitlisted, names=names
            ),
        ]
    )
    await show(query, text[:4000], manage_keyboard(i18n, card))


@router.callback_query(SessionCb.filter(F.action == "move"))
async def move_start(
    query: CallbackQuery,
    callback_data: SessionCb,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        await sessions.managed_card(actor, callback_data.id)
    except DomainError as exc:
        callback_answer.text = i18n.get(exc.code)
        callback_answer.show_alert = True
        return
    await forms.reset(state, session_id=callback_data.id)
    await state.set_state(MoveForm.when)
    await show(query, i18n.get("manage-move-when"))


@router.message(MoveForm.when, forms.TYPED_ANSWER)
async def move_when(
    message: Message,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
    session_notices: SessionNotices,
    clock: Clock,
    zone: ZoneInfo,
) -> None:
    moment = parse_local(message.text or "", zone, clock.now())
    if moment is None:
        await message.answer(i18n.get("schedule-when-invalid"))
        return
    session_id = int((await state.get_data()).get("session_id") or 0)
    try:
        change = await sessions.move(actor, session_id, moment)
    except DomainError as exc:
        await message.answer(i18n.get(exc.code))
        if exc.code not in ("error-in-the-past", "error-one-session-a-month"):
            await forms.reset(state)
        return
    await forms.reset(state)
    told = await session_notices.moved(change)
    await message.answer(
        i18n.get("manage-moved", summary=summary(i18n, change.session, zone, show_link=True))
        + "\n"
        + i18n.get("manage-told", count=told)
    )


@router.callback_query(SessionCb.filter(F.action == "cancel"))
async def cancel_ask(
    query: CallbackQuery,
    callback_data: SessionCb,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        await sessions.managed_card(actor, callback_data.id)
    except DomainError as exc:
        callback_answer.text = i18n.get(exc.code)
        callback_answer.show_alert = True
        return
    await show(
        query,
        i18n.get("manage-cancel-sure"),
        keyboards.session_confirm_cancel(i18n, callback_data.id),
    )


@router.callback_query(SessionCb.filter(F.action == "cancel-yes"))
async def cancel_do(
    query: CallbackQuery,
    callback_data: SessionCb,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
    session_notices: SessionNotices,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        change = await sessions.cancel(actor, callback_data.id)
    except DomainError as exc:
        callback_answer.text = i18n.get(exc.code)
        callback_answer.show_alert = True
        return
    told = await session_notices.cancelled(change)
    await show(query, i18n.get("manage-cancelled") + "\n" + i18n.get("manage-told", count=told))
