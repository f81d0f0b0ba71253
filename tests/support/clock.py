"""The one clock tests use: wall time that a test sets or moves, and a monotonic reading.

Services take a :class:`bot.clock.Clock` (``now()``, an aware UTC datetime); the delivery
pacer takes a monotonic clock (a callable returning seconds, like :func:`time.monotonic`).
:class:`ManualClock` is both: pass the clock itself to a service and ``clock.monotonic`` to a
``RateLimiter``. ``advance()`` moves both readings by the same amount; ``set()`` makes the wall
clock jump, as an adjusted system clock does, and leaves the monotonic reading alone.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.delivery.limiter import Clock as MonotonicClock

# A Wednesday morning in Almaty (11:00 local), well inside a school term.
DEFAULT_NOW = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
# Any start will do for a monotonic clock; not zero, so "never" (0.0) is in the past.
DEFAULT_MONOTONIC = 1000.0


class ManualClock:
    """Time stands still until the test moves it."""

    def __init__(
        self, now: datetime = DEFAULT_NOW, *, monotonic: float = DEFAULT_MONOTONIC
    ) -> None:
        self._now = _aware(now)
        self._monotonic = monotonic

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._monotonic

    def set(self, moment: datetime) -> datetime:
        """Jump the wall clock to `moment` (back or forth); the monotonic reading stays."""
        self._now = _aware(moment)
        return self._now

    def advance(self, by: timedelta | float) -> datetime:
        """Let `by` pass (a timedelta, or seconds): both readings move forward."""
        seconds = by.total_seconds() if isinstance(by, timedelta) else float(by)
        if seconds < 0:
            raise ValueError(f"time only moves forward; use set() to jump back (got {by!r})")
        self._now += by if isinstance(by, timedelta) else timedelta(seconds=seconds)
        self._monotonic += seconds
        return self._now

    def __repr__(self) -> str:
        return f"ManualClock({self._now.isoformat()}, monotonic={self._monotonic})"


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"the bot works in aware UTC datetimes, got a naive one: {moment!r}")
    return moment.astimezone(UTC)


if TYPE_CHECKING:
    _service_clock: Clock = ManualClock()
    _pacer_clock: MonotonicClock = ManualClock().monotonic
