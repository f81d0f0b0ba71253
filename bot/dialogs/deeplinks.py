"""Deep links (t.me/<bot>?start=<payload>): remembered through registration, opened after it.

Both the /start handler (a registered teacher) and the registration dialog (right after the
last step) open them here, so a link means the same thing whoever follows it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram.types import Message
from aiogram_i18n import I18nContext

from bot.services.errors import NotFound
from bot.services.permissions import Actor
from bot.services.sessions import SessionService
from bot.views.sessions import card_text, session_card

PAYLOAD_MAX = 64  # Telegram's own limit for a start parameter
# Where the link a person came by waits in the FSM data until registration is done.
DEEPLINK_KEY = "deeplink"
SESSION = "s"


def clean_payload(raw: str | None) -> str | None:
    if not raw:
        return None
    payload = raw.strip()
    if not payload or len(payload) > PAYLOAD_MAX:
        return None
    if not all(ch.isalnum() or ch in "_-" for ch in payload) or not payload.isascii():
        return None
    return payload


class DeepLinks:
    def __init__(self, sessions: SessionService, zone: ZoneInfo) -> None:
        self.sessions = sessions
        self.zone = zone

    async def open(self, message: Message, payload: str, i18n: I18nContext, actor: Actor) -> None:
        """Show what the link points to; an unknown or stale link is said to be so."""
        kind, rest = payload[:1], payload[1:]
        if kind == SESSION and rest.isdigit():
            try:
                card = await self.sessions.card(int(rest), actor.user_id)
            except NotFound:
                pass
            else:
                markup = session_card(
                    i18n, card.session.id, card.my_status, can_manage=actor.manages(card.workshop)
                )
                await message.answer(card_text(i18n, card, self.zone), reply_markup=markup)
                return
        await message.answer(i18n.get("deeplink-unknown"))
