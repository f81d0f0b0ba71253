"""Telegram objects as the fake answers with them: the bot's User, a ChatMember, a nested
replied-to message, the inline keyboard echoed back, a Document and PhotoSizes.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from .constants import BOT_FIRST_NAME, BOT_ID, BOT_USERNAME, JSONDict
from .records import StoredFile


def bot_user_dict() -> JSONDict:
    return {"id": BOT_ID, "is_bot": True, "first_name": BOT_FIRST_NAME, "username": BOT_USERNAME}


def member_dict(status: str, user: JSONDict) -> JSONDict:
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


def update_type(update: Mapping[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "unknown")


def inline_part(markup: JSONDict | None) -> JSONDict | None:
    """What Telegram echoes of a reply_markup in a Message: only an inline keyboard."""
    if markup is None or "inline_keyboard" not in markup:
        return None
    return {"inline_keyboard": copy.deepcopy(markup["inline_keyboard"])}


def without_reply(message: Mapping[str, Any]) -> JSONDict:
    """A replied-to message as Telegram nests it (no further reply_to_message)."""
    return {
        key: copy.deepcopy(value) for key, value in message.items() if key != "reply_to_message"
    }


def document_dict(stored: StoredFile) -> JSONDict:
    document: JSONDict = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
    if stored.file_name:
        document["file_name"] = stored.file_name
    if stored.mime_type:
        document["mime_type"] = stored.mime_type
    if stored.file_size is not None:
        document["file_size"] = stored.file_size
    return document


def photo_sizes(stored: StoredFile) -> list[JSONDict]:
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
