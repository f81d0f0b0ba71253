"""Chats: making them known, blocking and deactivating users, group migration and membership;
and the Bot API's chat methods (getChat, getChatMember, leaveChat, sendChatAction).
"""

from __future__ import annotations

import copy

from .constants import BOT_ID, CHAT_ACTIONS, JSONDict
from .errors import bad_request
from .objects import bot_user_dict, member_dict
from .records import FakeUser, RecordedCall, id_of
from .updates import UpdatesMixin


class ChatsMixin(UpdatesMixin):
    """Chats and membership as a test sets them up and the bot asks."""

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
        self._blocked.add(id_of(user_id))

    def unblock(self, user_id: int | FakeUser) -> None:
        """The user unblocks (restarts) the bot."""
        self._blocked.discard(id_of(user_id))

    def deactivate(self, user_id: int | FakeUser) -> None:
        """The user deletes their account: sends get 403 "user is deactivated"."""
        self._deactivated.add(id_of(user_id))

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
        self._members[(chat_id, id_of(user_id))] = status

    @property
    def blocked_users(self) -> frozenset[int]:
        """Ids of users currently blocking the bot."""
        return frozenset(self._blocked)

    def _send_chat_action(self, call: RecordedCall) -> bool:
        self._target(call)
        if call.params.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
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
            raise bad_request("invalid user_id specified")
        if user_id == BOT_ID:
            user = bot_user_dict()
        elif user_id in self._users:
            user = copy.deepcopy(self._users[user_id])
        else:
            raise bad_request("user not found")
        status = self._members.get((chat_id, user_id))
        if user_id == BOT_ID and chat_id in self._bot_status:
            status = self._bot_status[chat_id]
        if status is None:
            is_member = chat["type"] == "private" and user_id in (chat_id, BOT_ID)
            status = "member" if is_member or user_id == BOT_ID else "left"
        return member_dict(status, user)

    def _leave_chat(self, call: RecordedCall) -> bool:
        chat = self._resolve_chat(call.params.get("chat_id"))
        call.chat_id = int(chat["id"])
        if chat["type"] == "private":
            raise bad_request("chat member status can't be changed in private chats")
        self._check_can_write(chat)
        self._bot_status[int(chat["id"])] = "left"
        return True
