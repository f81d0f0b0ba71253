from aiogram.fsm.state import State, StatesGroup


class BroadcastSG(StatesGroup):
    """/broadcast: the message to copy → who gets it (a kind, then the pickers it needs) → confirm.

    region → district → school narrow down one after another; a session or a workshop is
    followed by which of its participants.
    """

    content = State()
    audience = State()
    region = State()
    district = State()
    school = State()
    role = State()
    subject = State()
    event = State()
    group = State()
    confirm = State()
