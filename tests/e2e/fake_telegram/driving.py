"""Driving the bot: what the people a test plays do (type, press a button, send a file, edit
a message, block the bot…), each pushed as the update Telegram would send.
"""

from __future__ import annotations

import copy
import mimetypes
import secrets
import time

from tests.support.telegram_formatting import auto_entities

from .chats import ChatsMixin
from .constants import JSONDict
from .files import FilesMixin
from .inspection import InspectionMixin
from .objects import bot_user_dict, document_dict, member_dict, photo_sizes
from .records import CallbackState, FakeUser


class DrivingMixin(ChatsMixin, FilesMixin, InspectionMixin):
    """Update-pushing helpers: plain methods, so a test calls them without ``await``."""

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

    def send_text(self, user: FakeUser, text: str, *, reply_to: int | None = None) -> int:
        """The user types ``text`` in their private chat with the bot; the update_id.

        Commands get a ``bot_command`` entity as Telegram adds it ("/start s42" → length 6).
        """
        content: JSONDict = {"text": text}
        entities = auto_entities(text)
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
        entities = auto_entities(text)
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
        content: JSONDict = {"photo": photo_sizes(stored)}
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
        message: JSONDict = {"document": document_dict(stored)}
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
        entities = auto_entities(text)
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
                "old_chat_member": member_dict(old_status, bot_user_dict()),
                "new_chat_member": member_dict(new_status, bot_user_dict()),
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
                "old_chat_member": member_dict(old_status, user.to_dict()),
                "new_chat_member": member_dict(new_status, user.to_dict()),
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
        self._callbacks[query_id] = CallbackState(user.id, time.monotonic())
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

    def _describe_bot_messages(self, chat_id: int) -> str:
        ids = [mid for (cid, mid) in sorted(self._bot_messages) if cid == chat_id]
        existing = [mid for mid in ids if mid in self._messages.get(chat_id, {})]
        return str(existing) if existing else "none"
