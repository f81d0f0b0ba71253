"""Feedback on a session (кері байланыс): usefulness 1..5, «will you apply it?», a comment.

The request arrives through the outbox (bot/feedback_requests.py) with score buttons. Each step
edits that message into the next question: score → apply (yes / partly / no) → an optional typed
comment → thanks, with a button to change the answer while the feedback period lasts.

The workshop's leader and coordinators read a session's summary through FeedbackSummaryCb (a
button other features put on session cards) or `/feedback SESSION_ID`.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.i18n import format_datetime
from bot.services.errors import DomainError
from bot.services.feedback import (
    COMMENT_MAX,
    SCORES,
    CommentTooLong,
    FeedbackService,
    FeedbackSummary,
    feedback_deadline,
)
from bot.services.permissions import Actor
from handlers import forms
from handlers.replies import echo, show
from storage.models import ApplyAnswer, EventSession, Role

router = Router(name="feedback")
router.message.filter(F.chat.type == ChatType.PRIVATE)

MESSAGE_MAX = 4096
TITLE_MAX = 200
TOPIC_MAX = 300
SESSION_KEY = "feedback_session_id"
# Room kept free for the "comments did not fit" note at the end of a long summary.
NOTE_RESERVE = 200
# A comment is shown cut to the room left only if at least this much room is left.
COMMENT_CUT_MIN = 100


class FeedbackScoreCb(CallbackData, prefix="fbu"):
    """How useful the session was, 1..5."""

    session_id: int
    score: int


class FeedbackApplyCb(CallbackData, prefix="fba"):
    session_id: int
    answer: ApplyAnswer


class FeedbackSkipCb(CallbackData, prefix="fbk"):
    """No comment this time."""

    session_id: int


class FeedbackEditCb(CallbackData, prefix="fbe"):
    """Change an answer already given, while the feedback period lasts."""

    session_id: int


class FeedbackSummaryCb(CallbackData, prefix="fbs"):
    """The session's feedback summary, for its workshop's leader and for coordinators."""

    session_id: int


class FeedbackForm(StatesGroup):
    comment = State()


# Rendering, shared with bot/feedback_requests.py (the requests and nudges in the outbox).


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


def apply_keyboard(i18n: I18nContext, session_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for answer in ApplyAnswer:
        kb.button(
            text=i18n.get(f"feedback-apply-{answer.value}"),
            callback_data=FeedbackApplyCb(session_id=session_id, answer=answer),
        )
    kb.adjust(1)
    return kb.as_markup()


def skip_keyboard(i18n: I18nContext, session_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=i18n.get("feedback-skip"), callback_data=FeedbackSkipCb(session_id=session_id))
    return kb.as_markup()


def edit_keyboard(i18n: I18nContext, session_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=i18n.get("feedback-edit"), callback_data=FeedbackEditCb(session_id=session_id))
    return kb.as_markup()


def summary_keyboard(i18n: I18nContext, session_id: int) -> InlineKeyboardMarkup:
    """The entry point for other features' session cards: «Кері байланыс» for one session."""
    kb = InlineKeyboardBuilder()
    kb.button(
        text=i18n.get("feedback-summary-button"),
        callback_data=FeedbackSummaryCb(session_id=session_id),
    )
    return kb.as_markup()


def session_label(event: EventSession) -> str:
    topic = escaped(event.topic, TOPIC_MAX)
    if event.workshop is None:
        return topic
    return f"{escaped(event.workshop.title, TITLE_MAX)} — {topic}"


def render_summary(i18n: I18nContext, summary: FeedbackSummary, zone: ZoneInfo) -> str:
    """The summary as one message under Telegram's 4096 characters: comments that do not fit
    are left out with a note saying how many."""
    event = summary.session
    lines = [
        i18n.get(
            "feedback-summary-title",
            session=session_label(event),
            date=format_datetime(i18n, event.starts_at, zone),
        ),
        i18n.get("feedback-summary-counts", asked=summary.asked, answered=summary.answered),
    ]
    if not summary.answered:
        lines.append(i18n.get("feedback-summary-no-answers"))
        return "\n".join(lines)
    if summary.average is not None:
        lines.append(i18n.get("feedback-summary-average", average=summary.average))
        lines.append(i18n.get("feedback-summary-scores"))
        lines.extend(
            i18n.get("feedback-summary-score", score=str(score), count=summary.scores[score])
            for score in reversed(SCORES)
        )
    lines.append(
        i18n.get(
            "feedback-summary-apply",
            yes=summary.apply[ApplyAnswer.YES],
            partly=summary.apply[ApplyAnswer.PARTLY],
            no=summary.apply[ApplyAnswer.NO],
        )
    )
    if not summary.comments:
        lines.append(i18n.get("feedback-summary-no-comments"))
        return "\n".join(lines)
    lines.append("")
    lines.append(i18n.get("feedback-summary-comments", count=len(summary.comments)))
    if not summary.names_shown:
        lines.append(i18n.get("feedback-summary-anonymous"))
    text = "\n".join(lines)
    budget = MESSAGE_MAX - NOTE_RESERVE
    shown = 0
    for comment in summary.comments:
        # Built here, not in Fluent: an escaped comment may be longer than a placeable may be.
        suffix = ""
        if summary.names_shown:
            name = comment.author_name or f"ID {comment.author_id}"
            suffix = f" — <i>{echo(name)}</i>"
        room = budget - len(text) - len("\n• ") - len(suffix)
        body = echo(comment.text, COMMENT_MAX)
        if len(body) > room:
            if room >= COMMENT_CUT_MIN:
                # The last one that fits in part: cut, never left out whole.
                text += f"\n• {escaped(comment.text, room)}{suffix}"
                shown += 1
            break
        text += f"\n• {body}{suffix}"
        shown += 1
    left = len(summary.comments) - shown
    if left:
        text += "\n" + i18n.get("feedback-summary-truncated", count=left)
    return text[:MESSAGE_MAX]


def _alert(callback_answer: CallbackAnswer, i18n: I18nContext, exc: DomainError) -> None:
    callback_answer.text = i18n.get(exc.code)
    callback_answer.show_alert = True


async def _leave_form(state: FSMContext, session_id: int | None = None) -> None:
    """Leave the comment step (of this session, when one is named); other forms stay."""
    if await state.get_state() != FeedbackForm.comment.state:
        return
    if session_id is None or (await state.get_data()).get(SESSION_KEY) == session_id:
        await forms.reset(state)


def _thanks(i18n: I18nContext, event: EventSession, zone: ZoneInfo) -> str:
    return i18n.get("feedback-thanks", until=format_datetime(i18n, feedback_deadline(event), zone))


# Answering.


@router.callback_query(FeedbackScoreCb.filter())
async def score_chosen(
    query: CallbackQuery,
    callback_data: FeedbackScoreCb,
    i18n: I18nContext,
    actor: Actor,
    feedback: FeedbackService,
    callback_answer: CallbackAnswer,
) -> None:
    session_id = callback_data.session_id
    try:
        await feedback.record_score(actor.user_id, session_id, callback_data.score)
    except DomainError as exc:
        _alert(callback_answer, i18n, exc)
        return
    await show(
        query,
        i18n.get("feedback-ask-apply", score=str(callback_data.score)),
        apply_keyboard(i18n, session_id),
    )


@router.callback_query(FeedbackApplyCb.filter())
async def apply_chosen(
    query: CallbackQuery,
    callback_data: FeedbackApplyCb,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    feedback: FeedbackService,
    callback_answer: CallbackAnswer,
) -> None:
    session_id = callback_data.session_id
    try:
        await feedback.record_apply(actor.user_id, session_id, callback_data.answer)
    except DomainError as exc:
        _alert(callback_answer, i18n, exc)
        return
    await forms.reset(state, **{SESSION_KEY: session_id})
    await state.set_state(FeedbackForm.comment)
    await show(
        query,
        i18n.get("feedback-ask-comment", max=str(COMMENT_MAX)),
        skip_keyboard(i18n, session_id),
    )


@router.message(FeedbackForm.comment, F.text, ~F.text.startswith("/"))
async def comment_typed(
    message: Message,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    feedback: FeedbackService,
    zone: ZoneInfo,
) -> None:
    session_id = (await state.get_data()).get(SESSION_KEY)
    if not isinstance(session_id, int):
        await forms.reset(state)
        await message.answer(i18n.get("feedback-comment-lost"))
        return
    try:
        await feedback.record_comment(actor.user_id, session_id, message.text or "")
        event = await feedback.event_session(session_id)
    except CommentTooLong:
        await message.answer(
            i18n.get(
                "feedback-comment-too-long",
                max=str(COMMENT_MAX),
                length=str(len((message.text or "").strip())),
            ),
            reply_markup=skip_keyboard(i18n, session_id),
        )
        return
    except DomainError as exc:
        await forms.reset(state)
        await message.answer(i18n.get(exc.code))
        return
    await forms.reset(state)
    await message.answer(_thanks(i18n, event, zone), reply_markup=edit_keyboard(i18n, session_id))


@router.message(FeedbackForm.comment, ~F.text.startswith("/"))
async def comment_not_text(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    # A photo, sticker or voice where a typed comment is expected.
    session_id = (await state.get_data()).get(SESSION_KEY)
    markup = skip_keyboard(i18n, session_id) if isinstance(session_id, int) else None
    await message.answer(i18n.get("feedback-comment-expected-text"), reply_markup=markup)


@router.callback_query(FeedbackSkipCb.filter())
async def comment_skipped(
    query: CallbackQuery,
    callback_data: FeedbackSkipCb,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    feedback: FeedbackService,
    callback_answer: CallbackAnswer,
    zone: ZoneInfo,
) -> None:
    session_id = callback_data.session_id
    await _leave_form(state, session_id)
    try:
        event = await feedback.ensure_can_answer(actor.user_id, session_id)
    except DomainError as exc:
        _alert(callback_answer, i18n, exc)
        return
    await show(query, _thanks(i18n, event, zone), edit_keyboard(i18n, session_id))


@router.callback_query(FeedbackEditCb.filter())
async def edit_answer(
    query: CallbackQuery,
    callback_data: FeedbackEditCb,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    feedback: FeedbackService,
    callback_answer: CallbackAnswer,
    zone: ZoneInfo,
) -> None:
    session_id = callback_data.session_id
    try:
        event = await feedback.ensure_can_answer(actor.user_id, session_id)
    except DomainError as exc:
        _alert(callback_answer, i18n, exc)
        return
    await _leave_form(state)
    await show(query, request_text(i18n, event, zone, nudge=False), score_keyboard(session_id))


# Reading the summary.


async def _summary_text(
    i18n: I18nContext, actor: Actor, feedback: FeedbackService, zone: ZoneInfo, session_id: int
) -> str:
    """The summary, or the reason it is not shown (raises nothing)."""
    try:
        summary = await feedback.summary(actor, session_id)
    except DomainError as exc:
        return i18n.get(exc.code)
    return render_summary(i18n, summary, zone)


@router.callback_query(FeedbackSummaryCb.filter())
async def summary_button(
    query: CallbackQuery,
    callback_data: FeedbackSummaryCb,
    i18n: I18nContext,
    actor: Actor,
    feedback: FeedbackService,
    callback_answer: CallbackAnswer,
    zone: ZoneInfo,
    bot: Bot,
) -> None:
    try:
        summary = await feedback.summary(actor, callback_data.session_id)
    except DomainError as exc:
        _alert(callback_answer, i18n, exc)
        return
    # A new message: the button sits on a session card that should stay as it is.
    await bot.send_message(query.from_user.id, render_summary(i18n, summary, zone))


@router.message(Command("feedback"))
async def summary_command(
    message: Message,
    command: CommandObject,
    i18n: I18nContext,
    actor: Actor,
    feedback: FeedbackService,
    zone: ZoneInfo,
) -> None:
    if not (actor.is_coordinator or actor.has(Role.LEADER)):
        await message.answer(i18n.get("error-permission"))
        return
    argument = (command.args or "").strip().lstrip("№#")
    if not (argument.isascii() and argument.isdigit()) or len(argument) > 18:
        await message.answer(i18n.get("feedback-summary-usage"))
        return
    await message.answer(await _summary_text(i18n, actor, feedback, zone, int(argument)))
