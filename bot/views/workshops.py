"""How a workshop reads: its card, the proposal coordinators decide on (with the decision
buttons), and the decision the leader is told; a leader's list of workshops and the buttons of
one. Their handlers are in handlers/workshops.py."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.views.sessions import SessionCb
from bot.views.text import escape, short
from storage.models import EventSession, Workshop, WorkshopStatus


class WorkshopDecisionCb(CallbackData, prefix="wsd"):
    id: int
    approve: bool


class WorkshopCb(CallbackData, prefix="wsh"):
    """A leader's own workshop: open it, or schedule a session of it."""

    id: int
    action: str  # "open", "schedule"


def workshop_text(i18n: I18nContext, workshop: Workshop, leader_name: str) -> str:
    return i18n.get(
        "workshop-card",
        id=str(workshop.id),
        title=escape(workshop.title),
        leader=escape(leader_name),
        method=escape(workshop.method[:1500]),
        audience=escape(workshop.audience),
        plan=escape((workshop.plan_text or i18n.get("workshop-plan-attached"))[:1500]),
    )


def proposed_text(i18n: I18nContext, workshop: Workshop, leader_name: str) -> str:
    return i18n.get(
        "workshop-proposed",
        id=str(workshop.id),
        title=escape(workshop.title),
        leader=escape(leader_name),
        method=escape(workshop.method[:1200]),
        audience=escape(workshop.audience),
    )


def decided_text(i18n: I18nContext, workshop: Workshop) -> str:
    """Approved, or rejected with the council's reason."""
    if workshop.rejection_reason is None:
        return i18n.get("workshop-approved", title=escape(workshop.title))
    return i18n.get(
        "workshop-rejected",
        title=escape(workshop.title),
        reason=escape(workshop.rejection_reason),
    )


def workshop_decision(i18n: I18nContext, workshop_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=i18n.get("workshop-approve"),
        callback_data=WorkshopDecisionCb(id=workshop_id, approve=True),
    )
    kb.button(
        text=i18n.get("workshop-reject"),
        callback_data=WorkshopDecisionCb(id=workshop_id, approve=False),
    )
    kb.adjust(2)
    return kb.as_markup()


def workshop_list(i18n: I18nContext, items: Sequence[Workshop]) -> InlineKeyboardMarkup:
    """A leader's workshops (/myworkshops), each marked with where its proposal stands."""
    kb = InlineKeyboardBuilder()
    for workshop in items:
        mark = {"approved": "✅", "proposed": "⏳", "rejected": "✖️"}[workshop.status.value]
        kb.button(
            text=short(f"{mark} {workshop.title}"),
            callback_data=WorkshopCb(id=workshop.id, action="open"),
        )
    kb.adjust(1)
    return kb.as_markup()


def workshop_manage(
    i18n: I18nContext, workshop: Workshop, sessions: Sequence[EventSession]
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for event in sessions:
        kb.button(
            text=short(f"🗓 {event.topic}"), callback_data=SessionCb(id=event.id, action="manage")
        )
    if workshop.status == WorkshopStatus.APPROVED:
        kb.button(
            text=i18n.get("workshop-schedule"),
            callback_data=WorkshopCb(id=workshop.id, action="schedule"),
        )
    kb.adjust(1)
    return kb.as_markup()
