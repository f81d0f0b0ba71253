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

Rate-limit model (all numbers are per-instance attributes, settable at any time):

* globally at most ``global_per_second`` (30) message sends/edits in any sliding second;
* a private chat is a token bucket of ``private_burst`` (3) tokens refilled at
  ``private_per_second`` (1) per second: Telegram's documented "about one message per
  second" in a chat, with the short bursts it tolerates in practice;
* a group/supergroup/channel allows ``group_per_minute`` (20) in any sliding minute.

A refused request consumes nothing. Every 429 is recorded in :attr:`rate_limit_hits`;
any later send to that chat (or anywhere, for the global limit, or the same method for
an injected 429 on a non-sending method) before its ``retry_after`` has passed is
answered 429 again and recorded in :attr:`retry_after_violations`. ``rate_limits=False``
switches off the built-in limiter only; deadlines from injected 429s are still enforced.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import math
import mimetypes
import re
import secrets
import time
import traceback
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Final

from aiohttp import web

from .botprocess import BotProcess

__all__ = [
    "BOT_FIRST_NAME",
    "BOT_ID",
    "BOT_USERNAME",
    "ApiError",
    "BotProcess",
    "FakeTelegram",
    "FakeUser",
    "RateLimitHit",
    "RecordedCall",
    "RetryAfterViolation",
    "StoredFile",
    "UploadedFile",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
]

JSONDict = dict[str, Any]

BOT_ID: Final = 7000000001
BOT_USERNAME: Final = "birgemiz_test_bot"
BOT_FIRST_NAME: Final = "Birgemiz Test"

TEXT_LIMIT: Final = 4096
CAPTION_LIMIT: Final = 1024
CALLBACK_DATA_LIMIT: Final = 64
CALLBACK_ANSWER_TEXT_LIMIT: Final = 200

MESSAGE_METHODS: Final = frozenset(
    {"sendMessage", "sendDocument", "sendPhoto", "copyMessage", "forwardMessage"}
)
"""Methods that create a message; what :meth:`FakeTelegram.sent_to` reports."""

EDIT_METHODS: Final = frozenset({"editMessageText", "editMessageReplyMarkup", "editMessageCaption"})

RATE_LIMITED_METHODS: Final = MESSAGE_METHODS | EDIT_METHODS
"""Only these count towards (and are refused by) the flood limits, as on Telegram."""

CALLBACK_QUERY_INVALID: Final = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
NOT_MODIFIED: Final = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
CONFLICT_OTHER_POLL: Final = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)

_DEFAULT_EXCLUDED_UPDATES: Final = frozenset(
    {"chat_member", "message_reaction", "message_reaction_count"}
)
_CHAT_ACTIONS: Final = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_SCOPE_TYPES: Final = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
_COMMAND_RE: Final = re.compile(r"[a-z0-9_]{1,32}")
_INT_RE: Final = re.compile(r"-?\d+")
_FORM_TYPES: Final = ("multipart/form-data", "application/x-www-form-urlencoded")

# Parameters that aiogram (and other clients) send JSON-encoded inside a form field.
_JSON_FIELDS: Final = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "allowed_updates",
        "link_preview_options",
        "reply_parameters",
        "media",
        "menu_button",
        "results",
        "options",
        "permissions",
        "explanation_entities",
        "suggested_post_parameters",
    }
)
# Free-text parameters: never guessed to be JSON or numbers, whatever they look like.
_TEXT_FIELDS: Final = frozenset(
    {
        "text",
        "caption",
        "callback_data",
        "description",
        "short_description",
        "name",
        "title",
        "query",
        "url",
        "emoji",
        "parse_mode",
        "language_code",
        "action",
        "callback_query_id",
        "inline_message_id",
        "file_id",
        "document",
        "photo",
        "secret_token",
    }
)
_INT_FIELDS: Final = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "user_id",
        "offset",
        "limit",
        "timeout",
        "message_thread_id",
        "reply_to_message_id",
        "cache_time",
        "max_connections",
        "until_date",
    }
)
_BOOL_FIELDS: Final = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "disable_content_type_detection",
        "has_spoiler",
        "show_caption_above_media",
        "allow_paid_broadcast",
        "only_if_banned",
        "revoke_messages",
    }
)


# =====================================================================================
# Records
# =====================================================================================


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user the test plays; pass it to the update-pushing helpers."""

    id: int
    first_name: str = "Test"
    language_code: str | None = "kk"
    username: str | None = None
    last_name: str | None = None

    def to_dict(self) -> JSONDict:
        """The ``User`` object as Telegram puts it in ``from`` fields."""
        user: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def private_chat(self) -> JSONDict:
        """The ``Chat`` object of this user's private chat with the bot."""
        chat: JSONDict = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.username:
            chat["username"] = self.username
        return chat


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request, kept so tests can check what the bot sent."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class StoredFile:
    """A file the fake knows by file_id (uploaded by the bot or sent by a fake user)."""

    file_id: str
    file_unique_id: str
    kind: str
    file_name: str | None = None
    mime_type: str | None = None
    data: bytes | None = None
    file_size: int | None = None
    file_path: str | None = None


@dataclass
class RecordedCall:
    """One HTTP request to the Bot API, recorded the moment it arrives.

    ``status``/``response`` stay None while the call is being answered (a long poll, an
    injected delay); predicates given to :meth:`FakeTelegram.wait_for` see such pending
    calls too, so "the bot is polling" can be detected without waiting for the poll.
    """

    method: str
    params: JSONDict
    token: str
    time: float
    http_method: str = "POST"
    files: dict[str, UploadedFile] = field(default_factory=dict)
    status: int | None = None
    response: JSONDict | None = None
    answered_at: float | None = None
    chat_id: int | str | None = None
    message: JSONDict | None = None
    """For successful send/edit calls: the resulting Message (a snapshot at that time)."""
    abandoned: bool = False
    """The client had disconnected before the answer (e.g. a killed bot's pending poll)."""

    @property
    def pending(self) -> bool:
        """Whether the call has not been answered yet."""
        return self.status is None

    @property
    def ok(self) -> bool:
        """Whether the call was answered 200."""
        return self.status == 200

    @property
    def result(self) -> Any:
        """The ``result`` of a successful answer (None otherwise)."""
        return self.response.get("result") if self.response else None

    @property
    def description(self) -> str | None:
        """The error description of a failed answer."""
        return self.response.get("description") if self.response else None

    @property
    def text(self) -> str | None:
        """Text as the user sees it (after parse_mode), else the raw text/caption param."""
        if self.message is not None:
            value = self.message.get("text", self.message.get("caption"))
            if isinstance(value, str):
                return value
        raw = self.params.get("text", self.params.get("caption"))
        return raw if isinstance(raw, str) else None

    def summary(self, origin: float = 0.0) -> str:
        """A one-line description for assertion messages."""
        state = "pending" if self.status is None else str(self.status)
        if self.abandoned:
            state += " (client gone)"
        detail = ""
        if self.status not in (None, 200):
            detail = f" {self.description!r}"
        elif self.text is not None:
            detail = f" {_shorten(self.text)!r}"
        elif self.method == "getUpdates" and isinstance(self.result, list):
            detail = f" {len(self.result)} update(s)"
        elif "callback_data" in self.params or "callback_query_id" in self.params:
            detail = f" {self.params.get('callback_query_id')!r}"
        chat = f" chat={self.chat_id}" if self.chat_id is not None else ""
        return f"{self.time - origin:8.3f}s {self.method}{chat} -> {state}{detail}"


@dataclass(frozen=True)
class RateLimitHit:
    """A 429 the fake gave (flood limit, a violation, or an injected error)."""

    time: float
    method: str
    chat_id: int | str | None
    retry_after: int | None
    reason: str
    """``global``, ``private``, ``group``, ``still_limited`` (a violation) or ``injected``."""


@dataclass(frozen=True)
class RetryAfterViolation:
    """A request that arrived before the ``retry_after`` it had been given expired."""

    time: float
    method: str
    chat_id: int | str | None
    scope: str
    """``chat``, ``global`` or ``method`` (an injected 429 on a method without a chat)."""
    deadline: float
    early_by: float


class ApiError(Exception):
    """A Bot API error answer: ``{"ok": false, "error_code", "description", parameters}``."""

    def __init__(
        self, status: int, description: str, parameters: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = dict(parameters) if parameters else None

    def body(self) -> JSONDict:
        """The JSON body Telegram answers with."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad_request(description: str, parameters: Mapping[str, Any] | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {description}", parameters)


@dataclass
class _Injection:
    status: int
    remaining: int
    description: str
    retry_after: int | None
    raw_body: str | None


@dataclass
class _Delay:
    seconds: float
    remaining: int | None


@dataclass
class _CallbackState:
    user_id: int
    created: float
    answered: bool = False


# =====================================================================================
# Text formatting (ports of TDLib's parsers, which is what the Bot API server runs)
# =====================================================================================


class EntityParseError(ValueError):
    """Telegram's "can't parse entities" reason (without the "Bad Request" prefix)."""


_HTML_TAGS: Final = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_SPACE_BYTES: Final = frozenset(b" \t\r\n\f\v\x00")
_ALNUM_BYTES: Final = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_SURROGATE_ERROR: Final = (
    "Text contains invalid Unicode characters after decoding HTML entities, "
    "check for unmatched surrogate code units"
)


def _utf16_units(byte: int) -> int:
    """UTF-16 length contributed by a UTF-8 byte (0 for continuation bytes)."""
    if byte & 0xC0 == 0x80:
        return 0
    return 2 if byte >= 0xF0 else 1


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _decode_html_entity(data: bytes, pos: int) -> tuple[int, int] | None:
    """Decode ``&lt;``/``&#123;``/``&#x1F600;`` at ``pos``: (code point, next pos) or None.

    Unknown named entities are not errors on Telegram: the ``&`` is kept literally.
    """
    size = len(data)

    def at(index: int) -> int:
        return data[index] if index < size else 0

    end = pos + 1
    value = 0
    if at(pos + 1) == ord("#"):
        end += 1
        if at(pos + 2) == ord("x"):
            end += 1
            while chr(at(end)) in "0123456789abcdefABCDEF" and at(end):
                value = value * 16 + int(chr(at(end)), 16)
                end += 1
        else:
            while ord("0") <= at(end) <= ord("9"):
                value = value * 10 + at(end) - ord("0")
                end += 1
        if value == 0 or value >= 0x10FFFF or end - pos >= 10:
            return None
    else:
        while chr(at(end)).isascii() and chr(at(end)).isalpha():
            end += 1
        name = data[pos + 1 : end].decode("ascii")
        named = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
        if name not in named:
            return None
        value = ord(named[name])
    if at(end) == ord(";"):
        end += 1
    return value, end


def _checked_link(url: str) -> str | None:
    """The URL Telegram would keep for a text_link, or None (entity silently dropped)."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    lowered = url.lower()
    if lowered.startswith(("http://", "https://")):
        if re.fullmatch(r"https?://[^/?#]+", url):
            url += "/"
        return url
    if lowered.startswith(("tg://", "ton://")):
        return url
    if re.match(r"[a-z][a-z0-9+.-]*:", lowered):
        return None
    if "." in url:
        return _checked_link("http://" + url)
    return None


def _link_user_id(url: str) -> int | None:
    match = re.fullmatch(r"tg://user\?id=(\d+)", url.strip(), flags=re.IGNORECASE)
    return int(match.group(1)) if match else None


def _sorted_entities(entities: list[JSONDict]) -> list[JSONDict]:
    return sorted(entities, key=lambda entity: (entity["offset"], -entity["length"]))


def parse_html(source: str) -> tuple[str, list[JSONDict]]:
    """Parse Telegram HTML into plain text and entities (UTF-16 offsets).

    A port of TDLib's ``parse_html``, error messages included, so a string the bot gets
    away with here is one Telegram accepts too. Raises :class:`EntityParseError`.
    """
    data = source.encode("utf-8")
    size = len(data)

    def at(index: int) -> int:
        return data[index] if index < size else 0

    def is_space(byte: int) -> bool:
        return byte in _SPACE_BYTES

    out = bytearray()
    utf16 = 0
    entities: list[JSONDict] = []
    # (tag name, argument, utf16 offset, output byte offset)
    nested: list[tuple[str, str, int, int]] = []
    check_surrogates = False
    i = 0
    while i < size:
        byte = data[i]
        if byte == ord("&"):
            decoded = _decode_html_entity(data, i)
            if decoded is not None:
                code_point, i = decoded
                if 0xD800 <= code_point <= 0xDFFF:
                    check_surrogates = True
                out += chr(code_point).encode("utf-8", "surrogatepass")
                utf16 += 2 if code_point > 0xFFFF else 1
                continue
        if byte != ord("<"):
            utf16 += _utf16_units(byte)
            out.append(byte)
            i += 1
            continue

        begin = i
        i += 1
        if at(i) != ord("/"):
            while not is_space(at(i)) and at(i) != ord(">"):
                i += 1
            if at(i) == 0:
                raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
            tag = data[begin + 1 : i].decode("utf-8", "replace").lower()
            if tag not in _HTML_TAGS:
                raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
            argument = ""
            while at(i) != ord(">"):
                while at(i) != 0 and is_space(at(i)):
                    i += 1
                if at(i) == ord(">"):
                    break
                attribute_begin = i
                while not is_space(at(i)) and at(i) not in (ord("="), ord(">")):
                    i += 1
                attribute = data[attribute_begin:i].decode("utf-8", "replace")
                if not attribute:
                    raise EntityParseError(
                        f'Empty attribute name in the tag "{tag}" at byte offset {begin}'
                    )
                while at(i) != 0 and is_space(at(i)):
                    i += 1
                if at(i) != ord("="):
                    if tag == "blockquote" and attribute.lower() == "expandable":
                        argument = "1"
                        continue
                    raise EntityParseError(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {begin}'
                    )
                i += 1
                while at(i) != 0 and is_space(at(i)):
                    i += 1
                if at(i) == 0:
                    raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
                if at(i) not in (ord("'"), ord('"')):
                    token_begin = i
                    while at(i) in _ALNUM_BYTES or at(i) in (ord("."), ord("-")):
                        i += 1
                    value = data[token_begin:i].decode("ascii").lower()
                    if not is_space(at(i)) and at(i) != ord(">"):
                        raise EntityParseError(
                            f"Unexpected end of name token at byte offset {token_begin}"
                        )
                else:
                    quote = at(i)
                    i += 1
                    raw_value = bytearray()
                    while at(i) != quote and at(i) != 0:
                        if at(i) == ord("&"):
                            decoded = _decode_html_entity(data, i)
                            if decoded is not None:
                                code_point, i = decoded
                                raw_value += chr(code_point).encode("utf-8", "surrogatepass")
                                continue
                        raw_value.append(at(i))
                        i += 1
                    if at(i) == quote:
                        i += 1
                    value = raw_value.decode("utf-8", "replace")
                if at(i) == 0:
                    raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
                name = attribute.lower()
                if tag == "a" and name == "href":
                    argument = value
                elif tag == "code" and name == "class" and value.startswith("language-"):
                    argument = value[len("language-") :]
                elif tag == "span" and name == "class" and value.startswith("tg-"):
                    argument = value[len("tg-") :]
                elif tag == "tg-emoji" and name == "emoji-id":
                    argument = value
            if tag == "span" and argument != "spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {begin}'
                )
            nested.append((tag, argument, utf16, len(out)))
            i += 1  # the '>'
            continue

        # an end tag
        if not nested:
            raise EntityParseError(f"Unexpected end tag at byte offset {begin}")
        while not is_space(at(i)) and at(i) != ord(">"):
            i += 1
        end_tag = data[begin + 2 : i].decode("utf-8", "replace").lower()
        while at(i) != 0 and is_space(at(i)):
            i += 1
        if at(i) != ord(">"):
            raise EntityParseError(f"Unclosed end tag at byte offset {begin}")
        tag, argument, offset, out_begin = nested.pop()
        if end_tag and end_tag != tag:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{tag}>", '
                f'found "</{end_tag}>"'
            )
        i += 1
        length = utf16 - offset
        if length <= 0:
            continue
        entity: JSONDict = {"offset": offset, "length": length}
        keep = True
        if tag in ("i", "em"):
            entity["type"] = "italic"
        elif tag in ("b", "strong"):
            entity["type"] = "bold"
        elif tag in ("s", "strike", "del"):
            entity["type"] = "strikethrough"
        elif tag in ("u", "ins"):
            entity["type"] = "underline"
        elif tag in ("tg-spoiler", "span"):
            entity["type"] = "spoiler"
        elif tag == "blockquote":
            entity["type"] = "expandable_blockquote" if argument else "blockquote"
        elif tag == "tg-emoji":
            if not argument.isdigit() or int(argument) == 0:
                raise EntityParseError("Invalid custom emoji identifier specified")
            entity.update(type="custom_emoji", custom_emoji_id=argument)
        elif tag == "a":
            url = argument or out[out_begin:].decode("utf-8", "replace")
            user_id = _link_user_id(url)
            if user_id is not None:
                entity.update(
                    type="text_mention", user={"id": user_id, "is_bot": False, "first_name": ""}
                )
            else:
                checked = _checked_link(url)
                keep = checked is not None
                entity.update(type="text_link", url=checked)
        elif tag == "pre":
            last = entities[-1] if entities else None
            if (
                last is not None
                and last["type"] == "code"
                and last["offset"] == offset
                and last["length"] == length
                and last.get("_language")
            ):
                last["type"] = "pre"
                last["language"] = last.pop("_language")
                keep = False
            else:
                entity["type"] = "pre"
        else:  # code
            last = entities[-1] if entities else None
            if (
                last is not None
                and last["type"] == "pre"
                and last["offset"] == offset
                and last["length"] == length
                and argument
            ):
                last["language"] = argument
                keep = False
            else:
                entity["type"] = "code"
                if argument:
                    entity["_language"] = argument
        if keep:
            entities.append(entity)
    if nested:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{nested[-1][0]}"')
    for entity in entities:
        entity.pop("_language", None)
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError:
        if check_surrogates:
            raise EntityParseError(_SURROGATE_ERROR) from None
        raise
    return text, _sorted_entities(entities)


_MD2_RESERVED: Final = frozenset(b"_*[]()~`>#+-=|{}.!")
_MD2_TYPE_NAMES: Final = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
    "code": "Code",
    "pre": "Pre",
    "custom_emoji": "CustomEmoji",
}


def parse_markdown_v2(source: str) -> tuple[str, list[JSONDict]]:
    """Parse MarkdownV2 like TDLib's ``parse_markdown_v2`` (blockquotes simplified).

    The rule bots trip over most, "Character 'X' is reserved and must be escaped with the
    preceding '\\'", is reproduced exactly. Raises :class:`EntityParseError`.
    """
    data = source.encode("utf-8")
    size = len(data)

    def at(index: int) -> int:
        return data[index] if index < size else 0

    def reserved_error(byte: int) -> EntityParseError:
        return EntityParseError(
            f"Character '{chr(byte)}' is reserved and must be escaped with the preceding '\\'"
        )

    out = bytearray()
    utf16 = 0
    entities: list[JSONDict] = []
    # (type, argument, utf16 offset, source byte offset, output byte offset)
    nested: list[tuple[str, str, int, int, int]] = []
    quote_start: int | None = None
    quote_expandable = False
    i = 0
    while i < size:
        byte = data[i]
        in_code = bool(nested) and nested[-1][0] in ("code", "pre")
        if byte == ord("\\") and 0 < at(i + 1) <= 126:
            out.append(data[i + 1])
            utf16 += 1
            i += 2
            continue
        if not in_code and (i == 0 or data[i - 1] == ord("\n")):
            if byte == ord(">") or (byte == ord("*") and data[i : i + 3] == b"**>"):
                if quote_start is None:
                    quote_start = utf16
                    quote_expandable = byte == ord("*")
                i += 1 if byte == ord(">") else 3
                continue
            if quote_start is not None:
                if utf16 - 1 > quote_start:
                    entities.append(
                        {
                            "type": "expandable_blockquote" if quote_expandable else "blockquote",
                            "offset": quote_start,
                            "length": utf16 - 1 - quote_start,
                        }
                    )
                quote_start = None
        if (
            quote_start is not None
            and quote_expandable
            and data[i : i + 2] == b"||"
            and at(i + 2) in (0, ord("\n"))
        ):
            i += 2
            continue
        reserved = frozenset(b"`") if in_code else _MD2_RESERVED
        if byte not in reserved:
            utf16 += _utf16_units(byte)
            out.append(byte)
            i += 1
            continue

        kind = nested[-1][0] if nested else None
        is_end = (
            (kind == "bold" and byte == ord("*"))
            or (kind == "italic" and byte == ord("_") and at(i + 1) != ord("_"))
            or (kind == "code" and byte == ord("`"))
            or (kind == "pre" and data[i : i + 3] == b"```")
            or (kind in ("text_link", "custom_emoji") and byte == ord("]"))
            or (kind == "underline" and data[i : i + 2] == b"__")
            or (kind == "strikethrough" and byte == ord("~"))
            or (kind == "spoiler" and data[i : i + 2] == b"||")
        )
        if not is_end:
            begin = i
            argument = ""
            if byte == ord("_"):
                kind = "italic"
                if at(i + 1) == ord("_"):
                    kind = "underline"
                    i += 1
            elif byte == ord("*"):
                kind = "bold"
            elif byte == ord("~"):
                kind = "strikethrough"
            elif byte == ord("|"):
                if at(i + 1) != ord("|"):
                    raise reserved_error(byte)
                kind = "spoiler"
                i += 1
            elif byte == ord("["):
                kind = "text_link"
            elif byte == ord("`"):
                kind = "code"
                if data[i : i + 3] == b"```":
                    kind = "pre"
                    i += 3
                    language_end = i
                    while not (at(language_end) in _SPACE_BYTES or at(language_end) == ord("`")):
                        language_end += 1
                    if i != language_end and language_end < size and at(language_end) != ord("`"):
                        argument = data[i:language_end].decode("utf-8", "replace")
                        i = language_end
                    if at(i) in (ord("\n"), ord("\r")):
                        pair = at(i + 1) in (ord("\n"), ord("\r")) and at(i) != at(i + 1)
                        i += 2 if pair else 1
                    i -= 1
            elif byte == ord("!") and at(i + 1) == ord("["):
                kind = "custom_emoji"
                i += 1
            else:
                raise reserved_error(byte)
            nested.append((kind, argument, utf16, begin, len(out)))
            i += 1
            continue

        kind, argument, offset, _begin, out_begin = nested.pop()
        entity: JSONDict | None = {"type": kind, "offset": offset, "length": utf16 - offset}
        if kind in ("underline", "spoiler"):
            i += 1
        elif kind == "pre":
            i += 2
            if argument:
                entity = {**entity, "language": argument}
        elif kind == "text_link":
            if at(i + 1) != ord("("):
                url = out[out_begin:].decode("utf-8", "replace")
            else:
                i += 2
                url_begin = i
                url_bytes = bytearray()
                while i < size and data[i] != ord(")"):
                    if data[i] == ord("\\") and 0 < at(i + 1) <= 126:
                        url_bytes.append(data[i + 1])
                        i += 2
                        continue
                    url_bytes.append(data[i])
                    i += 1
                if at(i) != ord(")"):
                    raise EntityParseError(f"Can't find end of a URL at byte offset {url_begin}")
                url = url_bytes.decode("utf-8", "replace")
            user_id = _link_user_id(url)
            checked = _checked_link(url)
            if user_id is not None:
                entity = {
                    "type": "text_mention",
                    "offset": offset,
                    "length": utf16 - offset,
                    "user": {"id": user_id, "is_bot": False, "first_name": ""},
                }
            elif checked is None:
                entity = None
            else:
                entity = {**entity, "url": checked}
        elif kind == "custom_emoji":
            if at(i + 1) != ord("("):
                raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
            i += 2
            url_begin = i
            while i < size and data[i] != ord(")"):
                i += 1
            if at(i) != ord(")"):
                raise EntityParseError(
                    f"Can't find end of a custom emoji URL at byte offset {url_begin}"
                )
            match = re.fullmatch(rb"tg://emoji\?id=(\d+)", data[url_begin:i])
            if match is None:
                raise EntityParseError("Custom emoji URL must have an emoji identifier")
            entity = {**entity, "custom_emoji_id": match.group(1).decode()}
        i += 1
        if entity is not None and entity["length"] > 0:
            entities.append(entity)
    if nested:
        kind, _argument, _offset, begin, _out = nested[-1]
        raise EntityParseError(
            f"Can't find end of {_MD2_TYPE_NAMES[kind]} entity at byte offset {begin}"
        )
    if quote_start is not None and utf16 > quote_start:
        entities.append(
            {
                "type": "expandable_blockquote" if quote_expandable else "blockquote",
                "offset": quote_start,
                "length": utf16 - quote_start,
            }
        )
    return out.decode("utf-8", "replace"), _sorted_entities(entities)


def parse_markdown(source: str) -> tuple[str, list[JSONDict]]:
    """Parse legacy ``Markdown`` like TDLib's ``parse_markdown`` (no nesting, no escapes
    other than of ``_*`[``). Raises :class:`EntityParseError`."""
    data = source.encode("utf-8")
    size = len(data)

    def at(index: int) -> int:
        return data[index] if index < size else 0

    out = bytearray()
    utf16 = 0
    entities: list[JSONDict] = []
    i = 0
    while i < size:
        byte = data[i]
        if byte == ord("\\") and at(i + 1) in b"_*`[" and at(i + 1):
            out.append(data[i + 1])
            utf16 += 1
            i += 2
            continue
        if byte not in b"_*`[":
            utf16 += _utf16_units(byte)
            out.append(byte)
            i += 1
            continue
        begin = i
        end_char = ord("]") if byte == ord("[") else byte
        is_pre = False
        language = ""
        i += 1
        if byte == ord("`") and data[begin : begin + 3] == b"```":
            i += 2
            is_pre = True
            language_end = i
            while language_end < size and not (
                at(language_end) in _SPACE_BYTES or at(language_end) == ord("`")
            ):
                language_end += 1
            if i != language_end and language_end < size and at(language_end) != ord("`"):
                language = data[i:language_end].decode("utf-8", "replace")
                i = language_end
            if at(i) in (ord("\n"), ord("\r")):
                pair = at(i + 1) in (ord("\n"), ord("\r")) and at(i) != at(i + 1)
                i += 2 if pair else 1
        length = 0
        content_begin = len(out)
        while i < size and (data[i] != end_char or (is_pre and data[i + 1 : i + 3] != b"``")):
            length += _utf16_units(data[i])
            out.append(data[i])
            i += 1
        if i == size:
            raise EntityParseError(f"Can't find end of the entity starting at byte offset {begin}")
        if length > 0:
            entity: JSONDict = {"offset": utf16, "length": length}
            keep = True
            if byte == ord("_"):
                entity["type"] = "italic"
            elif byte == ord("*"):
                entity["type"] = "bold"
            elif byte == ord("["):
                if at(i + 1) == ord("("):
                    i += 2
                    url_begin = i
                    while i < size and data[i] != ord(")"):
                        i += 1
                    url = data[url_begin:i].decode("utf-8", "replace")
                else:
                    url = out[content_begin:].decode("utf-8", "replace")
                checked = _checked_link(url)
                keep = checked is not None
                entity.update(type="text_link", url=checked)
            elif is_pre:
                entity["type"] = "pre"
                if language:
                    entity["language"] = language
            else:
                entity["type"] = "code"
            if keep:
                entities.append(entity)
            utf16 += length
        if is_pre:
            i += 2
        i += 1
    return out.decode("utf-8", "replace"), _sorted_entities(entities)


def _trim(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Strip leading/trailing whitespace as Telegram does, keeping entities aligned."""
    stripped_start = len(text) - len(text.lstrip())
    shift = utf16_len(text[:stripped_start])
    text = text.strip()
    total = utf16_len(text)
    result = []
    for entity in entities:
        start = max(0, entity["offset"] - shift)
        end = min(total, entity["offset"] + entity["length"] - shift)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return text, result


def _auto_entities(text: str) -> list[JSONDict]:
    """Entities Telegram's clients detect in what a user types (commands, links, @names)."""
    patterns = [
        ("bot_command", r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])"),
        ("url", r"\bhttps?://[^\s<>\"]+"),
        ("mention", r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}\b"),
    ]
    found: list[tuple[int, int, str]] = []
    for kind, pattern in patterns:
        for match in re.finditer(pattern, text):
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end, _ in found):
                continue
            found.append((start, end, kind))
    return _sorted_entities(
        [
            {
                "type": kind,
                "offset": utf16_len(text[:start]),
                "length": utf16_len(text[start:end]),
            }
            for start, end, kind in found
        ]
    )


def _shorten(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bot_user() -> JSONDict:
    return {"id": BOT_ID, "is_bot": True, "first_name": BOT_FIRST_NAME, "username": BOT_USERNAME}


def _member_dict(status: str, user: JSONDict) -> JSONDict:
    """A ChatMember object of the given status that aiogram can parse."""
    member: JSONDict = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(
            can_be_edited=False,
            is_anonymous=False,
            can_manage_chat=True,
            can_delete_messages=True,
            can_manage_video_chats=True,
            can_restrict_members=True,
            can_promote_members=False,
            can_change_info=True,
            can_invite_users=True,
            can_post_stories=False,
            can_edit_stories=False,
            can_delete_stories=False,
            can_send_welcome_messages=False,
            can_pin_messages=True,
        )
    elif status == "kicked":
        member["until_date"] = 0
    elif status == "restricted":
        member.update(
            is_member=True,
            can_send_messages=False,
            can_send_audios=False,
            can_send_documents=False,
            can_send_photos=False,
            can_send_videos=False,
            can_send_video_notes=False,
            can_send_voice_notes=False,
            can_send_polls=False,
            can_send_other_messages=False,
            can_add_web_page_previews=False,
            can_react_to_messages=False,
            can_edit_tag=False,
            can_change_info=False,
            can_invite_users=False,
            can_pin_messages=False,
            can_manage_topics=False,
            until_date=0,
        )
    return member


def _update_type(update: Mapping[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "unknown")


# =====================================================================================
# The server
# =====================================================================================


class FakeTelegram:
    """An in-loop fake of ``api.telegram.org`` for one bot. See the module docstring."""

    def __init__(
        self,
        *,
        rate_limits: bool = True,
        global_per_second: int = 30,
        private_burst: int = 3,
        private_per_second: float = 1.0,
        group_per_minute: int = 20,
        callback_timeout: float = 15.0,
        token: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        """Configure the fake; nothing listens until :meth:`start`.

        :param rate_limits: enforce the flood limits described in the module docstring.
        :param callback_timeout: seconds after which a callback query can no longer be
            answered (Telegram's exact limit is undocumented; clients give up in ~15 s).
        :param token: if set, any other token is answered 401 Unauthorized; by default
            every token is accepted (and recorded in :attr:`RecordedCall.token`).
        """
        self.rate_limits = rate_limits
        self.global_per_second = global_per_second
        self.private_burst = private_burst
        self.private_per_second = private_per_second
        self.group_per_minute = group_per_minute
        self.callback_timeout = callback_timeout
        self.token = token
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self._origin = time.monotonic()
        self._stopping = False

        self.calls: list[RecordedCall] = []
        self.updates: list[JSONDict] = []
        """Every update ever pushed, in order (delivered or not)."""
        self._pending: list[JSONDict] = []
        self._update_ids = itertools.count(500_000_001)
        self._allowed_updates: frozenset[str] | None = None
        self._current_poll: RecordedCall | None = None
        self._webhook_url = ""
        self._waiters: list[asyncio.Future[None]] = []

        self._users: dict[int, JSONDict] = {}
        self._chats: dict[int, JSONDict] = {}
        self._usernames: dict[str, int] = {}
        self._blocked: set[int] = set()
        self._deactivated: set[int] = set()
        self._bot_status: dict[int, str] = {}
        self._members: dict[tuple[int, int], str] = {}
        self._migrated: dict[int, int] = {}

        self._messages: dict[int, dict[int, JSONDict]] = {}
        self._bot_messages: set[tuple[int, int]] = set()
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._files: dict[str, StoredFile] = {}
        self._file_counter = itertools.count(1)

        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.menu_buttons: dict[int | None, JSONDict] = {}
        """setChatMenuButton results: chat id (None = the default button) → MenuButton."""
        self._callbacks: dict[str, _CallbackState] = {}
        self.callback_answers: dict[str, JSONDict] = {}
        """Accepted answerCallbackQuery params by callback query id."""

        self._injections: dict[str, deque[_Injection]] = {}
        self._delays: dict[str, _Delay] = {}
        self.internal_errors: list[str] = []
        """Tracebacks of exceptions inside the fake itself (should stay empty)."""
        self.rate_limit_hits: list[RateLimitHit] = []
        self.retry_after_violations: list[RetryAfterViolation] = []
        self._deadlines: dict[tuple[str, int | str | None], float] = {}
        self._global_window: deque[float] = deque()
        self._group_windows: dict[int, deque[float]] = {}
        self._buckets: dict[int, tuple[float, float]] = {}

        self._handlers: dict[str, Callable[[RecordedCall], Any]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getMyCommands": self._get_my_commands,
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "editMessageCaption": self._edit_message_caption,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "copyMessage": self._copy_message,
            "forwardMessage": self._forward_message,
            "sendChatAction": self._send_chat_action,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "leaveChat": self._leave_chat,
            "getFile": self._get_file,
        }
        self._method_names = {name.lower(): name for name in self._handlers}

    # ================================================================= lifecycle

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1; :attr:`base_url` is valid afterwards."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        self._port = self._runner.addresses[0][1]
        self._stopping = False
        self._origin = time.monotonic()

    async def stop(self) -> None:
        """Answer pending long polls (empty) and close the server and its connections."""
        self._stopping = True
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """What to put in TELEGRAM_API_URL, e.g. ``http://127.0.0.1:43210``."""
        if self._runner is None:
            raise RuntimeError("FakeTelegram is not started")
        return f"http://{self._host}:{self._port}"

    @property
    def bot_user(self) -> JSONDict:
        """The bot's own ``User`` object (what getMe returns, minus the capabilities)."""
        return _bot_user()

    # ================================================================= configuration

    def add_chat(
        self,
        chat: int | FakeUser,
        chat_type: str | None = None,
        *,
        title: str | None = None,
        username: str | None = None,
        first_name: str | None = None,
    ) -> JSONDict:
        """Make a chat known, as if it had appeared in an update; returns the Chat object.

        The type defaults from the id: positive → private, ``-100…`` → supergroup, other
        negative → group.
        """
        if isinstance(chat, FakeUser):
            self._remember_user(chat.to_dict())
            return self._remember_chat(chat.private_chat())
        chat_id = chat
        if chat_type is None:
            if chat_id > 0:
                chat_type = "private"
            else:
                chat_type = "supergroup" if str(chat_id).startswith("-100") else "group"
        obj: JSONDict = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            obj["first_name"] = first_name or "User"
        else:
            obj["title"] = title or f"Chat {chat_id}"
        if username:
            obj["username"] = username
        return self._remember_chat(obj)

    def block(self, user_id: int | FakeUser) -> None:
        """The user blocks the bot: sends/edits to them get 403 until :meth:`unblock`."""
        self._blocked.add(_id_of(user_id))

    def unblock(self, user_id: int | FakeUser) -> None:
        """The user unblocks (restarts) the bot."""
        self._blocked.discard(_id_of(user_id))

    def deactivate(self, user_id: int | FakeUser) -> None:
        """The user deletes their account: sends get 403 "user is deactivated"."""
        self._deactivated.add(_id_of(user_id))

    def migrate_group(self, old_chat_id: int, new_chat_id: int, *, notify: bool = True) -> None:
        """Upgrade a group to a supergroup, as Telegram does when a group grows.

        Sends to the old id then get 400 with ``parameters.migrate_to_chat_id``. With
        ``notify`` the two service messages Telegram sends (``migrate_to_chat_id`` in the
        old group, ``migrate_from_chat_id`` in the new one) are pushed as updates.
        """
        old = self._chats.get(old_chat_id) or self.add_chat(old_chat_id, "group")
        new = self.add_chat(new_chat_id, "supergroup", title=old.get("title"))
        self._migrated[old_chat_id] = new_chat_id
        for (chat_id, user_id), status in list(self._members.items()):
            if chat_id == old_chat_id:
                self._members[(new_chat_id, user_id)] = status
        if notify:
            self._push_message(old, None, {"migrate_to_chat_id": new_chat_id})
            self._push_message(new, None, {"migrate_from_chat_id": old_chat_id}, sender_chat=old)

    def set_member_status(self, chat_id: int, user_id: int | FakeUser, status: str) -> None:
        """What getChatMember reports for that user (``creator``, ``administrator``…)."""
        self._members[(chat_id, _id_of(user_id))] = status

    def inject_errors(
        self,
        method: str,
        status: int,
        count: int = 1,
        description: str | None = None,
        retry_after: int | None = None,
        *,
        raw_body: str | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` (``"*"`` = any) fail this way.

        The call is not processed. A 429 with ``retry_after`` behaves like a real flood
        wait: it is recorded, and an early retry is a violation. ``raw_body`` replaces the
        JSON answer (e.g. nginx's HTML 502 page, which aiogram cannot decode).
        """
        if description is None:
            description = {
                400: "Bad Request: injected error",
                401: "Unauthorized",
                403: "Forbidden: injected error",
                404: "Not Found",
                409: CONFLICT_OTHER_POLL,
                429: f"Too Many Requests: retry after {retry_after}"
                if retry_after
                else "Too Many Requests",
                500: "Internal Server Error",
                502: "Bad Gateway",
                503: "Service Unavailable",
                504: "Gateway Timeout",
            }.get(status, f"Error {status}")
        key = self._canonical(method) or method
        self._injections.setdefault(key, deque()).append(
            _Injection(status, count, description, retry_after, raw_body)
        )

    def delay(
        self, method: str, seconds: float, count: int | None = None, *, before: bool = False
    ) -> None:
        """Answer ``method`` (``"*"`` = any) only after ``seconds``; 0 removes the delay.

        By default the call takes effect at once and only the answer is late, which is the
        nasty real case: the client times out although the message *was* sent. With
        ``before=True`` nothing happens until the delay has passed. ``count`` limits how
        many calls are delayed (None: until removed).
        """
        key = self._canonical(method) or method
        if seconds <= 0:
            self._delays.pop(key, None)
            self._delays.pop(f"{key}:before", None)
        else:
            self._delays[f"{key}:before" if before else key] = _Delay(seconds, count)

    # ================================================================= driving the bot

    def user(
        self,
        user_id: int,
        first_name: str = "Test",
        language_code: str | None = "kk",
        username: str | None = None,
        *,
        last_name: str | None = None,
    ) -> FakeUser:
        """A user to play. Not yet known to the bot: their chat appears with an update."""
        return FakeUser(user_id, first_name, language_code, username, last_name)

    def push_update(self, update: Mapping[str, Any]) -> int:
        """Queue a raw update for getUpdates; returns its update_id.

        Chats and users in it become known; messages in it are stored (so the bot can
        reply to, copy, forward or delete them); a missing update_id, message_id or date
        is filled in.
        """
        update = copy.deepcopy(dict(update))
        if "update_id" not in update:
            update = {"update_id": next(self._update_ids), **update}
        else:
            following = max(int(update["update_id"]) + 1, next(self._update_ids))
            self._update_ids = itertools.count(following)
        for key, value in update.items():
            if key == "update_id" or not isinstance(value, dict):
                continue
            self._absorb(key, value)
        self.updates.append(update)
        self._pending.append(update)
        self._notify()
        return int(update["update_id"])

    def send_text(self, user: FakeUser, text: str, *, reply_to: int | None = None) -> int:
        """The user types ``text`` in their private chat with the bot; the update_id.

        Commands get a ``bot_command`` entity as Telegram adds it ("/start s42" → length 6).
        """
        content: JSONDict = {"text": text}
        entities = _auto_entities(text)
        if entities:
            content["entities"] = entities
        return self._push_message(user.private_chat(), user, content, reply_to=reply_to)

    def group_message(
        self, group_id: int, user: FakeUser, text: str, *, title: str | None = None
    ) -> int:
        """The user writes ``text`` in a group the bot is in; the update_id."""
        chat = self._chats.get(group_id) or self.add_chat(group_id, title=title)
        self._members.setdefault((group_id, user.id), "member")
        content: JSONDict = {"text": text}
        entities = _auto_entities(text)
        if entities:
            content["entities"] = entities
        return self._push_message(chat, user, content)

    def channel_post(self, chat_id: int, text: str, *, title: str | None = None) -> int:
        """A post in a channel where the bot is an administrator; the update_id."""
        chat = self._chats.get(chat_id) or self.add_chat(chat_id, "channel", title=title)
        return self._push_message(
            chat, None, {"text": text}, update_kind="channel_post", sender_chat=chat
        )

    def send_sticker(self, user: FakeUser, emoji: str = "👍") -> int:
        """The user sends a sticker; the update_id."""
        stored = self._new_file("sticker", data=b"RIFF-fake-webp", mime_type="image/webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "set_name": "FakeStickers",
            "file_size": stored.file_size,
        }
        return self._push_message(user.private_chat(), user, {"sticker": sticker})

    def send_photo(self, user: FakeUser, caption: str | None = None) -> int:
        """The user sends a photo (optionally captioned); the update_id."""
        stored = self._new_file("photo", data=b"\xff\xd8\xff fake jpeg", mime_type="image/jpeg")
        content: JSONDict = {"photo": self._photo_sizes(stored)}
        if caption:
            content["caption"] = caption
        return self._push_message(user.private_chat(), user, content)

    def send_document(
        self,
        user: FakeUser,
        file_name: str = "document.pdf",
        content: bytes = b"%PDF-1.4 fake",
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> int:
        """The user sends a file; the bot can download it via getFile. The update_id."""
        mime_type = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        stored = self._new_file("document", data=content, file_name=file_name, mime_type=mime_type)
        message: JSONDict = {"document": self._document_dict(stored)}
        if caption:
            message["caption"] = caption
        return self._push_message(user.private_chat(), user, message)

    def send_contact(self, user: FakeUser, phone_number: str = "+77010000000") -> int:
        """The user shares their own contact (the "share phone" keyboard button)."""
        contact = {"phone_number": phone_number, "first_name": user.first_name, "user_id": user.id}
        return self._push_message(user.private_chat(), user, {"contact": contact})

    def edit_text(self, user: FakeUser, message_id: int, text: str) -> int:
        """The user edits a message of theirs: an ``edited_message`` update."""
        stored = self._messages.get(user.id, {}).get(message_id)
        if stored is None:
            raise AssertionError(f"user {user.id} has no message {message_id} to edit")
        stored["text"] = text
        stored["edit_date"] = int(time.time())
        entities = _auto_entities(text)
        if entities:
            stored["entities"] = entities
        else:
            stored.pop("entities", None)
        return self.push_update({"edited_message": copy.deepcopy(stored)})

    def my_chat_member(
        self,
        user: FakeUser,
        old_status: str,
        new_status: str,
        *,
        chat_id: int | None = None,
    ) -> int:
        """The bot's membership changes, e.g. "member" → "kicked" when a user blocks it.

        In a private chat, "kicked" also blocks the user (and "member" unblocks), exactly
        as it happens on Telegram. With ``chat_id`` it is a group/channel event instead.
        """
        if chat_id is None:
            chat = user.private_chat()
        else:
            chat = self._chats.get(chat_id) or self.add_chat(chat_id)
        update = {
            "my_chat_member": {
                "chat": chat,
                "from": user.to_dict(),
                "date": int(time.time()),
                "old_chat_member": _member_dict(old_status, _bot_user()),
                "new_chat_member": _member_dict(new_status, _bot_user()),
            }
        }
        return self.push_update(update)

    def chat_member(self, group_id: int, user: FakeUser, old_status: str, new_status: str) -> int:
        """A user's membership in a group changes (needs allowed_updates chat_member)."""
        chat = self._chats.get(group_id) or self.add_chat(group_id)
        self._members[(group_id, user.id)] = new_status
        update = {
            "chat_member": {
                "chat": chat,
                "from": user.to_dict(),
                "date": int(time.time()),
                "old_chat_member": _member_dict(old_status, user.to_dict()),
                "new_chat_member": _member_dict(new_status, user.to_dict()),
            }
        }
        return self.push_update(update)

    def press(
        self,
        user: FakeUser,
        message: JSONDict | int,
        callback_data: str,
        *,
        strict: bool = True,
    ) -> str:
        """The user presses an inline button; returns the callback query id.

        ``message`` is a Message dict the bot sent (its chat is used) or a message_id in
        the user's private chat. The update carries the message's current state. With
        ``strict`` the data must belong to a button of that message, as a real client can
        press nothing else.
        """
        if isinstance(message, dict):
            chat_id = int(message["chat"]["id"])
            message_id = int(message["message_id"])
        else:
            chat_id, message_id = user.id, int(message)
        stored = self._messages.get(chat_id, {}).get(message_id)
        if stored is None or (chat_id, message_id) not in self._bot_messages:
            raise AssertionError(
                f"no message {message_id} from the bot in chat {chat_id} (deleted, or never "
                f"sent?). Bot messages there: {self._describe_bot_messages(chat_id)}"
            )
        if strict:
            datas = [data for _text, data in self.buttons(stored)]
            if callback_data not in datas:
                raise AssertionError(
                    f"message {message_id} has no button with callback_data "
                    f"{callback_data!r}; its buttons: {self.buttons(stored)}"
                )
        query_id = str(secrets.randbits(63))
        self._callbacks[query_id] = _CallbackState(user.id, time.monotonic())
        self.push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user.to_dict(),
                    "message": copy.deepcopy(stored),
                    "chat_instance": str(abs(chat_id) * 7 + 1_000_000_000_000),
                    "data": callback_data,
                }
            }
        )
        return query_id

    # ================================================================= inspection

    @property
    def errors(self) -> list[RecordedCall]:
        """Calls answered with anything but 200 (not counting abandoned long polls)."""
        return [c for c in self.calls if c.status not in (None, 200) and not c.abandoned]

    @property
    def messages(self) -> dict[int, list[JSONDict]]:
        """Current state of every message per chat (both directions, deleted ones gone)."""
        return {chat_id: list(stored.values()) for chat_id, stored in self._messages.items()}

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates pushed but not yet confirmed by the bot (via getUpdates offset)."""
        return list(self._pending)

    @property
    def blocked_users(self) -> frozenset[int]:
        """Ids of users currently blocking the bot."""
        return frozenset(self._blocked)

    def calls_of(self, method: str) -> list[RecordedCall]:
        """Recorded calls of one method."""
        name = self._canonical(method) or method
        return [c for c in self.calls if c.method == name]

    def sent_to(self, chat_id: int | FakeUser) -> list[RecordedCall]:
        """Successful message-creating calls to a chat, oldest first (``.text`` on each)."""
        target = _id_of(chat_id)
        return [
            c for c in self.calls if c.ok and c.method in MESSAGE_METHODS and c.chat_id == target
        ]

    def texts_sent_to(self, chat_id: int | FakeUser) -> list[str]:
        """Texts/captions of :meth:`sent_to`, for compact assertions."""
        return [c.text or "" for c in self.sent_to(chat_id)]

    def last_message(self, chat_id: int | FakeUser) -> JSONDict:
        """The newest existing message the bot sent to a chat, in its current state.

        Raises AssertionError (listing what the chat holds) if there is none.
        """
        target = _id_of(chat_id)
        for message_id in reversed(list(self._messages.get(target, {}))):
            if (target, message_id) in self._bot_messages:
                return copy.deepcopy(self._messages[target][message_id])
        raise AssertionError(
            f"the bot has no message in chat {target}. Recent calls:\n{self.describe_calls()}"
        )

    def message(self, chat_id: int | FakeUser, message_id: int) -> JSONDict | None:
        """The current state of one message, or None if it does not exist (any more)."""
        stored = self._messages.get(_id_of(chat_id), {}).get(message_id)
        return copy.deepcopy(stored) if stored is not None else None

    def get_commands(
        self, scope: Mapping[str, Any] | None = None, language_code: str = ""
    ) -> list[JSONDict]:
        """Commands set for a scope (default scope if None) and language."""
        return copy.deepcopy(self._commands.get((self._scope_key(scope), language_code), []))

    @property
    def all_commands(self) -> dict[tuple[str, str], list[JSONDict]]:
        """Every command list stored, keyed by (canonical scope JSON, language_code)."""
        return copy.deepcopy(self._commands)

    def file_content(self, file_id: str) -> bytes | None:
        """Bytes of a file the bot uploaded (or a fake user sent), by file_id."""
        stored = self._files.get(file_id)
        return stored.data if stored is not None else None

    @staticmethod
    def buttons(message: JSONDict | RecordedCall) -> list[tuple[str, str | None]]:
        """(text, callback_data) of every inline button, row by row (None for url etc.)."""
        if isinstance(message, RecordedCall):
            if message.message is None:
                raise AssertionError(f"call has no message: {message.summary()}")
            message = message.message
        markup = message.get("reply_markup") or {}
        return [
            (str(button.get("text", "")), button.get("callback_data"))
            for row in markup.get("inline_keyboard", [])
            for button in row
        ]

    @classmethod
    def button_data(cls, message: JSONDict | RecordedCall, text_contains: str) -> str:
        """callback_data of the one button whose text contains ``text_contains``."""
        buttons = cls.buttons(message)
        matches = [
            (text, data)
            for text, data in buttons
            if text_contains.casefold() in text.casefold() and data is not None
        ]
        if len({data for _text, data in matches}) != 1:
            problem = "no button" if not matches else "several buttons"
            raise AssertionError(
                f"{problem} with callback_data whose text contains {text_contains!r}; "
                f"buttons: {buttons}"
            )
        return str(matches[0][1])

    def describe_calls(self, last: int = 25) -> str:
        """The last calls, one per line, for failure messages."""
        shown = self.calls[-last:]
        if not shown:
            return "  (no calls recorded)"
        return "\n".join("  " + call.summary(self._origin) for call in shown)

    async def wait_for(
        self,
        predicate: Callable[[RecordedCall], Any],
        timeout: float = 10.0,
        *,
        since: float | None = None,
        description: str | None = None,
    ) -> RecordedCall:
        """Wait until a recorded call satisfies ``predicate``; return the first such call.

        Pending calls are included (see :class:`RecordedCall`). A predicate raising
        KeyError/TypeError/AttributeError/IndexError counts as False, so lambdas can index
        params freely. ``since`` (a ``time.monotonic()`` value) ignores older calls. On
        timeout an AssertionError lists the last calls.
        """
        deadline = time.monotonic() + timeout
        while True:
            # Rescan everything: a pending call can start matching once it is answered.
            for call in self.calls:
                if (since is None or call.time >= since) and _safe(predicate, call):
                    return call
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                what = description or getattr(predicate, "__name__", "predicate")
                raise AssertionError(
                    f"no recorded call matched {what} within {timeout}s. "
                    f"Last calls:\n{self.describe_calls()}"
                )
            await self._wait_change(remaining)

    async def wait_for_message(
        self,
        chat_id: int | FakeUser,
        contains: str | None = None,
        timeout: float = 10.0,
        *,
        since: float | None = None,
        include_edits: bool = False,
    ) -> JSONDict:
        """Wait until the bot successfully sends a message to a chat; return that Message.

        ``contains`` filters on the visible text/caption. ``include_edits`` also accepts
        an edit that produced such a text. ``since`` ignores older calls.
        """
        target = _id_of(chat_id)
        methods = RATE_LIMITED_METHODS if include_edits else MESSAGE_METHODS

        def matches(call: RecordedCall) -> bool:
            if not (call.ok and call.method in methods and call.chat_id == target):
                return False
            return contains is None or contains in (call.text or "")

        what = f"a message to {target}" + (f" containing {contains!r}" if contains else "")
        call = await self.wait_for(matches, timeout, since=since, description=what)
        assert call.message is not None
        return copy.deepcopy(call.message)

    async def wait_callback_answered(self, query_id: str, timeout: float = 10.0) -> JSONDict:
        """Wait until the bot answers a callback query; return the answer's params."""

        def answered(call: RecordedCall) -> bool:
            return (
                call.method == "answerCallbackQuery"
                and call.ok
                and str(call.params.get("callback_query_id")) == query_id
            )

        try:
            await self.wait_for(answered, timeout, description=f"an answer to query {query_id}")
        except AssertionError as error:
            refused = [
                c.summary(self._origin)
                for c in self.calls
                if c.method == "answerCallbackQuery"
                and str(c.params.get("callback_query_id")) == query_id
            ]
            if refused:
                raise AssertionError(f"{error}\nrefused answers: {refused}") from None
            raise
        return copy.deepcopy(self.callback_answers[query_id])

    # ================================================================= HTTP layer

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        """Parse, record, dispatch and answer one Bot API request."""
        token = request.match_info["token"]
        raw_method = request.match_info["method"]
        method = self._canonical(raw_method)
        call = RecordedCall(
            method=method or raw_method,
            params={},
            token=token,
            time=time.monotonic(),
            http_method=request.method,
        )
        raw_body: str | None = None
        try:
            call.params, call.files = await self._read_params(request)
            self.calls.append(call)
            call.chat_id = self._peek_chat(call.params.get("chat_id"))
            self._notify()
            result = await self._process(call, method)
            status, body = 200, {"ok": True, "result": result}
        except _InjectedRaw as injected:
            status, raw_body = injected.status, injected.body
            body = {"ok": False, "error_code": status, "description": raw_body}
        except ApiError as error:
            status, body = error.status, error.body()
        except Exception as error:  # a bug in the fake: make it loud, not a hung request
            status = 500
            body = {
                "ok": False,
                "error_code": 500,
                "description": f"Internal Server Error: fake_telegram bug: {error!r}",
            }
            self.internal_errors.append(traceback.format_exc())
        if call not in self.calls:  # the body itself could not be read
            self.calls.append(call)
        call.status, call.response = status, body
        call.answered_at = time.monotonic()
        if request.transport is None or request.transport.is_closing():
            call.abandoned = True
        self._notify()
        await self._apply_delay(call.method, before=False)
        if raw_body is not None:
            return web.Response(status=status, text=raw_body, content_type="text/html")
        return web.json_response(body, status=status)

    async def _process(self, call: RecordedCall, method: str | None) -> Any:
        if self.token is not None and call.token != self.token:
            raise ApiError(401, "Unauthorized")
        if method is None:
            raise ApiError(404, "Not Found")
        self._check_deadlines(call)
        self._apply_injection(call)
        await self._apply_delay(method, before=True)
        result = self._handlers[method](call)
        if asyncio.iscoroutine(result):
            result = await result
        return result

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        """Serve ``/file/bot<token>/<file_path>`` for files users sent."""
        path = request.match_info["path"]
        for stored in self._files.values():
            if stored.file_path == path and stored.data is not None:
                return web.Response(body=stored.data, content_type="application/octet-stream")
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    async def _read_params(self, request: web.Request) -> tuple[JSONDict, dict[str, UploadedFile]]:
        """Query string + JSON, urlencoded or multipart body, decoded like Telegram does."""
        raw: JSONDict = dict(request.query)
        files: dict[str, UploadedFile] = {}
        if request.can_read_body:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise _bad_request("can't parse JSON encoded request") from None
                if not isinstance(body, dict):
                    raise _bad_request("JSON object expected")
                raw.update(body)
            elif request.content_type in _FORM_TYPES:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        files[key] = UploadedFile(
                            key, value.filename, value.content_type, value.file.read()
                        )
                    else:
                        raw[key] = value
        return {key: _decode_value(key, value) for key, value in raw.items()}, files

    # ================================================================= fault injection

    def _apply_injection(self, call: RecordedCall) -> None:
        for key in (call.method, "*"):
            queue = self._injections.get(key)
            if not queue:
                continue
            injection = queue[0]
            injection.remaining -= 1
            if injection.remaining <= 0:
                queue.popleft()
            if injection.status == 429:
                self._record_429(call, injection.retry_after, "injected", self._deadline_key(call))
            if injection.raw_body is not None:
                raise _InjectedRaw(injection.status, injection.raw_body)
            parameters = {"retry_after": injection.retry_after} if injection.retry_after else None
            raise ApiError(injection.status, injection.description, parameters)

    async def _apply_delay(self, method: str, *, before: bool) -> None:
        for key in (method, "*"):
            name = f"{key}:before" if before else key
            delay = self._delays.get(name)
            if delay is None:
                continue
            if delay.remaining is not None:
                delay.remaining -= 1
                if delay.remaining <= 0:
                    self._delays.pop(name, None)
            await self._sleep(delay.seconds)
            return

    async def _sleep(self, seconds: float) -> None:
        """Sleep, but wake up early when the server stops."""
        deadline = time.monotonic() + seconds
        while not self._stopping:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            await self._wait_change(remaining)

    # ================================================================= rate limits

    def _deadline_key(self, call: RecordedCall) -> tuple[str, int | str | None]:
        if call.method in RATE_LIMITED_METHODS:
            return ("chat", call.chat_id) if call.chat_id is not None else ("global", None)
        return ("method", call.method)

    def _check_deadlines(self, call: RecordedCall) -> None:
        """A request before its retry_after expired: a violation, answered 429 again."""
        if call.method in RATE_LIMITED_METHODS:
            keys: list[tuple[str, int | str | None]] = [("global", None)]
            if call.chat_id is not None:
                keys.append(("chat", call.chat_id))
        else:
            keys = [("method", call.method)]
        now = time.monotonic()
        for key in keys:
            deadline = self._deadlines.get(key)
            if deadline is None or now >= deadline:
                continue
            violation = RetryAfterViolation(
                now, call.method, call.chat_id, key[0], deadline, deadline - now
            )
            self.retry_after_violations.append(violation)
            retry_after = max(1, math.ceil(deadline - now))
            self._record_429(call, retry_after, "still_limited", None)
            raise ApiError(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )

    def _record_429(
        self,
        call: RecordedCall,
        retry_after: int | None,
        reason: str,
        key: tuple[str, int | str | None] | None,
    ) -> None:
        now = time.monotonic()
        hit = RateLimitHit(now, call.method, call.chat_id, retry_after, reason)
        self.rate_limit_hits.append(hit)
        if key is not None and retry_after:
            self._deadlines[key] = max(self._deadlines.get(key, 0.0), now + retry_after)

    def _too_many(
        self, call: RecordedCall, retry_after: int, reason: str, chat_id: int | None
    ) -> ApiError:
        key: tuple[str, int | str | None] = ("chat", chat_id)
        if chat_id is None:
            key = ("global", None)
        self._record_429(call, retry_after, reason, key)
        return ApiError(
            429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
        )

    def _consume_rate(self, call: RecordedCall, chat: JSONDict) -> None:
        """Refuse (429) or account one message to ``chat``; nothing is consumed on refusal."""
        if not self.rate_limits:
            return
        now = time.monotonic()
        window = self._global_window
        while window and now - window[0] >= 1.0:
            window.popleft()
        if len(window) >= self.global_per_second:
            raise self._too_many(call, max(1, math.ceil(window[0] + 1.0 - now)), "global", None)
        chat_id = int(chat["id"])
        if chat["type"] == "private":
            capacity = float(self.private_burst)
            tokens, last = self._buckets.get(chat_id, (capacity, now))
            tokens = min(capacity, tokens + (now - last) * self.private_per_second)
            if tokens < 1.0:
                self._buckets[chat_id] = (tokens, now)
                retry = max(1, math.ceil((1.0 - tokens) / self.private_per_second))
                raise self._too_many(call, retry, "private", chat_id)
            self._buckets[chat_id] = (tokens - 1.0, now)
        else:
            group_window = self._group_windows.setdefault(chat_id, deque())
            while group_window and now - group_window[0] >= 60.0:
                group_window.popleft()
            if len(group_window) >= self.group_per_minute:
                retry = max(1, math.ceil(group_window[0] + 60.0 - now))
                raise self._too_many(call, retry, "group", chat_id)
            group_window.append(now)
        window.append(now)

    # ================================================================= state helpers

    def _canonical(self, method: str) -> str | None:
        return self._method_names.get(method.lower())

    def _notify(self) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def _wait_change(self, timeout: float) -> None:
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(waiter, timeout)

    def _remember_user(self, user: Mapping[str, Any]) -> None:
        if not isinstance(user, Mapping) or "id" not in user or user.get("is_bot"):
            return
        self._users[int(user["id"])] = dict(user)

    def _remember_chat(self, chat: Mapping[str, Any]) -> JSONDict:
        chat_id = int(chat["id"])
        stored = {**self._chats.get(chat_id, {}), **chat}
        self._chats[chat_id] = stored
        if stored.get("username"):
            self._usernames[str(stored["username"]).lower()] = chat_id
        return copy.deepcopy(stored)

    def _absorb(self, kind: str, obj: JSONDict) -> None:
        """Learn chats, users and messages from a pushed update object."""
        if "from" in obj:
            self._remember_user(obj["from"])
        chat = obj.get("chat")
        if isinstance(chat, dict) and "id" in chat:
            self._remember_chat(chat)
            sender = obj.get("from")
            if isinstance(sender, dict) and chat.get("type") != "private" and "id" in sender:
                self._members.setdefault((int(chat["id"]), int(sender["id"])), "member")
        if kind == "my_chat_member" and isinstance(chat, dict):
            self._bot_membership_changed(chat, obj.get("new_chat_member", {}).get("status"))
        if kind in ("message", "channel_post", "business_message") and isinstance(chat, dict):
            self._store_incoming(obj)
        elif kind in ("edited_message", "edited_channel_post") and isinstance(chat, dict):
            chat_messages = self._messages.setdefault(int(chat["id"]), {})
            if "message_id" in obj:
                chat_messages[int(obj["message_id"])] = copy.deepcopy(obj)
        elif kind == "callback_query" and isinstance(obj.get("message"), dict):
            message_chat = obj["message"].get("chat")
            if isinstance(message_chat, dict):
                self._remember_chat(message_chat)
            if "id" in obj and str(obj["id"]) not in self._callbacks:
                user_id = int(obj.get("from", {}).get("id", 0))
                self._callbacks[str(obj["id"])] = _CallbackState(user_id, time.monotonic())

    def _bot_membership_changed(self, chat: Mapping[str, Any], status: str | None) -> None:
        chat_id = int(chat["id"])
        if chat.get("type") == "private":
            if status == "kicked":
                self._blocked.add(chat_id)
            elif status == "member":
                self._blocked.discard(chat_id)
        elif status in ("left", "kicked"):
            self._bot_status[chat_id] = status
        elif status is not None:
            self._bot_status.pop(chat_id, None)
            if status in ("administrator", "creator", "member", "restricted"):
                self._members[(chat_id, BOT_ID)] = status

    def _store_incoming(self, message: JSONDict) -> None:
        chat_id = int(message["chat"]["id"])
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        if "message_id" not in message:
            message["message_id"] = next(counter)
        else:
            current = next(counter)
            self._message_ids[chat_id] = itertools.count(max(current, message["message_id"] + 1))
        message.setdefault("date", int(time.time()))
        self._messages.setdefault(chat_id, {})[int(message["message_id"])] = copy.deepcopy(message)

    def _push_message(
        self,
        chat: JSONDict,
        user: FakeUser | None,
        content: JSONDict,
        *,
        update_kind: str = "message",
        reply_to: int | None = None,
        sender_chat: JSONDict | None = None,
    ) -> int:
        message: JSONDict = {"date": int(time.time()), "chat": copy.deepcopy(chat)}
        if user is not None:
            message["from"] = user.to_dict()
        if sender_chat is not None:
            message["sender_chat"] = copy.deepcopy(sender_chat)
        if reply_to is not None:
            replied = self._messages.get(int(chat["id"]), {}).get(reply_to)
            if replied is None:
                raise AssertionError(f"no message {reply_to} in chat {chat['id']} to reply to")
            message["reply_to_message"] = _without_reply(replied)
        message.update(content)
        return self.push_update({update_kind: message})

    def _alloc_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _describe_bot_messages(self, chat_id: int) -> str:
        ids = [mid for (cid, mid) in sorted(self._bot_messages) if cid == chat_id]
        existing = [mid for mid in ids if mid in self._messages.get(chat_id, {})]
        return str(existing) if existing else "none"

    def _peek_chat(self, raw: Any) -> int | str | None:
        """Best-effort chat id of a call for recording/deadlines (never raises)."""
        if isinstance(raw, bool) or raw is None or raw == "":
            return None
        if isinstance(raw, int):
            return raw
        if isinstance(raw, str) and raw.startswith("@"):
            return self._usernames.get(raw[1:].lower(), raw)
        return str(raw)

    def _resolve_chat(self, raw: Any, *, for_write: bool = False) -> JSONDict:
        """The stored Chat for a chat_id param, or the error Telegram gives."""
        if raw is None or raw == "":
            raise _bad_request("chat_id is empty")
        chat_id: int | None
        if isinstance(raw, int) and not isinstance(raw, bool):
            chat_id = raw
        elif isinstance(raw, str) and raw.startswith("@"):
            chat_id = self._usernames.get(raw[1:].lower())
        else:
            chat_id = None
        if chat_id is None:
            raise _bad_request("chat not found")
        if chat_id in self._migrated:
            raise _bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        chat = self._chats.get(chat_id)
        if chat is None:
            if for_write and chat_id in self._users:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            raise _bad_request("chat not found")
        if for_write:
            self._check_can_write(chat)
        return chat

    def _check_can_write(self, chat: JSONDict) -> None:
        chat_id = int(chat["id"])
        if chat["type"] == "private":
            if chat_id in self._deactivated:
                raise ApiError(403, "Forbidden: user is deactivated")
            if chat_id in self._blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            return
        status = self._bot_status.get(chat_id)
        if status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat['type']} chat")
        if status == "left":
            raise ApiError(403, f"Forbidden: bot is not a member of the {chat['type']} chat")

    def _target(self, call: RecordedCall, name: str = "chat_id") -> JSONDict:
        chat = self._resolve_chat(call.params.get(name), for_write=True)
        if name == "chat_id":
            call.chat_id = int(chat["id"])
        return chat

    def _scope_key(self, scope: Mapping[str, Any] | None) -> str:
        scope = dict(scope) if scope else {"type": "default"}
        if "chat_id" in scope:
            peeked = self._peek_chat(_decode_value("chat_id", scope["chat_id"]))
            scope["chat_id"] = peeked
        return json.dumps(scope, sort_keys=True, ensure_ascii=False)

    # ================================================================= content helpers

    def _formatted(
        self, params: JSONDict, text_key: str, entities_key: str, *, limit: int, caption: bool
    ) -> tuple[str, list[JSONDict]]:
        """Apply parse_mode/entities, trim, and enforce Telegram's length rules."""
        raw = params.get(text_key)
        text = "" if raw is None else str(raw)
        parse_mode = params.get("parse_mode")
        explicit = params.get(entities_key)
        if parse_mode and explicit is None:
            mode = str(parse_mode).lower()
            parsers = {
                "html": parse_html,
                "markdownv2": parse_markdown_v2,
                "markdown": parse_markdown,
            }
            if mode not in parsers:
                raise _bad_request("unsupported parse_mode")
            try:
                text, entities = parsers[mode](text)
            except EntityParseError as error:
                raise _bad_request(f"can't parse entities: {error}") from None
        else:
            if isinstance(explicit, str):
                raise _bad_request("can't parse entities JSON object")
            entities = [dict(entity) for entity in explicit or [] if isinstance(entity, dict)]
        for entity in entities:
            if entity.get("type") == "text_mention" and isinstance(entity.get("user"), dict):
                user_id = int(entity["user"].get("id", 0))
                known = self._users.get(user_id)
                entity["user"] = copy.deepcopy(known) if known else {**entity["user"]}
                entity["user"].setdefault("first_name", "User")
                entity["user"]["first_name"] = entity["user"]["first_name"] or "User"
        text, entities = _trim(text, entities)
        if caption:
            if len(text) > limit:
                raise _bad_request("message caption is too long")
        else:
            if not text:
                raise _bad_request("message text is empty")
            if len(text) > limit:
                raise _bad_request("message is too long")
        return text, entities

    def _reply_markup(self, params: JSONDict) -> JSONDict | None:
        """Validate reply_markup like Telegram; return it parsed (None if absent)."""
        if "reply_markup" not in params:
            return None
        markup = params["reply_markup"]
        if not isinstance(markup, dict):
            raise _bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise _bad_request(
                    'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array '
                    "of Arrays"
                )
            for row in rows:
                for button in row:
                    _validate_inline_button(button)
        elif "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise _bad_request(
                    'field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays'
                )
            for row in rows:
                for button in row:
                    label = button if isinstance(button, str) else (button or {}).get("text")
                    if not isinstance(label, str) or not label:
                        raise _bad_request("keyboard button text must be non-empty")
        elif not ("remove_keyboard" in markup or "force_reply" in markup):
            raise _bad_request("can't parse reply keyboard markup JSON object")
        return markup

    def _reply_to(self, call: RecordedCall, chat: JSONDict) -> JSONDict | None:
        params = call.params
        reply = params.get("reply_parameters")
        message_id: Any = None
        allow_missing = bool(params.get("allow_sending_without_reply"))
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = allow_missing or bool(reply.get("allow_sending_without_reply"))
        elif reply is not None:
            raise _bad_request("can't parse reply parameters JSON object")
        if message_id is None:
            message_id = params.get("reply_to_message_id")
        if message_id is None:
            return None
        replied = self._messages.get(int(chat["id"]), {}).get(int(message_id))
        if replied is None:
            if allow_missing:
                return None
            raise _bad_request("message to be replied not found")
        return _without_reply(replied)

    def _new_bot_message(
        self,
        call: RecordedCall,
        chat: JSONDict,
        content: JSONDict,
        markup: JSONDict | None,
        reply_to: JSONDict | None,
    ) -> JSONDict:
        """Store and return a message from the bot, shaped like Telegram's answer."""
        chat_id = int(chat["id"])
        message: JSONDict = {
            "message_id": self._alloc_message_id(chat_id),
            "date": int(time.time()),
            "chat": copy.deepcopy(chat),
        }
        if chat["type"] == "channel":
            message["sender_chat"] = copy.deepcopy(chat)
        else:
            message["from"] = _bot_user()
        if call.params.get("message_thread_id") is not None and chat["type"] == "supergroup":
            message["message_thread_id"] = call.params["message_thread_id"]
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(content)
        inline = _inline_part(markup)
        if inline is not None:
            message["reply_markup"] = inline
        if call.params.get("protect_content"):
            message["has_protected_content"] = True
        self._messages.setdefault(chat_id, {})[message["message_id"]] = message
        self._bot_messages.add((chat_id, message["message_id"]))
        call.message = copy.deepcopy(message)
        return copy.deepcopy(message)

    def _new_file(
        self,
        kind: str,
        *,
        data: bytes | None,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        number = next(self._file_counter)
        extension = {"photo": ".jpg", "sticker": ".webp"}.get(kind, "")
        if file_name and "." in file_name:
            extension = "." + file_name.rsplit(".", 1)[1]
        stored = StoredFile(
            file_id=f"FAKE{kind.upper()}{number:06d}{secrets.token_hex(6)}",
            file_unique_id=f"U{number:06d}",
            kind=kind,
            file_name=file_name,
            mime_type=mime_type,
            data=data,
            file_size=len(data) if data is not None else 1024,
            file_path=f"{kind}s/file_{number}{extension}",
        )
        self._files[stored.file_id] = stored
        return stored

    def _input_file(self, call: RecordedCall, name: str) -> StoredFile:
        """Resolve a file param: an upload (attach://), a known file_id, or a URL."""
        value = call.params.get(name)
        upload: UploadedFile | None = call.files.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = call.files.get(value[len("attach://") :])
            if upload is None:
                raise _bad_request(f"wrong file identifier/HTTP URL specified ({value})")
        if upload is not None:
            mime = upload.content_type
            if not mime or mime == "application/octet-stream":
                mime = mimetypes.guess_type(upload.filename or "")[0] or mime
            return self._new_file(
                name, data=upload.data, file_name=upload.filename or name, mime_type=mime
            )
        if value is None or value == "":
            raise _bad_request(f"there is no {name} in the request")
        text = str(value)
        if text.startswith(("http://", "https://")):
            file_name = text.rstrip("/").rsplit("/", 1)[-1] or name
            return self._new_file(
                name, data=None, file_name=file_name, mime_type=mimetypes.guess_type(file_name)[0]
            )
        known = self._files.get(text)
        if known is None:
            raise _bad_request("wrong file identifier/HTTP URL specified")
        return known

    @staticmethod
    def _document_dict(stored: StoredFile) -> JSONDict:
        document: JSONDict = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
        if stored.file_name:
            document["file_name"] = stored.file_name
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        if stored.file_size is not None:
            document["file_size"] = stored.file_size
        return document

    @staticmethod
    def _photo_sizes(stored: StoredFile) -> list[JSONDict]:
        return [
            {
                "file_id": stored.file_id + "s",
                "file_unique_id": stored.file_unique_id + "s",
                "width": 90,
                "height": 68,
                "file_size": 1200,
            },
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "width": 800,
                "height": 600,
                "file_size": stored.file_size or 1024,
            },
        ]

    def _caption_content(self, params: JSONDict) -> JSONDict:
        caption, entities = self._formatted(
            params, "caption", "caption_entities", limit=CAPTION_LIMIT, caption=True
        )
        content: JSONDict = {}
        if caption:
            content["caption"] = caption
            if entities:
                content["caption_entities"] = entities
        return content

    def _existing_message(
        self, call: RecordedCall, chat: JSONDict, missing: str, key: str = "message_id"
    ) -> JSONDict:
        message_id = call.params.get(key)
        if message_id is None or message_id == "":
            raise _bad_request("message identifier is not specified")
        if not isinstance(message_id, int):
            raise _bad_request(f"invalid {key} specified")
        message = self._messages.get(int(chat["id"]), {}).get(message_id)
        if message is None:
            raise _bad_request(missing)
        return message

    # ================================================================= Bot API methods

    def _get_me(self, call: RecordedCall) -> JSONDict:
        return {
            **_bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, call: RecordedCall) -> list[JSONDict]:
        """Long polling with Telegram's semantics: confirm by offset, wait up to timeout."""
        params = call.params
        if self._webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _int_or_none(params.get("offset"))
        limit = min(max(_int_or_none(params.get("limit")) or 100, 1), 100)
        timeout = max(0.0, float(_int_or_none(params.get("timeout")) or 0))
        if "allowed_updates" in params:
            allowed = params["allowed_updates"]
            if isinstance(allowed, list) and allowed:
                self._allowed_updates = frozenset(str(kind) for kind in allowed)
            else:
                self._allowed_updates = None
        if offset is not None:
            self._confirm(offset)
        self._current_poll = call
        self._notify()  # a previous poll, if still waiting, must now end with 409
        deadline = time.monotonic() + timeout
        while True:
            if self._current_poll is not call:
                raise ApiError(409, CONFLICT_OTHER_POLL)
            updates = self._deliverable(limit)
            remaining = deadline - time.monotonic()
            if updates or self._stopping or remaining <= 0:
                break
            await self._wait_change(remaining)
        self._current_poll = None
        return updates

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]

    def _deliverable(self, limit: int) -> list[JSONDict]:
        def allowed(update: JSONDict) -> bool:
            kind = _update_type(update)
            if self._allowed_updates is None:
                return kind not in _DEFAULT_EXCLUDED_UPDATES
            return kind in self._allowed_updates

        # Updates of a type the bot did not ask for are dropped for good, like Telegram does.
        self._pending = [update for update in self._pending if allowed(update)]
        return copy.deepcopy(self._pending[:limit])

    def _delete_webhook(self, call: RecordedCall) -> bool:
        self._webhook_url = ""
        if call.params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _set_webhook(self, call: RecordedCall) -> bool:
        self._webhook_url = str(call.params.get("url") or "")
        if call.params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _get_webhook_info(self, call: RecordedCall) -> JSONDict:
        return {
            "url": self._webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }

    def _commands_key(self, call: RecordedCall) -> tuple[str, str]:
        scope = call.params.get("scope")
        if isinstance(scope, str):
            raise _bad_request("can't parse BotCommandScope JSON object")
        if scope is not None:
            if not isinstance(scope, dict) or scope.get("type") not in _SCOPE_TYPES:
                raise _bad_request("wrong bot command scope type specified")
            if "chat_id" in scope:
                self._resolve_chat(_decode_value("chat_id", scope["chat_id"]))
        language = str(call.params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2,3}", language):
            raise _bad_request("invalid language code specified")
        return self._scope_key(scope), language

    def _set_my_commands(self, call: RecordedCall) -> bool:
        commands = call.params.get("commands")
        if isinstance(commands, str) or not isinstance(commands, list):
            raise _bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad_request("BOT_COMMANDS_TOO_MUCH")
        cleaned: list[JSONDict] = []
        for command in commands:
            if not isinstance(command, dict):
                raise _bad_request("can't parse BotCommand JSON object")
            name = command.get("command")
            description = command.get("description")
            if not isinstance(name, str) or not _COMMAND_RE.fullmatch(name):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._commands_key(call)
        if cleaned:
            self._commands[key] = cleaned
        else:
            self._commands.pop(key, None)
        return True

    def _delete_my_commands(self, call: RecordedCall) -> bool:
        self._commands.pop(self._commands_key(call), None)
        return True

    def _get_my_commands(self, call: RecordedCall) -> list[JSONDict]:
        return copy.deepcopy(self._commands.get(self._commands_key(call), []))

    def _set_chat_menu_button(self, call: RecordedCall) -> bool:
        chat_id: int | None = None
        if call.params.get("chat_id") not in (None, ""):
            chat = self._resolve_chat(call.params["chat_id"])
            if chat["type"] != "private":
                raise _bad_request("chat_id must be a private chat")
            chat_id = call.chat_id = int(chat["id"])
        button = call.params.get("menu_button", {"type": "default"})
        if not isinstance(button, dict):
            raise _bad_request("can't parse menu button JSON object")
        if button.get("type") not in ("default", "commands", "web_app"):
            raise _bad_request("wrong menu button type specified")
        self.menu_buttons[chat_id] = dict(button)
        return True

    def _get_chat_menu_button(self, call: RecordedCall) -> JSONDict:
        chat_id: int | None = None
        if call.params.get("chat_id") not in (None, ""):
            chat_id = int(self._resolve_chat(call.params["chat_id"])["id"])
        button = self.menu_buttons.get(chat_id) or self.menu_buttons.get(None)
        return copy.deepcopy(button) if button else {"type": "commands"}

    def _send_message(self, call: RecordedCall) -> JSONDict:
        chat = self._target(call)
        text, entities = self._formatted(
            call.params, "text", "entities", limit=TEXT_LIMIT, caption=False
        )
        markup = self._reply_markup(call.params)
        reply_to = self._reply_to(call, chat)
        self._consume_rate(call, chat)
        content: JSONDict = {"text": text}
        if entities:
            content["entities"] = entities
        return self._new_bot_message(call, chat, content, markup, reply_to)

    def _editable(self, call: RecordedCall) -> tuple[JSONDict, JSONDict]:
        if call.params.get("inline_message_id"):
            raise _bad_request("MESSAGE_ID_INVALID")
        chat = self._target(call)
        message = self._existing_message(call, chat, "message to edit not found")
        if (int(chat["id"]), message["message_id"]) not in self._bot_messages:
            raise _bad_request("message can't be edited")
        return chat, message

    def _finish_edit(self, call: RecordedCall, message: JSONDict) -> JSONDict:
        message["edit_date"] = int(time.time())
        call.message = copy.deepcopy(message)
        return copy.deepcopy(message)

    @staticmethod
    def _set_markup(message: JSONDict, markup: JSONDict | None) -> None:
        """Edits replace the inline keyboard; leaving reply_markup out removes it."""
        inline = _inline_part(markup)
        if inline is not None:
            message["reply_markup"] = inline
        else:
            message.pop("reply_markup", None)

    def _edit_message_text(self, call: RecordedCall) -> JSONDict:
        chat, message = self._editable(call)
        if "text" not in message:
            raise _bad_request("there is no text in the message to edit")
        text, entities = self._formatted(
            call.params, "text", "entities", limit=TEXT_LIMIT, caption=False
        )
        markup = self._reply_markup(call.params)
        inline = _inline_part(markup)
        if (
            message["text"] == text
            and message.get("entities", []) == entities
            and message.get("reply_markup") == inline
        ):
            raise ApiError(400, NOT_MODIFIED)
        self._consume_rate(call, chat)
        message["text"] = text
        if entities:
            message["entities"] = entities
        else:
            message.pop("entities", None)
        self._set_markup(message, markup)
        return self._finish_edit(call, message)

    def _edit_message_caption(self, call: RecordedCall) -> JSONDict:
        chat, message = self._editable(call)
        if "text" in message:
            raise _bad_request("there is no caption in the message to edit")
        content = self._caption_content(call.params)
        markup = self._reply_markup(call.params)
        inline = _inline_part(markup)
        if (
            message.get("caption") == content.get("caption")
            and message.get("caption_entities") == content.get("caption_entities")
            and message.get("reply_markup") == inline
        ):
            raise ApiError(400, NOT_MODIFIED)
        self._consume_rate(call, chat)
        message.pop("caption", None)
        message.pop("caption_entities", None)
        message.update(content)
        self._set_markup(message, markup)
        return self._finish_edit(call, message)

    def _edit_message_reply_markup(self, call: RecordedCall) -> JSONDict:
        chat, message = self._editable(call)
        markup = self._reply_markup(call.params)
        if markup is not None and "inline_keyboard" not in markup:
            raise _bad_request("inline keyboard expected")
        inline = _inline_part(markup)
        if message.get("reply_markup") == inline:
            raise ApiError(400, NOT_MODIFIED)
        self._consume_rate(call, chat)
        self._set_markup(message, markup)
        return self._finish_edit(call, message)

    def _delete_message(self, call: RecordedCall) -> bool:
        chat = self._resolve_chat(call.params.get("chat_id"))
        call.chat_id = int(chat["id"])
        message = self._existing_message(call, chat, "message to delete not found")
        del self._messages[int(chat["id"])][message["message_id"]]
        return True

    def _answer_callback_query(self, call: RecordedCall) -> bool:
        query_id = str(call.params.get("callback_query_id") or "")
        state = self._callbacks.get(query_id)
        if (
            state is None
            or state.answered
            or time.monotonic() - state.created > self.callback_timeout
        ):
            raise ApiError(400, CALLBACK_QUERY_INVALID)
        text = call.params.get("text")
        if isinstance(text, str) and len(text) > CALLBACK_ANSWER_TEXT_LIMIT:
            raise _bad_request("MESSAGE_TOO_LONG")
        state.answered = True
        self.callback_answers[query_id] = dict(call.params)
        return True

    def _send_document(self, call: RecordedCall) -> JSONDict:
        chat = self._target(call)
        content = self._caption_content(call.params)
        markup = self._reply_markup(call.params)
        reply_to = self._reply_to(call, chat)
        stored = self._input_file(call, "document")
        self._consume_rate(call, chat)
        return self._new_bot_message(
            call, chat, {"document": self._document_dict(stored), **content}, markup, reply_to
        )

    def _send_photo(self, call: RecordedCall) -> JSONDict:
        chat = self._target(call)
        content = self._caption_content(call.params)
        markup = self._reply_markup(call.params)
        reply_to = self._reply_to(call, chat)
        stored = self._input_file(call, "photo")
        self._consume_rate(call, chat)
        return self._new_bot_message(
            call, chat, {"photo": self._photo_sizes(stored), **content}, markup, reply_to
        )

    def _source_message(self, call: RecordedCall, missing: str) -> JSONDict:
        source_chat = self._resolve_chat(call.params.get("from_chat_id"))
        return self._existing_message(call, source_chat, missing)

    def _copy_message(self, call: RecordedCall) -> JSONDict:
        chat = self._target(call)
        source = self._source_message(call, "message to copy not found")
        content = {
            key: copy.deepcopy(value)
            for key, value in source.items()
            if key
            in {
                "text",
                "entities",
                "document",
                "photo",
                "sticker",
                "contact",
                "caption",
                "caption_entities",
                "location",
                "voice",
                "audio",
                "video",
            }
        }
        if not content:
            raise _bad_request("message can't be copied")
        if "caption" in call.params and "text" not in content:
            content.pop("caption", None)
            content.pop("caption_entities", None)
            content.update(self._caption_content(call.params))
        markup = self._reply_markup(call.params)
        reply_to = self._reply_to(call, chat)
        self._consume_rate(call, chat)
        message = self._new_bot_message(call, chat, content, markup, reply_to)
        return {"message_id": message["message_id"]}

    def _forward_message(self, call: RecordedCall) -> JSONDict:
        chat = self._target(call)
        source = self._source_message(call, "message to forward not found")
        content = {
            key: copy.deepcopy(value)
            for key, value in source.items()
            if key
            not in {
                "message_id",
                "date",
                "chat",
                "from",
                "sender_chat",
                "reply_markup",
                "reply_to_message",
                "edit_date",
                "forward_origin",
            }
        }
        if source.get("forward_origin"):
            origin = copy.deepcopy(source["forward_origin"])
        elif source["chat"]["type"] == "channel":
            origin = {
                "type": "channel",
                "date": source["date"],
                "chat": copy.deepcopy(source["chat"]),
                "message_id": source["message_id"],
            }
        else:
            origin = {
                "type": "user",
                "date": source["date"],
                "sender_user": copy.deepcopy(source.get("from", _bot_user())),
            }
        self._consume_rate(call, chat)
        content["forward_origin"] = origin
        return self._new_bot_message(call, chat, content, None, None)

    def _send_chat_action(self, call: RecordedCall) -> bool:
        self._target(call)
        if call.params.get("action") not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        return True

    def _get_chat(self, call: RecordedCall) -> JSONDict:
        chat = self._resolve_chat(call.params.get("chat_id"))
        call.chat_id = int(chat["id"])
        return {
            **copy.deepcopy(chat),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": True,
                "limited_gifts": True,
                "unique_gifts": True,
                "premium_subscription": True,
                "gifts_from_channels": True,
            },
        }

    def _get_chat_member(self, call: RecordedCall) -> JSONDict:
        chat = self._resolve_chat(call.params.get("chat_id"))
        chat_id = call.chat_id = int(chat["id"])
        user_id = call.params.get("user_id")
        if not isinstance(user_id, int):
            raise _bad_request("invalid user_id specified")
        if user_id == BOT_ID:
            user = _bot_user()
        elif user_id in self._users:
            user = copy.deepcopy(self._users[user_id])
        else:
            raise _bad_request("user not found")
        status = self._members.get((chat_id, user_id))
        if user_id == BOT_ID and chat_id in self._bot_status:
            status = self._bot_status[chat_id]
        if status is None:
            is_member = chat["type"] == "private" and user_id in (chat_id, BOT_ID)
            status = "member" if is_member or user_id == BOT_ID else "left"
        return _member_dict(status, user)

    def _leave_chat(self, call: RecordedCall) -> bool:
        chat = self._resolve_chat(call.params.get("chat_id"))
        call.chat_id = int(chat["id"])
        if chat["type"] == "private":
            raise _bad_request("chat member status can't be changed in private chats")
        self._check_can_write(chat)
        self._bot_status[int(chat["id"])] = "left"
        return True

    def _get_file(self, call: RecordedCall) -> JSONDict:
        stored = self._files.get(str(call.params.get("file_id") or ""))
        if stored is None:
            raise _bad_request("invalid file_id")
        info: JSONDict = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
        if stored.file_size is not None:
            info["file_size"] = stored.file_size
        if stored.file_path:
            info["file_path"] = stored.file_path
        return info


# =====================================================================================
# Module helpers
# =====================================================================================


class _InjectedRaw(Exception):
    """An injected error whose body is not JSON (e.g. a proxy's HTML error page)."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(body)
        self.status = status
        self.body = body


def _id_of(chat: int | FakeUser) -> int:
    return chat.id if isinstance(chat, FakeUser) else int(chat)


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        try:
            return int(float(value))
        except ValueError:
            return None
    return None


def _decode_value(key: str, value: Any) -> Any:
    """Turn a form field back into what the client meant (aiogram JSON-encodes objects)."""
    if not isinstance(value, str):
        return value
    if key in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return value  # kept raw: the method reports the malformed JSON
    if key in _INT_FIELDS:
        return int(value) if _INT_RE.fullmatch(value) else value
    if key in _BOOL_FIELDS:
        lowered = value.lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0", ""):
            return False
        return value
    if key not in _TEXT_FIELDS and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _validate_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise _bad_request("can't parse inline keyboard button: Object expected")
    text = button.get("text")
    if not isinstance(text, str) or not text:
        raise _bad_request("BUTTON_TEXT_INVALID")
    actions = {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
    if not actions & button.keys():
        raise _bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
            raise _bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or _checked_link(url) is None:
            raise _bad_request("BUTTON_URL_INVALID")


def _inline_part(markup: JSONDict | None) -> JSONDict | None:
    """What Telegram echoes of a reply_markup in a Message: only an inline keyboard."""
    if markup is None or "inline_keyboard" not in markup:
        return None
    return {"inline_keyboard": copy.deepcopy(markup["inline_keyboard"])}


def _without_reply(message: Mapping[str, Any]) -> JSONDict:
    """A replied-to message as Telegram nests it (no further reply_to_message)."""
    return {
        key: copy.deepcopy(value) for key, value in message.items() if key != "reply_to_message"
    }


def _safe(predicate: Callable[[RecordedCall], Any], call: RecordedCall) -> bool:
    try:
        return bool(predicate(call))
    except (KeyError, TypeError, AttributeError, IndexError):
        return False
