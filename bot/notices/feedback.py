"""Feedback requests and the one nudge after them, queued in the outbox in each person's language.

The scheduler job decides when (and records EventSession.feedback_requested_at /
feedback_nudged_at); these functions only build the messages and queue them. Both are
idempotent: the outbox keeps one message per (purpose, chat), and chats that already have one are
left out before anything is written, so a retried job adds nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.clock import SystemClock
from bot.delivery.outbox import Outbox
from bot.notices import purposes
from bot.notices.fanout import FanOut, active
from bot.services.errors import NotFound
from bot.services.feedback import FeedbackService
from bot.views.feedback import request_text, score_keyboard
from storage.database import Database
from storage.models import EventSession, SessionStatus, User

log = logging.getLogger(__name__)


def _service(database: Database) -> FeedbackService:
    # Nothing queued here depends on the time: the clock is only for answers' deadlines.
    return FeedbackService(database, SystemClock())


async def _open_session(service: FeedbackService, session_id: int) -> EventSession | None:
    try:
        event = await service.event_session(session_id)
    except NotFound:
        log.warning("feedback for session %s: no such session", session_id)
        return None
    if event.status == SessionStatus.CANCELLED:
        log.info("feedback for session %s: the session was cancelled", session_id)
        return None
    return event


async def _queue(
    service: FeedbackService,
    outbox: Outbox,
    core: BaseCore[Any],
    zone: ZoneInfo,
    event: EventSession,
    people: Sequence[User],
    purpose: str,
    *,
    nudge: bool,
) -> int:
    already = await service.already_queued(purpose)
    markup = score_keyboard(event.id)

    def render(i18n: I18nContext) -> tuple[str, InlineKeyboardMarkup | None]:
        return request_text(i18n, event, zone, nudge=nudge), markup

    readers = [reader for reader in active(people) if reader[0] not in already]
    return await FanOut(outbox, core).send(purpose, readers, render, priority=purposes.NORMAL)


async def queue_feedback_requests(
    database: Database, outbox: Outbox, core: BaseCore[Any], zone: ZoneInfo, session_id: int
) -> int:
    """Ask every participant of an ended session for feedback; returns how many were queued."""
    service = _service(database)
    event = await _open_session(service, session_id)
    if event is None:
        return 0
    people = await service.participants(session_id)
    purpose = purposes.feedback_request(session_id)
    queued = await _queue(service, outbox, core, zone, event, people, purpose, nudge=False)
    log.info("feedback for session %s: %s requests queued", session_id, queued)
    return queued


async def queue_feedback_nudges(
    database: Database, outbox: Outbox, core: BaseCore[Any], zone: ZoneInfo, session_id: int
) -> int:
    """Remind, once, those who were asked and have not answered; returns how many were queued."""
    service = _service(database)
    event = await _open_session(service, session_id)
    if event is None:
        return 0
    people = await service.unanswered(session_id)
    purpose = purposes.feedback_nudge(session_id)
    queued = await _queue(service, outbox, core, zone, event, people, purpose, nudge=True)
    log.info("feedback for session %s: %s nudges queued", session_id, queued)
    return queued
