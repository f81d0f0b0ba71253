"""Workshop materials (rules of 000, 4.2): the ways into attaching one (the dialog in
bot/dialogs/materials), /materials for the archive, and the buttons under the materials
delivered after a session."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_i18n import I18nContext

from bot.dialogs.materials.sending import send_material
from bot.dialogs.materials.states import MaterialAddSG, MaterialArchiveSG
from bot.services.materials import MaterialService, normalize_search
from bot.services.permissions import Actor
from bot.views.materials import MaterialAddCb, MaterialOpenCb

log = logging.getLogger(__name__)
router = Router(name="materials")
router.message.filter(F.chat.type == ChatType.PRIVATE)


@router.callback_query(MaterialAddCb.filter())
async def add_start(
    query: CallbackQuery,
    callback_data: MaterialAddCb,
    actor: Actor,
    materials: MaterialService,
    dialog_manager: DialogManager,
) -> None:
    session_id = callback_data.session_id or None
    # Refused here (not the leader, no such session) before any open form is closed.
    target = await materials.target(actor, callback_data.workshop_id, session_id)
    await dialog_manager.start(
        MaterialAddSG.kind,
        mode=StartMode.RESET_STACK,
        data={"workshop_id": target.workshop_id, "session_id": target.session_id},
        # A new message: the card the button sits on stays as it was.
        show_mode=ShowMode.SEND,
    )


@router.message(Command("materials"))
async def archive_command(
    message: Message,
    command: CommandObject,
    i18n: I18nContext,
    actor: Actor,
    dialog_manager: DialogManager,
) -> None:
    if not actor.registered:
        await message.answer(i18n.get("error-not-registered"))
        return
    if command.args and command.args.strip():
        await dialog_manager.start(
            MaterialArchiveSG.found,
            mode=StartMode.RESET_STACK,
            data={"words": normalize_search(command.args)},
        )
        return
    await dialog_manager.start(MaterialArchiveSG.workshops, mode=StartMode.RESET_STACK)


@router.callback_query(MaterialOpenCb.filter())
async def open_material(
    query: CallbackQuery,
    callback_data: MaterialOpenCb,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    item = await materials.open(actor, callback_data.id)
    try:
        await send_material(bot, query.from_user.id, i18n, item)
    except TelegramAPIError as exc:
        log.warning("material %s not sent: %s", item.material.id, exc)
        callback_answer.text = i18n.get("materials-open-failed")
        callback_answer.show_alert = True
