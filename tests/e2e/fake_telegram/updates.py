"""Updates: pushing them (and learning the chats, users and messages in them), long polling
with offsets, and the webhook switch that makes getUpdates refuse.
"""

from __future__ import annotations

import copy
import itertools
import time
from collections.abc import Mapping
from typing import Any

from .constants import BOT_ID, CONFLICT_OTHER_POLL, DEFAULT_EXCLUDED_UPDATES, JSONDict
from .errors import ApiError
from .objects import update_type, without_reply
from .records import CallbackState, FakeUser, RecordedCall
from .state import ServerState
from .validation import int_or_none


class UpdatesMixin(ServerState):
    """The update queue, filled by tests and drained by getUpdates."""

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
            message["reply_to_message"] = without_reply(replied)
        message.update(content)
        return self.push_update({update_kind: message})

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
                self._callbacks[str(obj["id"])] = CallbackState(user_id, time.monotonic())

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

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates pushed but not yet confirmed by the bot (via getUpdates offset)."""
        return list(self._pending)

    async def _get_updates(self, call: RecordedCall) -> list[JSONDict]:
        """Long polling with Telegram's semantics: confirm by offset, wait up to timeout."""
        params = call.params
        if self._webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int_or_none(params.get("offset"))
        limit = min(max(int_or_none(params.get("limit")) or 100, 1), 100)
        timeout = max(0.0, float(int_or_none(params.get("timeout")) or 0))
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
            kind = update_type(update)
            if self._allowed_updates is None:
                return kind not in DEFAULT_EXCLUDED_UPDATES
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
