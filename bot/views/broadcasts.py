"""A broadcast's live progress (one message, edited as the outbox drains), its final report,
and the button that stops it."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.delivery.outbox import DeliveryCounts
from storage.models import Broadcast


class BroadcastStopCb(CallbackData, prefix="bcs"):
    id: int


def _figures(broadcast: Broadcast, counts: DeliveryCounts) -> dict[str, str | int]:
    return {
        "id": str(broadcast.id),
        "sent": counts.sent,
        "blocked": counts.blocked,
        "failed": counts.failed + counts.uncertain,
        "left": counts.left,
        "total": counts.total,
    }


def progress_text(
    i18n: I18nContext, broadcast: Broadcast, counts: DeliveryCounts, rate: float
) -> str:
    """While it is being sent; `rate` in messages a second."""
    return i18n.get("broadcast-progress", rate=f"{rate:.1f}", **_figures(broadcast, counts))


def report_text(i18n: I18nContext, broadcast: Broadcast, counts: DeliveryCounts) -> str:
    """Once nothing is left to send: finished, or stopped by a coordinator."""
    key = "broadcast-cancelled" if broadcast.cancelled else "broadcast-finished"
    return i18n.get(key, **_figures(broadcast, counts))


def broadcast_stop(i18n: I18nContext, broadcast_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=i18n.get("broadcast-stop"), callback_data=BroadcastStopCb(id=broadcast_id))
    return kb.as_markup()
