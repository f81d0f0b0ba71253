from aiogram.fsm.state import State, StatesGroup


class SchoolPickerSG(StatesGroup):
    """Region → district or city → school, or the name of a school not in the directory.

    A subdialog: registration and /profile start it and get back
    {"district_id": int, "school_id": int | None, "requested_school": str | None}.
    """

    region = State()
    district = State()
    school = State()
    school_name = State()
