from aiogram.fsm.state import State, StatesGroup


class ProposalSG(StatesGroup):
    """/propose: title → subject → authorial method → audience → work plan (text or a document)."""

    title = State()
    subject = State()
    method = State()
    audience = State()
    plan = State()


class RejectionSG(StatesGroup):
    """A coordinator's reason for rejecting a proposal; started with {"workshop_id": int}."""

    reason = State()


class ScheduleSG(StatesGroup):
    """A session of an approved workshop: day → time → duration → place → capacity → topic.
    Started with {"workshop_id": int}."""

    day = State()
    time = State()
    duration = State()
    place = State()
    capacity = State()
    topic = State()


class MoveSG(StatesGroup):
    """A session's new day and time; started with {"session_id": int}."""

    day = State()
    time = State()
