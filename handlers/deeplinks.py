"""Deep links (t.me/<bot>?start=<payload>): remembered through registration, opened after it.

Features add their payload kinds to `OPENERS`; until one claims a payload the person is told
the link is not valid, rather than silently landing in the menu.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import Message
from aiogram_i18n import I18nContext

Opener = Callable[[Message, str, I18nContext, dict[str, Any]], Awaitable[None]]
OPENERS: dict[str, Opener] = {}
PAYLOAD_MAX = 64  # Telegram's own limit for a start parameter


def clean_payload(raw: str | None) -> str | None:
    if not raw:
        return None
    payload = raw.strip()
    if not payload or len(payload) > PAYLOAD_MAX:
        return None
    if not all(ch.isalnum() or ch in "_-" for ch in payload) or not payload.isascii():
        return None
    return payload


async def open_deeplink(
    message: Message, payload: str, i18n: I18nContext, data: dict[str, Any]
) -> None:
    for prefix, opener in OPENERS.items():
        if payload.startswith(prefix):
            await opener(message, payload[len(prefix) :], i18n, data)
            return
    await message.answer(i18n.get("deeplink-unknown"))
