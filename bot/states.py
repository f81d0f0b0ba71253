"""FSM states, one StatesGroup per form."""

from aiogram.fsm.state import State, StatesGroup


class RegistrationForm(StatesGroup):
    consent = State()
    full_name = State()


class PlaceForm(StatesGroup):
    """Region → district → school; shared by registration and profile editing."""

    region = State()
    district = State()
    school = State()
    school_name = State()  # typing the name of a school that is not in the directory


class SubjectsForm(StatesGroup):
    choosing = State()


class ProfileForm(StatesGroup):
    full_name = State()


class BroadcastForm(StatesGroup):
    content = State()
    audience = State()
    pick = State()
    confirm = State()


class ProposalForm(StatesGroup):
    title = State()
    subject = State()
    method = State()
    audience = State()
    plan = State()


class RejectionForm(StatesGroup):
    reason = State()


class ScheduleForm(StatesGroup):
    when = State()
    duration = State()
    place = State()
    capacity = State()
    topic = State()


class MoveForm(StatesGroup):
    when = State()
