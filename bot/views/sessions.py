"""How a session reads in a message, in the reader's language: its card, its summary, the notices
about it (promoted from the waitlist, moved, cancelled, a reminder); the buttons of the session
list, the card and the leader's session screen, with their callback data (handlers/sessions.py and
handlers/session_manage.py answer them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.i18n import format_datetime
from bot.services.sessions import SessionCard
from bot.views.attendance import AttendanceCb, CheckinOpenCb
from bot.views.feedback import FeedbackSummaryCb
from bot.views.materials import MaterialAddCb
from bot.views.text import escape, short, subject_name
from storage.models import EventSession, SeatStatus, Subject


class SessionCb(CallbackData, prefix="ses"):
    id: int
    action: str  # "open", "join", "leave", "manage", "move", "cancel", "cancel-yes"


class SessionListCb(CallbackData, prefix="sls"):
    page: int  # FILTER_PAGE: the subject filter
    subject: int  # 0: every subject


FILTER_PAGE = -1  # SessionListCb.page that opens the subject filter


def when(i18n: I18nContext, event: EventSession, zone: ZoneInfo) -> str:
    return format_datetime(i18n, event.starts_at, zone)


def label(i18n: I18nContext, event: EventSession, zone: ZoneInfo) -> str:
    """«15 желтоқсан, 15:00 · Workshop title»: a session on a button (plain text, no HTML)."""
    name = event.workshop.title if event.workshop else event.topic
    return f"{when(i18n, event, zone)} · {name}"


def where(i18n: I18nContext, event: EventSession, *, show_link: bool) -> str:
    if event.link:
        if show_link:
            return escape(event.link)
        return i18n.get("session-link-after-signup")
    return escape(event.place)


def title(event: EventSession) -> str:
    return escape(event.workshop.title if event.workshop else event.topic)


def summary(i18n: I18nContext, event: EventSession, zone: ZoneInfo, *, show_link: bool) -> str:
    """Title, topic, time and place: the lines every notice about a session starts with."""
    return i18n.get(
        "session-summary",
        title=title(event),
        topic=escape(event.topic),
        when=when(i18n, event, zone),
        minutes=event.duration_minutes,
        where=where(i18n, event, show_link=show_link),
    )


def card_text(i18n: I18nContext, card: SessionCard, zone: ZoneInfo) -> str:
    registered = card.my_status == SeatStatus.REGISTERED
    lines = [summary(i18n, card.session, zone, show_link=registered)]
    lines.append(i18n.get("session-leader", name=escape(card.leader_name)))
    if card.seats_left is None:
        lines.append(i18n.get("session-seats-unlimited", registered=card.registered))
    elif card.seats_left > 0:
        lines.append(i18n.get("session-seats-left", left=card.seats_left))
    else:
        lines.append(i18n.get("session-seats-full", waiting=card.waitlisted))
    if registered:
        lines.append(i18n.get("session-you-registered"))
    elif card.my_status == SeatStatus.WAITLISTED:
        lines.append(i18n.get("session-you-waitlisted", position=card.my_position or 0))
    return "\n".join(lines)


# Notices: sent by the outbox, so each is rendered once per reader's language.


def promoted_text(i18n: I18nContext, event: EventSession, zone: ZoneInfo) -> str:
    return i18n.get("session-promoted", summary=summary(i18n, event, zone, show_link=True))


def moved_text(i18n: I18nContext, event: EventSession, zone: ZoneInfo) -> str:
    return i18n.get("session-moved", summary=summary(i18n, event, zone, show_link=True))


def cancelled_text(i18n: I18nContext, event: EventSession, zone: ZoneInfo) -> str:
    return i18n.get("session-cancelled", summary=summary(i18n, event, zone, show_link=False))


def reminder_text(i18n: I18nContext, event: EventSession, zone: ZoneInfo, hours: float) -> str:
    key = "session-reminder-hour" if hours <= 1 else "session-reminder-day"
    return i18n.get(key, summary=summary(i18n, event, zone, show_link=True))


def session_open(i18n: I18nContext, session_id: int) -> InlineKeyboardMarkup:
    """The one button under a notice about a session: its card."""
    kb = InlineKeyboardBuilder()
    kb.button(text=i18n.get("session-open"), callback_data=SessionCb(id=session_id, action="open"))
    return kb.as_markup()


# The session list and the card (handlers/sessions.py).


def _page_row(
    kb: InlineKeyboardBuilder, page: int, pages: int, to: Callable[[int], CallbackData]
) -> list[int]:
    """◀️ ▶️ for a paginated list; the row's size for adjust() (none on a single page)."""
    nav = 0
    if page > 0:
        kb.button(text="◀️", callback_data=to(page - 1))
        nav += 1
    if page < pages - 1:
        kb.button(text="▶️", callback_data=to(page + 1))
        nav += 1
    return [nav] if nav else []


def session_list(
    i18n: I18nContext,
    items: Sequence[EventSession],
    labels: Sequence[str],
    *,
    page: int,
    pages: int,
    subject: int,
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for event, label in zip(items, labels, strict=True):
        kb.button(text=short(label), callback_data=SessionCb(id=event.id, action="open"))
    sizes = [1] * len(items)
    sizes += _page_row(kb, page, pages, lambda p: SessionListCb(page=p, subject=subject))
    kb.adjust(*sizes)
    return kb.as_markup()


def sessions_filter_button(i18n: I18nContext) -> list[InlineKeyboardButton]:
    """A row under the session list that opens the subject filter."""
    return [
        InlineKeyboardButton(
            text=i18n.get("sessions-filter-button"),
            callback_data=SessionListCb(page=FILTER_PAGE, subject=0).pack(),
        )
    ]


def session_subject_filter(i18n: I18nContext, items: Iterable[Subject]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=i18n.get("sessions-all-subjects"), callback_data=SessionListCb(page=0, subject=0)
    )
    for subject in items:
        kb.button(
            text=short(subject_name(subject, i18n.locale)),
            callback_data=SessionListCb(page=0, subject=subject.id),
        )
    kb.adjust(2)
    return kb.as_markup()


def session_card(
    i18n: I18nContext, session_id: int, status: SeatStatus | None, *, can_manage: bool
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    if status is None:
        kb.button(
            text=i18n.get("session-join"), callback_data=SessionCb(id=session_id, action="join")
        )
    else:
        kb.button(
            text=i18n.get("session-leave"), callback_data=SessionCb(id=session_id, action="leave")
        )
    if can_manage:
        kb.button(
            text=i18n.get("session-manage"),
            callback_data=SessionCb(id=session_id, action="manage"),
        )
    kb.button(text=i18n.get("session-back-to-list"), callback_data=SessionListCb(page=0, subject=0))
    kb.adjust(1)
    return kb.as_markup()


# The leader's session screen (handlers/session_manage.py): the ways into the other features.


def session_manage(i18n: I18nContext, card: SessionCard) -> InlineKeyboardMarkup:
    session_id = card.session.id
    kb = InlineKeyboardBuilder()
    kb.button(text=i18n.get("manage-attendance"), callback_data=AttendanceCb(session_id=session_id))
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


def session_confirm_cancel(i18n: I18nContext, session_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=i18n.get("manage-cancel-yes"),
        callback_data=SessionCb(id=session_id, action="cancel-yes"),
    )
    kb.button(text=i18n.get("button-back"), callback_data=SessionCb(id=session_id, action="manage"))
    kb.adjust(1)
    return kb.as_markup()
