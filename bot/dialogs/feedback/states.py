from aiogram.fsm.state import State, StatesGroup


class FeedbackSG(StatesGroup):
    """Answering the feedback request of a session: usefulness → «will you apply it?» → a
    comment or none. Started with {"session_id": N, "score": S} at `apply` when a score on the
    request was tapped (the score is stored already), or with {"session_id": N} at `score` to
    change an answer."""

    score = State()
    apply = State()
    comment = State()
