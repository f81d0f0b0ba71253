"""The buttons into attendance that a leader's session screen carries (bot/views/sessions.py):
the roll call, and opening check-in by a one-time code. Their handlers are in
handlers/attendance.py; the payload proves nothing, AttendanceService checks again."""

from __future__ import annotations

from typing import Self

from aiogram.filters.callback_data import CallbackData


class AttendanceCb(CallbackData, prefix="atd"):
    """The roll call of a session."""

    session_id: int

    @classmethod
    def unpack(cls, value: str) -> Self:
        # Buttons sent before the unread user_id and page fields were dropped carry
        # "atd:<session_id>:<user_id>:<page>"; they still open the roll call.
        prefix, *parts = value.split(cls.__separator__)
        if len(parts) == 3:
            value = cls.__separator__.join([prefix, parts[0]])
        return super().unpack(value)


class CheckinOpenCb(CallbackData, prefix="cko"):
    session_id: int
