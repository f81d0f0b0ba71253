"""Teachers and sessions: /sessions (list and cards), sign-up and cancel with one tap, /my,
and the t.me/<bot>?start=s<id> deep link from group announcements."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram_i18n import I18nContext

from bot.clock import Clock
from bot.ics import session_ics
from bot.notices.sessions import SessionNotices
from bot.services.directory import DirectoryService
from bot.services.errors import DomainError
from bot.services.permissions import Actor
from bot.services.sessions import SessionService, SignUpOutcome
from bot.views.sessions import (
    FILTER_PAGE,
    SessionCb,
    SessionListCb,
    card_text,
    label,
    session_card,
    session_list,
    session_subject_filter,
    sessions_filter_button,
    title,
    when,
)
from bot.views.text import escape
from handlers.replies import show
from storage.models import EventSession, SeatStatus

router = Router(name="sessions")
router.message.filter(F.chat.type == ChatType.PRIVATE)

Event = Message | CallbackQuery


async def show_card(
    event: Event,
    session_id: int,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
    zone: ZoneInfo,
) -> None:
    try:
        card = await sessions.card(session_id, actor.user_id)
    except DomainError as exc:
        await show(event, i18n.get(exc.code))
        return
    manage = actor.manages(card.workshop)
    await show(
        event,
        card_text(i18n, card, zone),
        session_card(i18n, session_id, card.my_status, can_manage=manage),
    )


async def show_list(
    event: Event,
    i18n: I18nContext,
    sessions: SessionService,
    zone: ZoneInfo,
    *,
    page: int,
    subject: int,
) -> None:
    result = await sessions.upcoming(subject_id=subject or None, page=page)
    if not result.items:
        await show(event, i18n.get("sessions-none"), session_subject_filter(i18n, []))
        return
    lines = [i18n.get("sessions-title", page=result.page + 1, pages=result.pages)]
    labels = []
    for item, registered, waiting in result.items:
        moment = when(i18n, item, zone)
        labels.append(label(i18n, item, zone))
        if item.capacity is None:
            seats = i18n.get("sessions-line-open")
        elif registered < item.capacity:
            seats = i18n.get("session-seats-left", left=item.capacity - registered)
        else:
            seats = i18n.get("session-seats-full", waiting=waiting)
        lines.append(i18n.get("sessions-line", when=moment, title=title(item), seats=seats))
    markup = session_list(
        i18n,
        [item for item, _, _ in result.items],
        labels,
        page=result.page,
        pages=result.pages,
        subject=subject,
    )
    markup.inline_keyboard.append(sessions_filter_button(i18n))
    await show(event, "\n\n".join(lines), markup)


@router.message(Command("sessions"))
async def list_sessions(
    message: Message, i18n: I18nContext, actor: Actor, sessions: SessionService, zone: ZoneInfo
) -> None:
    if not actor.registered:
        await message.answer(i18n.get("error-not-registered"))
        return
    await show_list(message, i18n, sessions, zone, page=0, subject=0)


@router.callback_query(SessionListCb.filter(F.page == FILTER_PAGE))
async def subject_filter(
    query: CallbackQuery, i18n: I18nContext, directory: DirectoryService
) -> None:
    subjects = await directory.subjects()
    await show(query, i18n.get("sessions-filter"), session_subject_filter(i18n, subjects))


@router.callback_query(SessionListCb.filter(F.page >= 0))
async def list_page(
    query: CallbackQuery,
    callback_data: SessionListCb,
    i18n: I18nContext,
    sessions: SessionService,
    zone: ZoneInfo,
) -> None:
    await show_list(
        query, i18n, sessions, zone, page=callback_data.page, subject=callback_data.subject
    )


@router.callback_query(SessionCb.filter(F.action == "open"))
async def open_card(
    query: CallbackQuery,
    callback_data: SessionCb,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
    zone: ZoneInfo,
) -> None:
    await show_card(query, callback_data.id, i18n, actor, sessions, zone)


@router.callback_query(SessionCb.filter(F.action == "join"))
async def join(
    query: CallbackQuery,
    callback_data: SessionCb,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
    zone: ZoneInfo,
    bot: Bot,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    if not actor.registered:
        callback_answer.text = i18n.get("error-not-registered")
        callback_answer.show_alert = True
        return
    try:
        result = await sessions.sign_up(actor.user_id, callback_data.id)
    except DomainError as exc:
        callback_answer.text = i18n.get(exc.code)
        callback_answer.show_alert = True
        return
    await show_card(query, callback_data.id, i18n, actor, sessions, zone)
    if result.outcome == SignUpOutcome.WAITLISTED:
        callback_answer.text = i18n.get("session-waitlisted", position=result.position or 0)
        return
    if result.outcome != SignUpOutcome.REGISTERED:
        return
    callback_answer.text = i18n.get("session-registered")
    await send_plan_and_calendar(bot, actor.user_id, i18n, result.session, zone, clock)


async def send_plan_and_calendar(
    bot: Bot,
    chat_id: int,
    i18n: I18nContext,
    event: EventSession,
    zone: ZoneInfo,
    clock: Clock,
) -> None:
    """The work plan (rules of 000, 5.1: participants are acquainted with it) and an .ics."""
    workshop = event.workshop
    if workshop is not None:
        if workshop.plan_file_id:
            await bot.send_document(
                chat_id,
                workshop.plan_file_id,
                caption=i18n.get("session-plan-caption", title=escape(workshop.title)),
            )
        elif workshop.plan_text:
            text = i18n.get(
                "session-plan", title=escape(workshop.title), plan=escape(workshop.plan_text)
            )
            await bot.send_message(chat_id, text[:4000])
    ics = session_ics(
        session_id=event.id,
        title=(workshop.title if workshop else event.topic),
        description=f"{event.topic}\n{event.link or event.place or ''}",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        location=event.place,
        url=event.link,
        created=clock.now(),
    )
    await bot.send_document(
        chat_id,
        BufferedInputFile(ics, filename=f"birgemiz-{event.id}.ics"),
        caption=i18n.get("session-ics-caption", when=when(i18n, event, zone)),
    )


@router.callback_query(SessionCb.filter(F.action == "leave"))
async def leave(
    query: CallbackQuery,
    callback_data: SessionCb,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
    session_notices: SessionNotices,
    zone: ZoneInfo,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        release = await sessions.leave(actor.user_id, callback_data.id)
    except DomainError as exc:
        callback_answer.text = i18n.get(exc.code)
        callback_answer.show_alert = True
        return
    callback_answer.text = i18n.get("session-left")
    await show_card(query, callback_data.id, i18n, actor, sessions, zone)
    if release.promoted is not None:
        await session_notices.promoted(release.session, release.promoted, clock.now())


@router.message(Command("my"))
async def my_sessions(
    message: Message, i18n: I18nContext, actor: Actor, sessions: SessionService, zone: ZoneInfo
) -> None:
    items = await sessions.mine(actor.user_id)
    if not items:
        await message.answer(i18n.get("my-none"))
        return
    lines = [i18n.get("my-title")]
    events = []
    labels = []
    for seat, event, position in items:
        state = (
            i18n.get("my-registered")
            if seat.status == SeatStatus.REGISTERED
            else i18n.get("my-waitlisted", position=position or 0)
        )
        moment = when(i18n, event, zone)
        lines.append(i18n.get("my-line", when=moment, title=title(event), state=state))
        events.append(event)
        labels.append(label(i18n, event, zone))
    markup = session_list(i18n, events, labels, page=0, pages=1, subject=0)
    await message.answer("\n".join(lines), reply_markup=markup)
