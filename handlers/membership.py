"""A person blocking or unblocking the bot (my_chat_member in a private chat)."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from bot.services.users import UserService

log = logging.getLogger(__name__)
router = Router(name="membership")
router.my_chat_member.filter(F.chat.type == ChatType.PRIVATE)


@router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=KICKED))
async def blocked(event: ChatMemberUpdated, users: UserService) -> None:
    if await users.mark_blocked(event.from_user.id):
        log.info("user %s blocked the bot", event.from_user.id)


@router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=MEMBER))
async def unblocked(event: ChatMemberUpdated, users: UserService) -> None:
    if await users.mark_back(event.from_user.id):
        log.info("user %s unblocked the bot", event.from_user.id)
