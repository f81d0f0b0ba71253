"""Feedback on a session (кері байланыс, rules of 000, 5.5) in the message of the request.

Each answer is stored the moment it is given, as it always was: a teacher who rates the
session and walks away has still rated it. The rules (a participant, within 7 days of the end,
a comment of at most 1000 characters) are FeedbackService's; its refusals are worded by the
refusal middleware. The dialog ends in the thanks, whose button (FeedbackEditCb, a plain
callback that outlives the dialog) opens it again to change the answer.
"""

from __future__ import annotations

import operator
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.enums import ContentType
from aiogram.types import CallbackQuery, Message
from aiogram.types import User as TelegramUser
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput, MessageInput, TextInput
from aiogram_dialog.widgets.kbd import Button, Column, Group, Select
from aiogram_dialog.widgets.text import Format
from aiogram_i18n import I18nContext

from bot.dialogs.deps import need
from bot.dialogs.feedback.states import FeedbackSG
from bot.dialogs.states_data import optional_int
from bot.dialogs.widgets import I18nFormat, back, buttons_only, close_with, i18n_of, zone_of
from bot.i18n import format_datetime
from bot.services.errors import NotFound
from bot.services.feedback import (
    COMMENT_MAX,
    SCORES,
    FeedbackService,
    feedback_deadline,
    normalize_comment,
)
from bot.views.feedback import feedback_edit, request_text
from storage.models import ApplyAnswer, EventSession

SCORE = "score"


def _session_id(manager: DialogManager) -> int:
    start = manager.start_data if isinstance(manager.start_data, dict) else {}
    session_id = optional_int(start.get("session_id"))
    if session_id is None:
        raise NotFound
    return session_id


def _user_id(manager: DialogManager) -> int:
    return need(manager, "event_from_user", TelegramUser).id


def _score(manager: DialogManager) -> int:
    start = manager.start_data if isinstance(manager.start_data, dict) else {}
    chosen = optional_int(manager.dialog_data.get(SCORE))
    return chosen if chosen is not None else optional_int(start.get(SCORE)) or 0


async def request_getter(
    dialog_manager: DialogManager,
    i18n: I18nContext,
    feedback: FeedbackService,
    zone: ZoneInfo,
    **_: Any,
) -> dict[str, Any]:
    event = await feedback.event_session(_session_id(dialog_manager))
    return {
        "request": request_text(i18n, event, zone, nudge=False),
        "scores": [(score, str(score)) for score in SCORES],
    }


async def apply_getter(
    dialog_manager: DialogManager, i18n: I18nContext, **_: Any
) -> dict[str, Any]:
    return {
        "score": str(_score(dialog_manager)),
        "answers": [
            (answer.value, i18n.get(f"feedback-apply-{answer.value}")) for answer in ApplyAnswer
        ],
    }


async def comment_getter(**_: Any) -> dict[str, Any]:
    return {"max": str(COMMENT_MAX)}


async def score_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, score: int
) -> None:
    feedback = need(manager, "feedback", FeedbackService)
    await feedback.record_score(_user_id(manager), _session_id(manager), score)
    manager.dialog_data[SCORE] = score
    await manager.switch_to(FeedbackSG.apply)


async def apply_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, answer: str
) -> None:
    feedback = need(manager, "feedback", FeedbackService)
    await feedback.record_apply(_user_id(manager), _session_id(manager), answer)
    await manager.switch_to(FeedbackSG.comment)


def _thanks(manager: DialogManager, event: EventSession) -> str:
    i18n = i18n_of(manager)
    until = format_datetime(i18n, feedback_deadline(event), zone_of(manager))
    return i18n.get("feedback-thanks", until=until)


async def comment_typed(
    message: Message, widget: ManagedTextInput[str], manager: DialogManager, comment: str
) -> None:
    feedback = need(manager, "feedback", FeedbackService)
    session_id = _session_id(manager)
    await feedback.record_comment(_user_id(manager), session_id, comment)
    event = await feedback.event_session(session_id)
    text = _thanks(manager, event)
    # The question loses its buttons; the thanks comes after the comment, as a reply would.
    await close_with(message, manager, text, feedback_edit(i18n_of(manager), session_id))


async def comment_not_text(message: Message, widget: MessageInput, manager: DialogManager) -> None:
    await message.answer(i18n_of(manager).get("feedback-comment-expected-text"))


async def finish(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    """No comment this time (or, on the score question, no change): what is stored stays."""
    feedback = need(manager, "feedback", FeedbackService)
    session_id = _session_id(manager)
    event = await feedback.ensure_can_answer(_user_id(manager), session_id)
    text = _thanks(manager, event)
    await close_with(callback, manager, text, feedback_edit(i18n_of(manager), session_id))


dialog = Dialog(
    Window(
        Format("{request}"),
        Group(
            Select(
                Format("{item[1]}"),
                id="scores",
                item_id_getter=operator.itemgetter(0),
                items="scores",
                type_factory=int,
                on_click=score_chosen,
            ),
            width=len(SCORES),
        ),
        # Reached only with an answer stored: leaving keeps it, so it ends in the thanks.
        Button(I18nFormat("button-cancel"), id="keep", on_click=finish),
        buttons_only(),
        getter=request_getter,
        state=FeedbackSG.score,
    ),
    Window(
        I18nFormat("feedback-ask-apply"),
        Column(
            Select(
                Format("{item[1]}"),
                id="apply",
                item_id_getter=operator.itemgetter(0),
                items="answers",
                on_click=apply_chosen,
            )
        ),
        back(),
        buttons_only(),
        getter=apply_getter,
        state=FeedbackSG.apply,
    ),
    Window(
        I18nFormat("feedback-ask-comment"),
        TextInput(id="comment", type_factory=normalize_comment, on_success=comment_typed),
        # Like text_only(), in words that point to the Skip button.
        MessageInput(comment_not_text, content_types=ContentType.ANY),
        Button(I18nFormat("feedback-skip"), id="skip", on_click=finish),
        back(),
        getter=comment_getter,
        state=FeedbackSG.comment,
    ),
)
