from aiogram.fsm.state import State, StatesGroup


class ProfileSG(StatesGroup):
    """/profile: the card, and editing the name or the language in place; the school and the
    subjects are edited in the shared pickers (SchoolPickerSG, SubjectsSG)."""

    card = State()
    full_name = State()
    language = State()
