from aiogram.fsm.state import State, StatesGroup


class GrantSG(StatesGroup):
    """/grant without arguments: whose Telegram id → which role → confirm."""

    user = State()
    role = State()
    confirm = State()
