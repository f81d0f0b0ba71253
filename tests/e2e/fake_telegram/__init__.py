"""A fake Telegram Bot API server for end-to-end tests.

The real bot process is pointed at it with ``TELEGRAM_API_URL`` (aiogram's
``TelegramAPIServer.from_base``), so every byte the bot sends goes through aiogram's real
HTTP client and every answer goes through aiogram's real response parsing. The fake
therefore answers the way Telegram does, including the unpleasant parts a mock usually
skips: long polling with offsets, HTML that Telegram refuses, 64-byte callback data,
"message is not modified", blocked users, flood limits with ``retry_after``, group
migration, slow or failing answers. Tests drive the bot by pushing updates (a user
typing, pressing a button, blocking the bot…) and then assert on the recorded calls.

Everything runs inside the test's event loop; the update-pushing helpers are plain
functions so a test can call them without ``await``.

The parts, one concern a module; :class:`FakeTelegram` (``server``) combines them:

* ``server`` — the aiohttp application: parsing, recording, routing and answering requests;
* ``state`` — everything the fake knows, and resolving a chat as Telegram does;
* ``records`` — FakeUser, RecordedCall, files, RateLimitHit, RetryAfterViolation;
* ``constants``, ``errors``, ``objects`` — limits and error texts, error answers, Telegram objects;
* ``validation`` — decoding request fields and checking reply markup;
* ``formatting`` — TDLib's HTML/MarkdownV2/Markdown parsers, UTF-16 entity offsets;
* ``messages`` — send/edit/delete/copy/forward messages, answer callback queries;
* ``updates`` — pushing updates, long polling, the webhook switch;
* ``chats``, ``commands``, ``files`` — chats and membership, command lists, files;
* ``ratelimits``, ``faults`` — Telegram's flood limits (the model is described there), and
  injected errors and delays;
* ``driving``, ``inspection`` — what a test's people do, and what a test reads back.
"""

from __future__ import annotations

from tests.e2e.botprocess import BotProcess
from tests.support.telegram_formatting import (
    EntityParseError,
    parse_html,
    parse_markdown,
    parse_markdown_v2,
    utf16_len,
)

from .constants import (
    BOT_FIRST_NAME,
    BOT_ID,
    BOT_USERNAME,
    CALLBACK_ANSWER_TEXT_LIMIT,
    CALLBACK_DATA_LIMIT,
    CALLBACK_QUERY_INVALID,
    CAPTION_LIMIT,
    CONFLICT_OTHER_POLL,
    EDIT_METHODS,
    MESSAGE_METHODS,
    NOT_MODIFIED,
    RATE_LIMITED_METHODS,
    TEXT_LIMIT,
    JSONDict,
)
from .errors import ApiError
from .records import (
    FakeUser,
    RateLimitHit,
    RecordedCall,
    RetryAfterViolation,
    StoredFile,
    UploadedFile,
)
from .server import FakeTelegram

__all__ = [
    "BOT_FIRST_NAME",
    "BOT_ID",
    "BOT_USERNAME",
    "CALLBACK_ANSWER_TEXT_LIMIT",
    "CALLBACK_DATA_LIMIT",
    "CALLBACK_QUERY_INVALID",
    "CAPTION_LIMIT",
    "CONFLICT_OTHER_POLL",
    "EDIT_METHODS",
    "MESSAGE_METHODS",
    "NOT_MODIFIED",
    "RATE_LIMITED_METHODS",
    "TEXT_LIMIT",
    "ApiError",
    "BotProcess",
    "EntityParseError",
    "FakeTelegram",
    "FakeUser",
    "JSONDict",
    "RateLimitHit",
    "RecordedCall",
    "RetryAfterViolation",
    "StoredFile",
    "UploadedFile",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
    "utf16_len",
]
