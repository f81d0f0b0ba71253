"""/broadcast opens the form (bot/dialogs/broadcast); /broadcasts lists the recent ones; the Stop
button under a running broadcast's progress message stops it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram_dialog import DialogManager, StartMode
from aiogram_i18n import I18nContext

from bot.dialogs.broadcast.states import BroadcastSG
from bot.i18n import format_datetime
from bot.services.broadcasts import BroadcastService
from bot.services.permissions import Actor
from bot.views.broadcasts import BroadcastStopCb
from bot.views.text import echo

router = Router(name="broadcast")
router.message.filter(F.chat.type == ChatType.PRIVATE)


@router.message(Command("broadcast"))
async def compose(
    message: Message, actor: Actor, broadcasts: BroadcastService, dialog_manager: DialogManager
) -> None:
    broadcasts.ensure_may_broadcast(actor)
    await dialog_manager.start(BroadcastSG.content, mode=StartMode.RESET_STACK)


@router.callback_query(BroadcastStopCb.filter())
async def stop(
    query: CallbackQuery,
    callback_data: BroadcastStopCb,
    i18n: I18nContext,
    actor: Actor,
    broadcasts: BroadcastService,
    callback_answer: CallbackAnswer,
) -> None:
    stopped = await broadcasts.cancel(actor, callback_data.id)
    callback_answer.text = i18n.get("broadcast-stopping", count=stopped)


@router.message(Command("broadcasts"))
async def history(
    message: Message,
    i18n: I18nContext,
    actor: Actor,
    broadcasts: BroadcastService,
    zone: ZoneInfo,
) -> None:
    items = await broadcasts.recent(actor)
    if not items:
        await message.answer(i18n.get("broadcasts-none"))
        return
    lines = [i18n.get("broadcasts-title")]
    for item in items:
        b, c = item.broadcast, item.counts
        lines.append(
            i18n.get(
                "broadcasts-line",
                id=str(b.id),
                when=format_datetime(i18n, b.created_at, zone),
                audience=echo(b.audience_label, 80),
                sent=c.sent,
                blocked=c.blocked,
                failed=c.failed + c.uncertain,
                left=c.left,
            )
        )
    await message.answer("\n".join(lines))
