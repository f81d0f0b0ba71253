""" "My school is not listed": coordinators see the request and add the school or decline it."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram_i18n import I18nContext

from bot.services.errors import DomainError
from bot.services.permissions import Actor
from bot.services.school_requests import SchoolRequestService
from bot.views.school_requests import SchoolRequestCb, request_text, school_request
from bot.views.text import echo
from handlers.replies import show

log = logging.getLogger(__name__)
router = Router(name="school_requests")
router.message.filter(F.chat.type == ChatType.PRIVATE)


@router.message(Command("requests"))
async def list_requests(
    message: Message,
    actor: Actor,
    i18n: I18nContext,
    school_requests: SchoolRequestService,
) -> None:
    if not actor.is_coordinator:
        await message.answer(i18n.get("error-permission"))
        return
    pending = await school_requests.pending()
    if not pending:
        await message.answer(i18n.get("school-requests-none"))
        return
    for request, requester_name in pending:
        await message.answer(
            request_text(i18n, request, requester_name),
            reply_markup=school_request(i18n, request.id),
        )


@router.callback_query(SchoolRequestCb.filter())
async def decide(
    query: CallbackQuery,
    callback_data: SchoolRequestCb,
    actor: Actor,
    i18n: I18nContext,
    school_requests: SchoolRequestService,
    callback_answer: CallbackAnswer,
    bot: Bot,
) -> None:
    try:
        decision = await school_requests.decide(
            actor, callback_data.id, approve=callback_data.approve
        )
    except DomainError as exc:
        callback_answer.text = i18n.get(exc.code)
        callback_answer.show_alert = True
        return
    outcome = "school-request-approved" if decision.approved else "school-request-rejected"
    await show(query, i18n.get(outcome, school=echo(decision.school_name)))
    teacher_key = (
        "school-request-teacher-approved"
        if decision.approved
        else ("school-request-teacher-rejected")
    )
    try:
        await bot.send_message(
            decision.user_id,
            i18n.get(teacher_key, decision.user_language, school=echo(decision.school_name)),
        )
    except TelegramAPIError as exc:
        log.info(
            "teacher %s not told about request %s: %s", decision.user_id, decision.request_id, exc
        )
