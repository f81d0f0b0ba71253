from aiogram.fsm.state import State, StatesGroup


class AttendanceSG(StatesGroup):
    """A session's roll call, ticked in place, and its check-in code. Started with
    {"session_id": N} from the leader's session screen (handlers/attendance.py)."""

    roll_call = State()
    checkin = State()
