"""APScheduler wiring. Jobs call the same services as handlers do."""

from scheduler.setup import build_scheduler

__all__ = ["build_scheduler"]
