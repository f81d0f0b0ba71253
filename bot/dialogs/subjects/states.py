from aiogram.fsm.state import State, StatesGroup


class SubjectsSG(StatesGroup):
    """The subjects a teacher teaches, ticked in place. A subdialog: started with
    {"chosen": [subject ids]}, it gives back {"subject_ids": [...]}."""

    choose = State()
