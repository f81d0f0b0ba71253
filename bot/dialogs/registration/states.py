from aiogram.fsm.state import State, StatesGroup


class RegistrationSG(StatesGroup):
    """Consent → full name → school (the SchoolPickerSG subdialog) → subjects → done."""

    consent = State()
    full_name = State()
    subjects = State()
