"""Reading a date and time a person typed, in the configured zone."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

_PATTERNS = (
    re.compile(
        r"^(?P<d>\d{1,2})[./](?P<m>\d{1,2})(?:[./](?P<y>\d{4}))?\s+(?P<H>\d{1,2})[:.](?P<M>\d{2})$"
    ),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\s+(?P<H>\d{1,2}):(?P<M>\d{2})$"),
)


def parse_local(text: str, zone: ZoneInfo, now: datetime) -> datetime | None:
    """«15.12.2026 15:00», «15.12 15:00» (the next such date) or «2026-12-15 15:00» → UTC.

    None when the text is not a date and time, or names a day that does not exist.
    """
    cleaned = " ".join(text.strip().split())
    for pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if match is None:
            continue
        parts = match.groupdict()
        local_now = now.astimezone(zone)
        year = int(parts["y"]) if parts.get("y") else local_now.year
        try:
            moment = datetime(
                year,
                int(parts["m"]),
                int(parts["d"]),
                int(parts["H"]),
                int(parts["M"]),
                tzinfo=zone,
            )
            if not parts.get("y") and moment < local_now:
                moment = moment.replace(year=year + 1)
        except ValueError:
            return None
        return moment.astimezone(UTC)
    return None
