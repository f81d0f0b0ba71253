"""Feedback on a session (кері байланыс): the one-tap ways into the answering dialog, and the
summary.

The request arrives through the outbox (bot/notices/feedback.py) with score buttons; a tap stores
the score and starts the dialog in bot/dialogs/feedback in that same message (usefulness →
«will you apply it?» → an optional comment → thanks). The button under the thanks
(FeedbackEditCb) opens the dialog again while the feedback period lasts.

The workshop's leader and coordinators read a session's summary through FeedbackSummaryCb (a
button on the leader's session screen) or `/feedback SESSION_ID`. The callback data and the
buttons are in bot/views/feedback.py.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, StartMode
from aiogram_i18n import I18nContext

from bot.dialogs.feedback.states import FeedbackSG
from bot.i18n import format_datetime
from bot.services.feedback import (
    COMMENT_MAX,
    SCORES,
    FeedbackService,
    FeedbackSummary,
)
from bot.services.permissions import Actor
from bot.views.feedback import (
    TITLE_MAX,
    TOPIC_MAX,
    FeedbackEditCb,
    FeedbackScoreCb,
    FeedbackSummaryCb,
    escaped,
)
from bot.views.text import echo
from storage.models import ApplyAnswer, EventSession, Role

router = Router(name="feedback")
router.message.filter(F.chat.type == ChatType.PRIVATE)

MESSAGE_MAX = 4096
# Room kept free for the "comments did not fit" note at the end of a long summary.
NOTE_RESERVE = 200
# A comment is shown cut to the room left only if at least this much room is left.
COMMENT_CUT_MIN = 100


# Rendering (the request itself and the buttons are in bot/views/feedback.py).


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
            name = comment.author_name or i18n.get("person-unnamed", id=str(comment.author_id))
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


# Answering: the dialog in bot/dialogs/feedback.


@router.callback_query(FeedbackScoreCb.filter())
async def score_chosen(
    query: CallbackQuery,
    callback_data: FeedbackScoreCb,
    actor: Actor,
    feedback: FeedbackService,
    dialog_manager: DialogManager,
) -> None:
    # Stored at the tap, before anything else is asked: a score alone is an answer.
    await feedback.record_score(actor.user_id, callback_data.session_id, callback_data.score)
    await dialog_manager.start(
        FeedbackSG.apply,
        mode=StartMode.RESET_STACK,
        data={"session_id": callback_data.session_id, "score": callback_data.score},
    )


@router.callback_query(FeedbackEditCb.filter())
async def edit_answer(
    query: CallbackQuery,
    callback_data: FeedbackEditCb,
    actor: Actor,
    feedback: FeedbackService,
    dialog_manager: DialogManager,
) -> None:
    await feedback.ensure_can_answer(actor.user_id, callback_data.session_id)
    await dialog_manager.start(
        FeedbackSG.score, mode=StartMode.RESET_STACK, data={"session_id": callback_data.session_id}
    )


# Reading the summary.


@router.callback_query(FeedbackSummaryCb.filter())
async def summary_button(
    query: CallbackQuery,
    callback_data: FeedbackSummaryCb,
    i18n: I18nContext,
    actor: Actor,
    feedback: FeedbackService,
    zone: ZoneInfo,
    bot: Bot,
) -> None:
    summary = await feedback.summary(actor, callback_data.session_id)
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
    summary = await feedback.summary(actor, int(argument))
    await message.answer(render_summary(i18n, summary, zone))
