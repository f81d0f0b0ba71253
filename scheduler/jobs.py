"""Scheduled jobs. Each is safe to run twice and safe to run late."""

from __future__ import annotations

import logging
from datetime import timedelta

from storage.database import Database
from storage.models import utcnow
from storage.repositories.fsm import FsmRepository

log = logging.getLogger(__name__)

# A form untouched for this long was abandoned: its personal data should not stay around.
FORM_RETENTION = timedelta(days=30)


async def purge_abandoned_forms(database: Database) -> int:
    async with database.write() as session:
        removed = await FsmRepository(session).purge_older_than(utcnow() - FORM_RETENTION)
    if removed:
        log.info("purged %d abandoned form(s)", removed)
    return removed
