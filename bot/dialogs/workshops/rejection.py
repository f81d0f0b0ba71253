"""A coordinator rejects a proposal: the reason, which the leader receives.

Started by the Reject button under the proposal notice (handlers/workshops.py); the notice
itself becomes the question, and Back turns it into the proposal with its buttons again.
"""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput, TextInput
from aiogram_dialog.widgets.kbd import Button

from bot.dialogs.deps import need
from bot.dialogs.widgets import I18nFormat, close_with, i18n_of, text_only
from bot.dialogs.workshops.common import required
from bot.dialogs.workshops.states import RejectionSG
from bot.notices.workshops import WorkshopNotices
from bot.services.errors import NotFound
from bot.services.permissions import Actor
from bot.services.users import UserService
from bot.services.workshops import WorkshopService, normalize_reason
from bot.views.text import echo
from bot.views.workshops import proposed_text, workshop_decision

TITLE_SHOWN = 100


async def proposal_getter(
    dialog_manager: DialogManager, workshops: WorkshopService, **_: Any
) -> dict[str, Any]:
    workshop = await workshops.get(required(dialog_manager, "workshop_id"))
    if workshop is None:
        raise NotFound
    return {"title": echo(workshop.title, TITLE_SHOWN)}


async def reason_typed(
    message: Message, widget: ManagedTextInput[str], manager: DialogManager, reason: str
) -> None:
    workshops = need(manager, "workshops", WorkshopService)
    workshop = await workshops.decide(
        need(manager, "actor", Actor),
        required(manager, "workshop_id"),
        approve=False,
        reason=reason,
    )
    leader = await need(manager, "users", UserService).get(workshop.leader_id)
    if leader is not None:
        await need(manager, "workshop_notices", WorkshopNotices).decided(workshop, leader)
    text = i18n_of(manager).get("workshop-rejected-by-you", title=echo(workshop.title))
    await close_with(message, manager, text)


async def back_to_proposal(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    """Nothing decided: the message is the proposal with Approve / Reject again."""
    workshop = await need(manager, "workshops", WorkshopService).get(
        required(manager, "workshop_id")
    )
    if workshop is None:
        raise NotFound
    leader = await need(manager, "users", UserService).get(workshop.leader_id)
    i18n = i18n_of(manager)
    text = proposed_text(i18n, workshop, (leader.full_name or "") if leader else "")
    await close_with(callback, manager, text, workshop_decision(i18n, workshop.id))


dialog = Dialog(
    Window(
        I18nFormat("workshop-reject-reason"),
        TextInput(id="reason", type_factory=normalize_reason, on_success=reason_typed),
        text_only(),
        # The only way out is back to the proposal: a plain Cancel would leave the notice
        # without its buttons.
        Button(I18nFormat("button-back"), id="to_proposal", on_click=back_to_proposal),
        getter=proposal_getter,
        state=RejectionSG.reason,
    ),
)
