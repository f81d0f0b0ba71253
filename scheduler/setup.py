"""The scheduler and its jobs.

APScheduler's default misfire grace time is one second: a job due while the event loop was busy
or the process was paused is then silently skipped. Every job here is registered with no grace
limit and coalescing, so a late run still happens, once.
"""

from __future__ import annotations

from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.settings import Settings
from scheduler import jobs
from scheduler.session_lifecycle import SessionLifecycle
from storage.database import Database

JOB_DEFAULTS = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1}


def build_scheduler(
    settings: Settings, database: Database, lifecycle: SessionLifecycle
) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=settings.zone, job_defaults=JOB_DEFAULTS)
    scheduler.add_job(
        jobs.purge_abandoned_forms,
        "cron",
        hour=3,
        minute=30,
        id="purge_abandoned_forms",
        kwargs={"database": database},
        replace_existing=True,
    )
    scheduler.add_job(
        lifecycle.run,
        "interval",
        seconds=settings.session_job_seconds,
        id="session_lifecycle",
        next_run_time=datetime.now(settings.zone),  # at start-up too: catch up after downtime
        replace_existing=True,
    )
    return scheduler
