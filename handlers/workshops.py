"""Workshops: /propose opens the proposal form, coordinators approve with one tap or reject with
a reason (a form), and a leader sees their workshops (/myworkshops) and opens the form that
schedules a session of an approved one.

The forms are dialogs in bot/dialogs/workshops/; refusals (a teacher without the leader role, a
workshop that is not theirs, a decided proposal) come from the services and are put into words
by the refusal middleware.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, StartMode
from aiogram_i18n import I18nContext

from bot.dialogs.workshops.states import ProposalSG, RejectionSG, ScheduleSG
from bot.notices.workshops import WorkshopNotices
from bot.services.permissions import Actor
from bot.services.sessions import SessionService
from bot.services.users import UserService
from bot.services.workshops import WorkshopService
from bot.views.text import echo
from bot.views.workshops import (
    WorkshopCb,
    WorkshopDecisionCb,
    workshop_list,
    workshop_manage,
    workshop_text,
)
from handlers.replies import show

router = Router(name="workshops")
router.message.filter(F.chat.type == ChatType.PRIVATE)


@router.message(Command("propose"))
async def propose(
    message: Message, actor: Actor, workshops: WorkshopService, dialog_manager: DialogManager
) -> None:
    workshops.ensure_may_propose(actor)
    await dialog_manager.start(ProposalSG.title, mode=StartMode.RESET_STACK)


# ------------------------------------------------------------------ the council's decision


@router.callback_query(WorkshopDecisionCb.filter(F.approve))
async def approve(
    query: CallbackQuery,
    callback_data: WorkshopDecisionCb,
    i18n: I18nContext,
    actor: Actor,
    workshops: WorkshopService,
    users: UserService,
    workshop_notices: WorkshopNotices,
) -> None:
    workshop = await workshops.decide(actor, callback_data.id, approve=True)
    await show(query, i18n.get("workshop-approved-by-you", title=echo(workshop.title)))
    leader = await users.get(workshop.leader_id)
    if leader is not None:
        await workshop_notices.decided(workshop, leader)


@router.callback_query(WorkshopDecisionCb.filter(~F.approve))
async def reject(
    query: CallbackQuery,
    callback_data: WorkshopDecisionCb,
    actor: Actor,
    workshops: WorkshopService,
    dialog_manager: DialogManager,
) -> None:
    workshop = await workshops.undecided(actor, callback_data.id)
    # The notice itself becomes the question for the reason.
    await dialog_manager.start(
        RejectionSG.reason, mode=StartMode.RESET_STACK, data={"workshop_id": workshop.id}
    )


# ------------------------------------------------------------------ the leader's workshops


@router.message(Command("myworkshops"))
async def my_workshops(
    message: Message, i18n: I18nContext, actor: Actor, workshops: WorkshopService
) -> None:
    items = await workshops.mine(actor)
    if not items:
        await message.answer(i18n.get("workshops-none"))
        return
    await message.answer(i18n.get("workshops-mine"), reply_markup=workshop_list(i18n, items))


@router.callback_query(WorkshopCb.filter(F.action == "open"))
async def open_workshop(
    query: CallbackQuery,
    callback_data: WorkshopCb,
    i18n: I18nContext,
    actor: Actor,
    workshops: WorkshopService,
    sessions: SessionService,
    users: UserService,
) -> None:
    workshop = await workshops.managed(actor, callback_data.id)
    leader = await users.get(workshop.leader_id)
    text = workshop_text(i18n, workshop, (leader.full_name or "") if leader else "")
    text += "\n\n" + i18n.get(f"workshop-status-{workshop.status.value}")
    await show(
        query,
        text,
        workshop_manage(i18n, workshop, await sessions.of_workshop(workshop.id)),
    )


@router.callback_query(WorkshopCb.filter(F.action == "schedule"))
async def schedule(
    query: CallbackQuery,
    callback_data: WorkshopCb,
    actor: Actor,
    workshops: WorkshopService,
    dialog_manager: DialogManager,
) -> None:
    workshop = await workshops.schedulable(actor, callback_data.id)
    # The workshop card becomes the form's first window, the calendar.
    await dialog_manager.start(
        ScheduleSG.day, mode=StartMode.RESET_STACK, data={"workshop_id": workshop.id}
    )
