"""A session seen by its workshop's leader (or a coordinator): who is coming, move, cancel,
and the way into attendance, check-in, materials and feedback.

The manage screen and cancelling are one-tap buttons; moving is a form (bot/dialogs/workshops,
MoveSG) that the Move button opens on this same message.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, StartMode
from aiogram_i18n import I18nContext

from bot.dialogs.workshops.states import MoveSG
from bot.notices.sessions import SessionNotices
from bot.services.permissions import Actor
from bot.services.sessions import SessionService
from bot.views.sessions import SessionCb, session_confirm_cancel, session_manage, summary
from bot.views.text import escape
from handlers.replies import show

router = Router(name="session_manage")
router.message.filter(F.chat.type == ChatType.PRIVATE)


@router.callback_query(SessionCb.filter(F.action == "manage"))
async def manage(
    query: CallbackQuery,
    callback_data: SessionCb,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
    zone: ZoneInfo,
) -> None:
    card = await sessions.managed_card(actor, callback_data.id)
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
    await show(query, text[:4000], session_manage(i18n, card))


@router.callback_query(SessionCb.filter(F.action == "move"))
async def move(
    query: CallbackQuery,
    callback_data: SessionCb,
    actor: Actor,
    sessions: SessionService,
    dialog_manager: DialogManager,
) -> None:
    event = await sessions.movable(actor, callback_data.id)
    await dialog_manager.start(
        MoveSG.day, mode=StartMode.RESET_STACK, data={"session_id": event.id}
    )


@router.callback_query(SessionCb.filter(F.action == "cancel"))
async def cancel_ask(
    query: CallbackQuery,
    callback_data: SessionCb,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
) -> None:
    await sessions.managed_card(actor, callback_data.id)
    await show(
        query,
        i18n.get("manage-cancel-sure"),
        session_confirm_cancel(i18n, callback_data.id),
    )


@router.callback_query(SessionCb.filter(F.action == "cancel-yes"))
async def cancel_do(
    query: CallbackQuery,
    callback_data: SessionCb,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
    session_notices: SessionNotices,
) -> None:
    change = await sessions.cancel(actor, callback_data.id)
    told = await session_notices.cancelled(change)
    await show(query, i18n.get("manage-cancelled") + "\n" + i18n.get("manage-told", count=told))
