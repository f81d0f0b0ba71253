"""The feedback request (and its one nudge) that follows a session, with its score buttons; the
button under the thanks that changes an answer; the button into a session's summary.

The request is sent through the outbox by bot/notices/feedback.py; the dialog in
bot/dialogs/feedback shows it again when a teacher changes an answer. The buttons' handlers are in
handlers/feedback.py.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.i18n import format_datetime
from bot.services.feedback import SCORES
from bot.views.text import echo
from storage.models import EventSession

TITLE_MAX = 200
TOPIC_MAX = 300


class FeedbackScoreCb(CallbackData, prefix="fbu"):
    """How useful the session was, 1..5: under every feedback request and nudge."""

    session_id: int
    score: int


class FeedbackEditCb(CallbackData, prefix="fbe"):
    """Change an answer already given, while the feedback period lasts: under the thanks."""

    session_id: int


class FeedbackSummaryCb(CallbackData, prefix="fbs"):
    """The session's feedback summary, for its workshop's leader and for coordinators."""

    session_id: int


def escaped(text: str, limit: int) -> str:
    """User text for HTML, at most `limit` characters even after escaping (a Fluent placeable
    takes no more than 1000)."""
    cut = limit
    out = echo(text, cut)
    while len(out) > limit and cut > 1:
        cut = max(1, cut - (len(out) - limit))
        out = echo(text, cut)
    return out


def request_text(i18n: I18nContext, event: EventSession, zone: ZoneInfo, *, nudge: bool) -> str:
    values = {
        "topic": escaped(event.topic, TOPIC_MAX),
        "date": format_datetime(i18n, event.starts_at, zone),
    }
    if event.workshop is not None:
        key = "feedback-nudge" if nudge else "feedback-request"
        return i18n.get(key, title=escaped(event.workshop.title, TITLE_MAX), **values)
    key = "feedback-nudge-event" if nudge else "feedback-request-event"
    return i18n.get(key, **values)


def score_keyboard(session_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for score in SCORES:
        kb.button(
            text=str(score), callback_data=FeedbackScoreCb(session_id=session_id, score=score)
        )
    kb.adjust(len(SCORES))
    return kb.as_markup()


def feedback_edit(i18n: I18nContext, session_id: int) -> InlineKeyboardMarkup:
    """Under the thanks for an answer: change it while the feedback period lasts."""
    kb = InlineKeyboardBuilder()
    kb.button(text=i18n.get("feedback-edit"), callback_data=FeedbackEditCb(session_id=session_id))
    return kb.as_markup()
