"""Last in line: whatever no feature took still gets an answer that says what to do."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram_i18n import I18nContext

from storage.models import User

router = Router(name="fallback")


@router.callback_query()
async def stale_button(
    query: CallbackQuery, i18n: I18nContext, callback_answer: CallbackAnswer
) -> None:
    # A button from an old message, from a step already passed, or data we never issued.
    callback_answer.text = i18n.get("error-stale-button")
    callback_answer.show_alert = True


@router.message(F.chat.type != ChatType.PRIVATE, F.text.startswith("/"))
async def command_in_group(message: Message, i18n: I18nContext, bot: Bot) -> None:
    """A command typed in a group: point to the private chat, where the bot does its work."""
    command = (message.text or "").split(maxsplit=1)[0]
    me = await bot.me()
    addressee = command.partition("@")[2]
    if addressee and addressee.lower() != (me.username or "").lower():
        return  # a command for another bot in the same group
    await message.reply(i18n.get("error-private-only", bot=me.username or ""))


@router.message(F.chat.type != ChatType.PRIVATE)
async def not_in_private(message: Message) -> None:
    # Group chats are for announcements; the bot does not answer chatter there.
    return None


# An unknown command leaves an open form open: it was a typo, not a change of mind.
@router.message(F.text.startswith("/"), flags={"keeps_form": True})
async def unknown_command(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("error-unknown-command"))


@router.message()
async def unexpected(
    message: Message,
    state: FSMContext,
    i18n: I18nContext,
    user: User | None,
) -> None:
    if await state.get_state() is not None:
        # A form of the old kind whose step this version no longer has: let it go.
        await state.set_state(None)
    if user is None or not user.is_registered:
        await message.answer(i18n.get("error-not-registered"))
        return
    await message.answer(i18n.get("error-not-understood"))


@router.edited_message(F.chat.type == ChatType.PRIVATE)
async def edited(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("error-edited"))
