"""The fake bot's identity, Telegram's limits, and the exact texts of the errors it answers."""

from __future__ import annotations

import re
from typing import Any, Final

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

DEFAULT_EXCLUDED_UPDATES: Final = frozenset(
    {"chat_member", "message_reaction", "message_reaction_count"}
)
CHAT_ACTIONS: Final = frozenset(
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
SCOPE_TYPES: Final = frozenset(
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
COMMAND_RE: Final = re.compile(r"[a-z0-9_]{1,32}")
