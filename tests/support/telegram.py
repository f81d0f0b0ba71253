"""Telegram at the network edge, in process: a Bot session that records every request and
answers it as the Bot API would, and people who talk to the real Dispatcher through it.

Only the HTTP hop is replaced. Updates go through `Dispatcher.feed_raw_update` exactly as
polling delivers them, so routers, filters, middlewares, dialogs and the database are the
production ones. The recorder checks what Telegram itself would refuse (text over 4096
characters, callback data over 64 bytes, a reply to an unknown message) and keeps a list of
violations that the fixtures assert empty.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import AsyncGenerator, Iterator
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import Default
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
    AnswerCallbackQuery,
    CopyMessage,
    EditMessageReplyMarkup,
    EditMessageText,
    GetMe,
    SendDocument,
    SendMessage,
    SendPhoto,
    SendVideo,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import MessageId, User

from tests.support.telegram_formatting import EntityParseError, parse_html, utf16_len

TEXT_MAX = 4096
CAPTION_MAX = 1024
CALLBACK_DATA_MAX = 64
BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "Біргеміз", "username": "birgemiz_bot"}
_LEADING_MARKS = re.compile(r"^\W+")  # "✅ Дайын" is the button "Дайын"

JSONDict = dict[str, Any]


def visible(text: str) -> str:
    """What a person reads of an HTML message: the tags gone, the entities unescaped."""
    try:
        return parse_html(text)[0]
    except EntityParseError:
        return text


@dataclass
class Request:
    method: str
    params: JSONDict
    chat_id: int | None
    time: float = field(default_factory=time.monotonic)

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")


class RecordingSession(BaseSession):
    """Answers Bot API calls from memory and keeps every chat's messages for people to tap."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[Request] = []
        self.messages: dict[int, dict[int, JSONDict]] = {}
        self.callback_answers: dict[str, JSONDict] = {}
        self.violations: list[str] = []
        self._ids = itertools.count(1)

    async def close(self) -> None:
        return None

    async def stream_content(  # type: ignore[override]
        self,
        url: str,
        headers: Any = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        yield b""

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        defaults = {
            name: bot.default[value.name] for name, value in method if isinstance(value, Default)
        }
        params = method.model_copy(update=defaults).model_dump(mode="json", exclude_none=True)
        chat_id = params.get("chat_id")
        self.requests.append(
            Request(type(method).__name__, params, chat_id if isinstance(chat_id, int) else None)
        )
        self._check(params)
        result: Any = self._answer(bot, method, params)
        return result  # type: ignore[no-any-return]

    def _check(self, params: JSONDict) -> None:
        html_mode = params.get("parse_mode") == "HTML"
        for name, limit in (("text", TEXT_MAX), ("caption", CAPTION_MAX)):
            value = params.get(name)
            if not isinstance(value, str):
                continue
            shown = value
            if html_mode:
                try:
                    shown, _ = parse_html(value)
                except EntityParseError as exc:
                    self.violations.append(f"{name} is not HTML Telegram can parse: {exc}")
            if not (1 if name == "text" else 0) <= utf16_len(shown) <= limit:
                self.violations.append(f"{name} of {utf16_len(shown)} characters")
        for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and len(data.encode()) > CALLBACK_DATA_MAX:
                    self.violations.append(f"callback data over 64 bytes: {data!r}")

    def _answer(self, bot: Bot, method: TelegramMethod[Any], params: JSONDict) -> Any:
        if isinstance(method, GetMe):
            return User.model_validate(BOT_USER)
        if isinstance(method, AnswerCallbackQuery):
            if method.callback_query_id in self.callback_answers:
                # Telegram takes one answer per press; the person sees only the first.
                raise TelegramBadRequest(
                    method, "Bad Request: query is too old and response timeout expired"
                )
            self.callback_answers[method.callback_query_id] = params
            return True
        if isinstance(method, SendMessage | SendDocument | SendPhoto | SendVideo):
            return self._store(bot, params, new=True)
        if isinstance(method, EditMessageText | EditMessageReplyMarkup):
            return self._store(bot, params, new=False)
        if isinstance(method, CopyMessage):
            return MessageId(message_id=next(self._ids))
        if method.__returning__ is bool:
            return True
        raise NotImplementedError(f"the recorder does not answer {type(method).__name__}")

    def _store(self, bot: Bot, params: JSONDict, *, new: bool) -> Any:
        from aiogram.types import Message

        chat_id = int(params["chat_id"])
        chat = self.messages.setdefault(chat_id, {})
        if new:
            message_id = next(self._ids)
            message: JSONDict = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                "from": BOT_USER,
            }
            if "document" in params or "photo" in params or "video" in params:
                message["caption"] = params.get("caption", "")
                message["document"] = {"file_id": "doc", "file_unique_id": "doc"}
            else:
                message["text"] = params.get("text", "")
        else:
            message_id = int(params["message_id"])
            if message_id not in chat:
                self.violations.append(f"edit of unknown message {message_id} in {chat_id}")
                message = {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private"},
                    "from": BOT_USER,
                }
            else:
                message = dict(chat[message_id])
            if "text" in params:
                message["text"] = params["text"]
            message.pop("reply_markup", None)
        if "reply_markup" in params and "inline_keyboard" in params["reply_markup"]:
            message["reply_markup"] = params["reply_markup"]
        chat[message_id] = message
        return Message.model_validate(message, context={"bot": bot})

    # What the tests read.

    def chat_messages(self, chat_id: int) -> list[JSONDict]:
        return list(self.messages.get(chat_id, {}).values())

    def sent_since(self, mark: int, chat_id: int) -> list[Request]:
        return [r for r in self.requests[mark:] if r.chat_id == chat_id]


def buttons(message: JSONDict) -> Iterator[tuple[str, str]]:
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        for button in row:
            if "callback_data" in button:
                yield button["text"], button["callback_data"]


SHOWN = {"SendMessage", "EditMessageText", "SendDocument", "SendPhoto", "SendVideo", "CopyMessage"}


class Person:
    """Someone writing to the bot in a private chat; each action returns what they were shown."""

    _update_ids = itertools.count(1)

    def __init__(
        self, dispatcher: Dispatcher, bot: Bot, session: RecordingSession, user: JSONDict
    ) -> None:
        self.dispatcher = dispatcher
        self.bot = bot
        self.session = session
        self.user = user

    @property
    def id(self) -> int:
        return int(self.user["id"])

    async def _feed(self, update: JSONDict) -> None:
        update["update_id"] = next(self._update_ids)
        await self.dispatcher.feed_raw_update(self.bot, update)

    def _shown_since(self, mark: int) -> list[str]:
        return [r.text for r in self.session.sent_since(mark, self.id) if r.method in SHOWN]

    async def say(self, text: str) -> list[str]:
        """Type a message; the texts the bot showed in answer (new or edited)."""
        mark = len(self.session.requests)
        await self._feed({"message": self._message(text=text)})
        return self._shown_since(mark)

    async def send(self, **content: Any) -> list[str]:
        """Send a message with other content (document=..., photo=..., caption=...)."""
        mark = len(self.session.requests)
        await self._feed({"message": self._message(**content)})
        return self._shown_since(mark)

    def _message(self, **content: Any) -> JSONDict:
        return {
            "message_id": next(self.session._ids),
            "date": int(time.time()),
            "chat": {"id": self.id, "type": "private", "first_name": self.user["first_name"]},
            "from": self.user,
            **content,
        }

    async def tap(self, label: str) -> list[str]:
        """Press the button whose label contains `label` on the newest message offering it;
        the texts shown and the callback's alert or toast, if any."""
        message, data = self.find_button(label)
        return await self.press(message, data)

    async def press(self, message: JSONDict, data: str) -> list[str]:
        mark = len(self.session.requests)
        query_id = f"q{next(self._update_ids)}"
        await self._feed(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self.user,
                    "chat_instance": str(self.id),
                    "message": message,
                    "data": data,
                }
            }
        )
        shown = self._shown_since(mark)
        answer = self.session.callback_answers.get(query_id)
        if answer is None:
            raise AssertionError(f"the bot left the button {data!r} unanswered")
        if answer.get("text"):
            shown.append(str(answer["text"]))
        return shown

    def find_button(self, label: str) -> tuple[JSONDict, str]:
        """The newest message's button labelled exactly `label`, else the first containing it."""
        wanted = label.casefold()
        for message in reversed(self.session.chat_messages(self.id)):
            found = list(buttons(message))
            for text, data in found:
                if wanted in (text.casefold(), _LEADING_MARKS.sub("", text).casefold()):
                    return message, data
            for text, data in found:
                if wanted in text.casefold():
                    return message, data
        raise AssertionError(f"no button {label!r} for {self.id}; last: {self.last_text()!r}")

    def last(self) -> JSONDict:
        return self.session.chat_messages(self.id)[-1]

    def last_text(self) -> str:
        messages = self.session.chat_messages(self.id)
        return (
            str(messages[-1].get("text") or messages[-1].get("caption") or "") if messages else ""
        )

    def buttons(self) -> list[str]:
        return (
            [text for text, _ in buttons(self.last())]
            if self.session.chat_messages(self.id)
            else []
        )
