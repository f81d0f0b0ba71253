"""The menu of commands Telegram shows, per language and, for privileged people, per chat."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from aiogram_i18n.cores import BaseCore

from bot.services.permissions import Actor
from bot.settings import LANGUAGES
from storage.models import Role

log = logging.getLogger(__name__)

TEACHER_COMMANDS = (
    "sessions",
    "my",
    "checkin",
    "materials",
    "profile",
    "language",
    "help",
    "cancel",
    "start",
)
LEADER_COMMANDS = ("propose", "myworkshops", "feedback")
COORDINATOR_COMMANDS = ("broadcast", "broadcasts", "requests", "grant", "feedback")


def commands_for(core: BaseCore[object], language: str, actor: Actor | None) -> list[BotCommand]:
    names = list(TEACHER_COMMANDS)
    if actor is not None and actor.has(Role.LEADER):
        names += LEADER_COMMANDS
    if actor is not None and actor.is_coordinator:
        names += COORDINATOR_COMMANDS
    return [
        BotCommand(command=name, description=core.get(f"command-{name}", language))
        for name in dict.fromkeys(names)  # a coordinator who also leads: each command once
    ]


async def register_default_commands(bot: Bot, core: BaseCore[object], default: str) -> None:
    """Commands for everyone: one list per language, the default language's list as fallback."""
    for language in LANGUAGES:
        await bot.set_my_commands(
            commands_for(core, language, None),
            scope=BotCommandScopeDefault(),
            language_code=language,
        )
    await bot.set_my_commands(commands_for(core, default, None), scope=BotCommandScopeDefault())


async def register_chat_commands(
    bot: Bot, core: BaseCore[object], chat_id: int, language: str, actor: Actor
) -> None:
    """A person's own menu, in the language they chose in the bot (not their app's)."""
    try:
        await bot.set_my_commands(
            commands_for(core, language, actor), scope=BotCommandScopeChat(chat_id=chat_id)
        )
    except TelegramAPIError as exc:
        # The menu is a convenience: a failure here must not break the answer being given.
        log.warning("could not set commands for chat %s: %s", chat_id, exc)
