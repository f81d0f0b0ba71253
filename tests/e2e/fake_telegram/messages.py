"""Message methods: sending, editing, deleting, copying and forwarding messages, with the
formatting, length and markup rules Telegram enforces; and answering callback queries.
"""

from __future__ import annotations

import copy
import itertools
import time
from typing import Any

from tests.support.telegram_formatting import (
    EntityParseError,
    parse_html,
    parse_markdown,
    parse_markdown_v2,
    trim,
)

from .constants import (
    CALLBACK_ANSWER_TEXT_LIMIT,
    CALLBACK_QUERY_INVALID,
    CAPTION_LIMIT,
    NOT_MODIFIED,
    TEXT_LIMIT,
    JSONDict,
)
from .errors import ApiError, bad_request
from .files import FilesMixin
from .objects import bot_user_dict, document_dict, inline_part, photo_sizes, without_reply
from .ratelimits import RateLimitsMixin
from .records import RecordedCall
from .validation import validated_markup


class MessagesMixin(FilesMixin, RateLimitsMixin):
    """What the bot does with messages."""

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
                raise bad_request("unsupported parse_mode")
            try:
                text, entities = parsers[mode](text)
            except EntityParseError as error:
                raise bad_request(f"can't parse entities: {error}") from None
        else:
            if isinstance(explicit, str):
                raise bad_request("can't parse entities JSON object")
            entities = [dict(entity) for entity in explicit or [] if isinstance(entity, dict)]
        for entity in entities:
            if entity.get("type") == "text_mention" and isinstance(entity.get("user"), dict):
                user_id = int(entity["user"].get("id", 0))
                known = self._users.get(user_id)
                entity["user"] = copy.deepcopy(known) if known else {**entity["user"]}
                entity["user"].setdefault("first_name", "User")
                entity["user"]["first_name"] = entity["user"]["first_name"] or "User"
        text, entities = trim(text, entities)
        if caption:
            if len(text) > limit:
                raise bad_request("message caption is too long")
        else:
            if not text:
                raise bad_request("message text is empty")
            if len(text) > limit:
                raise bad_request("message is too long")
        return text, entities

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

    def _reply_to(self, call: RecordedCall, chat: JSONDict) -> JSONDict | None:
        params = call.params
        reply = params.get("reply_parameters")
        message_id: Any = None
        allow_missing = bool(params.get("allow_sending_without_reply"))
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = allow_missing or bool(reply.get("allow_sending_without_reply"))
        elif reply is not None:
            raise bad_request("can't parse reply parameters JSON object")
        if message_id is None:
            message_id = params.get("reply_to_message_id")
        if message_id is None:
            return None
        replied = self._messages.get(int(chat["id"]), {}).get(int(message_id))
        if replied is None:
            if allow_missing:
                return None
            raise bad_request("message to be replied not found")
        return without_reply(replied)

    def _alloc_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

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
            message["from"] = bot_user_dict()
        if call.params.get("message_thread_id") is not None and chat["type"] == "supergroup":
            message["message_thread_id"] = call.params["message_thread_id"]
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(content)
        inline = inline_part(markup)
        if inline is not None:
            message["reply_markup"] = inline
        if call.params.get("protect_content"):
            message["has_protected_content"] = True
        self._messages.setdefault(chat_id, {})[message["message_id"]] = message
        self._bot_messages.add((chat_id, message["message_id"]))
        call.message = copy.deepcopy(message)
        return copy.deepcopy(message)

    def _existing_message(
        self, call: RecordedCall, chat: JSONDict, missing: str, key: str = "message_id"
    ) -> JSONDict:
        message_id = call.params.get(key)
        if message_id is None or message_id == "":
            raise bad_request("message identifier is not specified")
        if not isinstance(message_id, int):
            raise bad_request(f"invalid {key} specified")
        message = self._messages.get(int(chat["id"]), {}).get(message_id)
        if message is None:
            raise bad_request(missing)
        return message

    def _send_message(self, call: RecordedCall) -> JSONDict:
        chat = self._target(call)
        text, entities = self._formatted(
            call.params, "text", "entities", limit=TEXT_LIMIT, caption=False
        )
        markup = validated_markup(call.params)
        reply_to = self._reply_to(call, chat)
        self._consume_rate(call, chat)
        content: JSONDict = {"text": text}
        if entities:
            content["entities"] = entities
        return self._new_bot_message(call, chat, content, markup, reply_to)

    def _editable(self, call: RecordedCall) -> tuple[JSONDict, JSONDict]:
        if call.params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat = self._target(call)
        message = self._existing_message(call, chat, "message to edit not found")
        if (int(chat["id"]), message["message_id"]) not in self._bot_messages:
            raise bad_request("message can't be edited")
        return chat, message

    def _finish_edit(self, call: RecordedCall, message: JSONDict) -> JSONDict:
        message["edit_date"] = int(time.time())
        call.message = copy.deepcopy(message)
        return copy.deepcopy(message)

    @staticmethod
    def _set_markup(message: JSONDict, markup: JSONDict | None) -> None:
        """Edits replace the inline keyboard; leaving reply_markup out removes it."""
        inline = inline_part(markup)
        if inline is not None:
            message["reply_markup"] = inline
        else:
            message.pop("reply_markup", None)

    def _edit_message_text(self, call: RecordedCall) -> JSONDict:
        chat, message = self._editable(call)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        text, entities = self._formatted(
            call.params, "text", "entities", limit=TEXT_LIMIT, caption=False
        )
        markup = validated_markup(call.params)
        inline = inline_part(markup)
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
            raise bad_request("there is no caption in the message to edit")
        content = self._caption_content(call.params)
        markup = validated_markup(call.params)
        inline = inline_part(markup)
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
        markup = validated_markup(call.params)
        if markup is not None and "inline_keyboard" not in markup:
            raise bad_request("inline keyboard expected")
        inline = inline_part(markup)
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
            raise bad_request("MESSAGE_TOO_LONG")
        state.answered = True
        self.callback_answers[query_id] = dict(call.params)
        return True

    def _send_document(self, call: RecordedCall) -> JSONDict:
        chat = self._target(call)
        content = self._caption_content(call.params)
        markup = validated_markup(call.params)
        reply_to = self._reply_to(call, chat)
        stored = self._input_file(call, "document")
        self._consume_rate(call, chat)
        return self._new_bot_message(
            call, chat, {"document": document_dict(stored), **content}, markup, reply_to
        )

    def _send_photo(self, call: RecordedCall) -> JSONDict:
        chat = self._target(call)
        content = self._caption_content(call.params)
        markup = validated_markup(call.params)
        reply_to = self._reply_to(call, chat)
        stored = self._input_file(call, "photo")
        self._consume_rate(call, chat)
        return self._new_bot_message(
            call, chat, {"photo": photo_sizes(stored), **content}, markup, reply_to
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
            raise bad_request("message can't be copied")
        if "caption" in call.params and "text" not in content:
            content.pop("caption", None)
            content.pop("caption_entities", None)
            content.update(self._caption_content(call.params))
        markup = validated_markup(call.params)
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
                "sender_user": copy.deepcopy(source.get("from", bot_user_dict())),
            }
        self._consume_rate(call, chat)
        content["forward_origin"] = origin
        return self._new_bot_message(call, chat, content, None, None)
