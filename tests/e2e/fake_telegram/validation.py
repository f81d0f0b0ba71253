"""Reading a request as Telegram does: form fields decoded back into what the client meant, and
reply markup checked (button texts, 64-byte callback data, links).
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from tests.support.telegram_formatting import checked_link

from .constants import CALLBACK_DATA_LIMIT, JSONDict
from .errors import bad_request

INT_RE: Final = re.compile(r"-?\d+")
FORM_TYPES: Final = ("multipart/form-data", "application/x-www-form-urlencoded")

# Parameters that aiogram (and other clients) send JSON-encoded inside a form field.
JSON_FIELDS: Final = frozenset(
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
TEXT_FIELDS: Final = frozenset(
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
INT_FIELDS: Final = frozenset(
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
BOOL_FIELDS: Final = frozenset(
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


def int_or_none(value: Any) -> int | None:
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


def decode_value(key: str, value: Any) -> Any:
    """Turn a form field back into what the client meant (aiogram JSON-encodes objects)."""
    if not isinstance(value, str):
        return value
    if key in JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return value  # kept raw: the method reports the malformed JSON
    if key in INT_FIELDS:
        return int(value) if INT_RE.fullmatch(value) else value
    if key in BOOL_FIELDS:
        lowered = value.lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0", ""):
            return False
        return value
    if key not in TEXT_FIELDS and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def validated_markup(params: JSONDict) -> JSONDict | None:
    """Validate reply_markup like Telegram; return it parsed (None if absent)."""
    if "reply_markup" not in params:
        return None
    markup = params["reply_markup"]
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                validate_inline_button(button)
    elif "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                'field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                label = button if isinstance(button, str) else (button or {}).get("text")
                if not isinstance(label, str) or not label:
                    raise bad_request("keyboard button text must be non-empty")
    elif not ("remove_keyboard" in markup or "force_reply" in markup):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def validate_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: Object expected")
    text = button.get("text")
    if not isinstance(text, str) or not text:
        raise bad_request("BUTTON_TEXT_INVALID")
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
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or checked_link(url) is None:
            raise bad_request("BUTTON_URL_INVALID")
