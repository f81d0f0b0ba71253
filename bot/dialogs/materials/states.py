from aiogram.fsm.state import State, StatesGroup


class MaterialAddSG(StatesGroup):
    """Attaching a material: its kind → the file (or, for a link, the address) → its title.
    Started with {"workshop_id": N, "session_id": M or None} from the leader's session screen."""

    kind = State()
    file = State()
    url = State()
    title = State()


class MaterialArchiveSG(StatesGroup):
    """/materials: workshops → months → one month's materials; typed words search the whole
    archive (started at `found` with {"words": "..."} by `/materials WORDS`)."""

    workshops = State()
    months = State()
    month = State()
    found = State()
