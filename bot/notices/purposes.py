"""Every outbox purpose and priority, in one place.

A purpose is part of the outbox's unique key (purpose, chat, topic): queueing the same purpose
for a chat again adds nothing, which is what makes a retried job, a restart or a double click
send nothing twice. The strings must therefore never change: rows already in the outbox keep
deduplicating only while the same event builds the same purpose.

Priorities: the engine sends lower numbers first.
"""

from __future__ import annotations

from datetime import datetime

# Time-bound: reminders, moves, cancellations, promotions, decisions, school requests.
URGENT = 0
# Worth reading soon, not bound to a time: proposals to decide on, feedback requests.
NORMAL = 5
# Broadcasts: many chats at once, behind everything time-bound.
BULK = 10
# Not time-bound at all: a session's materials, also kept in the archive.
LOW = 20


def _at(moment: datetime) -> int:
    return int(moment.timestamp())


def school_request(request_id: int) -> str:
    return f"school-request:{request_id}"


def workshop_proposed(workshop_id: int) -> str:
    return f"workshop-proposed:{workshop_id}"


def workshop_decided(workshop_id: int) -> str:
    return f"workshop-decided:{workshop_id}"


def promoted(session_id: int, at: datetime) -> str:
    """From the waitlist to a seat; `at` tells one promotion from a later one."""
    return f"promoted:{session_id}:{_at(at)}"


def moved(session_id: int, starts_at: datetime) -> str:
    """Each move to a new time is told once."""
    return f"moved:{session_id}:{_at(starts_at)}"


def cancelled(session_id: int) -> str:
    return f"cancelled:{session_id}"


def reminder_prefix(session_id: int) -> str:
    """What every reminder of a session starts with: cancelled together on a move or cancel."""
    return f"remind:{session_id}:"


def reminder(session_id: int, hours: float, starts_at: datetime) -> str:
    """The reminder `hours` before the session; the start time is part of it, so after a move
    the new time gets new reminders."""
    return f"{reminder_prefix(session_id)}{hours:g}:{_at(starts_at)}"


def feedback_request(session_id: int) -> str:
    """The feedback request of a session: one per person, ever."""
    return f"feedback:{session_id}"


def feedback_nudge(session_id: int) -> str:
    return f"feedback-nudge:{session_id}"


def materials(session_id: int) -> str:
    return f"materials:{session_id}"


def broadcast(broadcast_id: int) -> str:
    return f"broadcast:{broadcast_id}"
