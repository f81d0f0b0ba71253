"""Outbox purposes are unique keys of rows already in the outbox: the strings never change.

A purpose that changed shape would let a retried job, or a restart, send the same message again
to everyone who already has it. These pin them byte for byte, with the priorities.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from bot.notices import purposes
from bot.notices.fanout import language_of

STARTS = datetime(2026, 12, 15, 10, 0, tzinfo=UTC)  # 15:00 in Almaty
STAMP = 1797328800  # int(STARTS.timestamp())


def test_the_timestamp_used_below_is_the_start() -> None:
    assert int(STARTS.timestamp()) == STAMP


def test_session_purposes() -> None:
    assert purposes.reminder_prefix(42) == "remind:42:"
    assert purposes.reminder(42, 24, STARTS) == f"remind:42:24:{STAMP}"
    assert purposes.reminder(42, 1.0, STARTS) == f"remind:42:1:{STAMP}"
    assert purposes.reminder(42, 0.5, STARTS) == f"remind:42:0.5:{STAMP}"
    assert purposes.moved(42, STARTS) == f"moved:42:{STAMP}"
    assert purposes.promoted(42, STARTS + timedelta(seconds=7)) == f"promoted:42:{STAMP + 7}"
    assert purposes.cancelled(42) == "cancelled:42"


def test_the_same_moment_in_another_zone_is_the_same_purpose() -> None:
    almaty = STARTS.astimezone(timezone(timedelta(hours=5)))
    assert purposes.reminder(42, 24, almaty) == purposes.reminder(42, 24, STARTS)


def test_other_purposes() -> None:
    assert purposes.feedback_request(7) == "feedback:7"
    assert purposes.feedback_nudge(7) == "feedback-nudge:7"
    assert purposes.materials(7) == "materials:7"
    assert purposes.school_request(3) == "school-request:3"
    assert purposes.workshop_proposed(5) == "workshop-proposed:5"
    assert purposes.workshop_decided(5) == "workshop-decided:5"
    assert purposes.broadcast(9) == "broadcast:9"


def test_priorities_keep_their_order_and_values() -> None:
    assert (purposes.URGENT, purposes.NORMAL, purposes.BULK, purposes.LOW) == (0, 5, 10, 20)


def test_a_reader_gets_their_language_or_the_default() -> None:
    assert language_of("ru", "kk") == "ru"
    assert language_of("en", "kk") == "en"
    assert language_of("de", "kk") == "kk"
    assert language_of("", "ru") == "ru"
    assert language_of(None, "ru") == "ru"
