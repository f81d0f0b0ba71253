"""Moving a session: its new day and time, then everyone holding a place is told."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager
from aiogram_i18n import I18nContext

from bot.dialogs.deps import need
from bot.dialogs.widgets import I18nFormat, close_with, i18n_of, zone_of
from bot.dialogs.workshops.common import required
from bot.dialogs.workshops.states import MoveSG
from bot.dialogs.workshops.when import when_windows
from bot.i18n import format_datetime
from bot.notices.sessions import SessionNotices
from bot.services.permissions import Actor
from bot.services.sessions import SessionService
from bot.views.sessions import summary
from bot.views.text import echo

TOPIC_SHOWN = 100


async def session_getter(
    dialog_manager: DialogManager,
    i18n: I18nContext,
    sessions: SessionService,
    actor: Actor,
    zone: ZoneInfo,
    **_: Any,
) -> dict[str, Any]:
    event = await sessions.movable(actor, required(dialog_manager, "session_id"))
    return {
        "topic": echo(event.topic, TOPIC_SHOWN),
        "when": format_datetime(i18n, event.starts_at, zone),
    }


async def moved(
    event: CallbackQuery | Message, manager: DialogManager, starts_at: datetime
) -> None:
    sessions = need(manager, "sessions", SessionService)
    change = await sessions.move(
        need(manager, "actor", Actor), required(manager, "session_id"), starts_at
    )
    told = await need(manager, "session_notices", SessionNotices).moved(change)
    i18n = i18n_of(manager)
    text = "\n".join(
        [
            i18n.get(
                "manage-moved",
                summary=summary(i18n, change.session, zone_of(manager), show_link=True),
            ),
            i18n.get("manage-told", count=told),
        ]
    )
    await close_with(event, manager, text)


dialog = Dialog(
    *when_windows(
        MoveSG.day,
        MoveSG.time,
        question=I18nFormat("manage-move-day"),
        getter=session_getter,
        on_chosen=moved,
    ),
)
