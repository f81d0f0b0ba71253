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

from bot import keyboards
from bot.callbacks import SchoolRequestCb
from bot.delivery.outbox import Outbox
from bot.services.errors import DomainError
from bot.services.permissions import Actor
from bot.services.school_requests import SchoolRequestService
from bot.services.users import UserService
from handlers.replies import echo, show
from storage.models import SchoolRequest, User

log = logging.getLogger(__name__)
router = Router(name="school_requests")
router.message.filter(F.chat.type == ChatType.PRIVATE)


def _request_text(
    i18n: I18nContext, language: str, request: SchoolRequest, requester_name: str, place: str
) -> str:
    return i18n.get(
        "school-request-new",
        language,
        id=str(request.id),
        name=echo(requester_name),
        school=echo(request.name),
        place=echo(place),
    )


async def notify_coordinators(
    outbox: Outbox, users: UserService, i18n: I18nContext, request: SchoolRequest, requester: User
) -> int:
    """Queue the request for every active coordinator, each in their own language."""
    by_language: dict[str, list[int]] = {}
    for coordinator in await users.coordinators():
        by_language.setdefault(coordinator.language, []).append(coordinator.id)
    queued = 0
    for language, ids in by_language.items():
        place = keyboards.local_name(request.district, language) if request.district else ""
        with i18n.use_locale(language):
            markup = keyboards.school_request(i18n, request.id)
            text = _request_text(i18n, language, request, requester.full_name or "", place)
        queued += await outbox.send_text(
            f"school-request:{request.id}", ids, text, reply_markup=markup
        )
    if not queued:
        log.warning("school request %s: no active coordinator to tell", request.id)
    return queued


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
        place = keyboards.local_name(request.district, i18n.locale)
        await message.answer(
            _request_text(i18n, i18n.locale, request, requester_name, place),
            reply_markup=keyboards.school_request(i18n, request.id),
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
