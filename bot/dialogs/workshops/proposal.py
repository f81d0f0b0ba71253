"""/propose: a leader's workshop for the methodical council (rules of 000, 3.2–3.3).

Each answer is checked by the workshops service's rule for it as it is typed; `propose` checks
the whole again, stores it, and every coordinator is queued the proposal with Approve / Reject.
"""

from __future__ import annotations

import operator
from typing import Any

from aiogram.enums import ContentType
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput, MessageInput, TextInput
from aiogram_dialog.widgets.kbd import Button, Group, Row, Select
from aiogram_dialog.widgets.text import Format

from bot.dialogs.deps import need
from bot.dialogs.states_data import optional_int
from bot.dialogs.subjects.dialog import subjects_getter
from bot.dialogs.widgets import (
    I18nFormat,
    back,
    buttons_only,
    cancel,
    close_with,
    i18n_of,
    text_only,
)
from bot.dialogs.workshops.common import FormLost
from bot.dialogs.workshops.states import ProposalSG
from bot.notices.workshops import WorkshopNotices
from bot.services.permissions import Actor
from bot.services.users import UserService
from bot.services.workshops import (
    InvalidPlan,
    Proposal,
    WorkshopService,
    normalize_audience,
    normalize_method,
    normalize_plan,
    normalize_title,
)
from bot.views.text import echo


async def title_typed(
    message: Message, widget: ManagedTextInput[str], manager: DialogManager, title: str
) -> None:
    manager.dialog_data["title"] = title
    await manager.switch_to(ProposalSG.subject)


async def subject_chosen(
    callback: CallbackQuery, widget: Any, manager: DialogManager, subject_id: int
) -> None:
    # Checked against the directory when the proposal is stored.
    manager.dialog_data["subject_id"] = subject_id
    await manager.switch_to(ProposalSG.method)


async def several_subjects(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data["subject_id"] = None
    await manager.switch_to(ProposalSG.method)


async def method_typed(
    message: Message, widget: ManagedTextInput[str], manager: DialogManager, method: str
) -> None:
    manager.dialog_data["method"] = method
    await manager.switch_to(ProposalSG.audience)


async def audience_typed(
    message: Message, widget: ManagedTextInput[str], manager: DialogManager, audience: str
) -> None:
    manager.dialog_data["audience"] = audience
    await manager.switch_to(ProposalSG.plan)


def _proposal(manager: DialogManager, plan_text: str | None, plan_file_id: str | None) -> Proposal:
    data = manager.dialog_data
    try:
        return Proposal(
            title=str(data["title"]),
            subject_id=optional_int(data.get("subject_id")),
            method=str(data["method"]),
            audience=str(data["audience"]),
            plan_text=plan_text,
            plan_file_id=plan_file_id,
        )
    except KeyError as exc:
        raise FormLost from exc


async def plan_received(message: Message, widget: MessageInput, manager: DialogManager) -> None:
    """The last step: the plan as text or as a document; store, tell the coordinators."""
    if message.document is not None:
        proposal = _proposal(manager, None, message.document.file_id)
    else:
        proposal = _proposal(manager, normalize_plan(message.text or ""), None)
    actor = need(manager, "actor", Actor)
    users = need(manager, "users", UserService)
    workshop = await need(manager, "workshops", WorkshopService).propose(actor, proposal)
    leader = await users.get(actor.user_id)
    await need(manager, "workshop_notices", WorkshopNotices).proposed(
        workshop, (leader.full_name or "") if leader else "", await users.coordinators()
    )
    text = i18n_of(manager).get("propose-sent", title=echo(workshop.title))
    await close_with(message, manager, text)


async def not_a_plan(message: Message, widget: MessageInput, manager: DialogManager) -> None:
    raise InvalidPlan


def _typed(id_: str, factory: Any, on_success: Any) -> TextInput[str]:
    return TextInput(id=id_, type_factory=factory, on_success=on_success)


dialog = Dialog(
    Window(
        I18nFormat("propose-title"),
        _typed("title", normalize_title, title_typed),
        text_only(),
        cancel(),
        state=ProposalSG.title,
    ),
    Window(
        I18nFormat("propose-subject"),
        # All the subjects at once, two a row, as in registration: a leader finds theirs
        # without paging.
        Group(
            Select(
                Format("{item[1]}"),
                id="subject",
                item_id_getter=operator.itemgetter(0),
                items="subjects",
                type_factory=int,
                on_click=subject_chosen,
            ),
            width=2,
        ),
        Button(I18nFormat("workshop-subject-any"), id="several", on_click=several_subjects),
        buttons_only(),
        Row(back(), cancel()),
        getter=subjects_getter,
        state=ProposalSG.subject,
    ),
    Window(
        I18nFormat("propose-method"),
        _typed("method", normalize_method, method_typed),
        text_only(),
        Row(back(), cancel()),
        state=ProposalSG.method,
    ),
    Window(
        I18nFormat("propose-audience"),
        _typed("audience", normalize_audience, audience_typed),
        text_only(),
        Row(back(), cancel()),
        state=ProposalSG.audience,
    ),
    Window(
        I18nFormat("propose-plan"),
        MessageInput(plan_received, content_types=[ContentType.TEXT, ContentType.DOCUMENT]),
        MessageInput(not_a_plan, content_types=ContentType.ANY),
        Row(back(), cancel()),
        state=ProposalSG.plan,
    ),
)
