""" "My school is not listed": the request as coordinators read it, with approve / reject."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.views.text import echo, local_name
from storage.models import SchoolRequest


class SchoolRequestCb(CallbackData, prefix="srq"):
    id: int
    approve: bool


def request_text(i18n: I18nContext, request: SchoolRequest, requester_name: str) -> str:
    place = local_name(request.district, i18n.locale) if request.district else ""
    return i18n.get(
        "school-request-new",
        id=str(request.id),
        name=echo(requester_name),
        school=echo(request.name),
        place=echo(place),
    )


def school_request(i18n: I18nContext, request_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=i18n.get("button-approve"), callback_data=SchoolRequestCb(id=request_id, approve=True)
    )
    kb.button(
        text=i18n.get("button-reject"), callback_data=SchoolRequestCb(id=request_id, approve=False)
    )
    kb.adjust(2)
    return kb.as_markup()
