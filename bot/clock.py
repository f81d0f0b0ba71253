"""What time it is, for every rule that depends on it (reminders, feedback windows, sign-ups).

Production uses the system clock. End-to-end tests move time forward without sleeping: with
CLOCK_OFFSET_FILE set, the number of seconds written in that file is added to the system time,
so a test can jump to "an hour before the session" and watch the reminder go out.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class OffsetFileClock:
    """System time plus an offset read from a file whenever the file changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: float | None = None
        self._offset = timedelta()

    def now(self) -> datetime:
        try:
            stamp = os.stat(self.path).st_mtime_ns
            if stamp != self._stamp:
                self._offset = timedelta(seconds=float(self.path.read_text().strip() or 0))
                self._stamp = stamp
        except (OSError, ValueError):
            pass  # keep the last good offset
        return datetime.now(UTC) + self._offset


def build_clock(offset_file: str | None) -> Clock:
    return OffsetFileClock(Path(offset_file)) if offset_file else SystemClock()
