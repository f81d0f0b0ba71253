"""The yardstick for bench/updates.py: the least an aiogram 3 bot can do per update.

One Dispatcher, long polling, no database, no middlewares of its own:

- any message (including /start and /sessions) gets one sendMessage, carrying one inline button
  so that the benchmark has a message to press;
- any callback query gets answerCallbackQuery and one editMessageText of its message.

It talks to Telegram the way Birgemiz does (the same aiohttp session class, parse_mode HTML,
TELEGRAM_API_URL for another Bot API server) and stops on SIGINT / SIGTERM.

    BOT_TOKEN=… TELEGRAM_API_URL=http://127.0.0.1:PORT .venv/bin/python -m bench.bare_bot
"""

from __future__ import annotations

import asyncio
import os

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

TAP = "tap"


def button(label: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=label, callback_data=TAP)]]
    )


dispatcher = Dispatcher()


@dispatcher.message()
async def any_message(message: Message) -> None:
    await message.answer(f"Сәлем, <b>{message.chat.id}</b>!", reply_markup=button("Басу"))


@dispatcher.callback_query()
async def any_callback(query: CallbackQuery) -> None:
    await query.answer("Жазылдыңыз")
    if isinstance(query.message, Message):
        await query.message.edit_text(
            f"Жазылдыңыз, <b>{query.from_user.id}</b>.", reply_markup=button("Қайта басу")
        )


async def main() -> None:
    api = os.environ.get("TELEGRAM_API_URL")
    session = AiohttpSession(api=TelegramAPIServer.from_base(api)) if api else AiohttpSession()
    bot = Bot(
        os.environ["BOT_TOKEN"],
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    await dispatcher.start_polling(
        bot,
        polling_timeout=int(os.environ.get("POLLING_TIMEOUT", "10")),
        handle_signals=True,
        close_bot_session=True,
    )


if __name__ == "__main__":
    asyncio.run(main())
