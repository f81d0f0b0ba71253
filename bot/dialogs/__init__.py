"""aiogram_dialog dialogs: windows, widgets, getters; they call services, not storage.

One package per feature, each with `states.py` (its StatesGroups), the dialog(s) and getters.
`dialogs_router()` gathers them for the wiring in bot/app.py.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import Message
from aiogram_dialog.utils import CB_SEP

from bot.dialogs import (
    attendance,
    broadcast,
    feedback,
    materials,
    places,
    profile,
    registration,
    roles,
    subjects,
    workshops,
)


def _not_a_command(message: Message) -> bool:
    return not (message.text or "").startswith("/")


def dialogs_router() -> Router:
    router = Router(name="dialogs")
    # An open dialog would otherwise take every button press, and re-draw itself for a button
    # of some other message; only presses of its own (intent-tagged) buttons are its.
    router.callback_query.filter(F.data.contains(CB_SEP))
    # A command is never a form's answer: one no handler knows is answered as unknown by the
    # fallback router, and the form stays where it was.
    router.message.filter(_not_a_command)
    # One line per feature package, each exporting `dialogs: tuple[Dialog, ...]`.
    features: list[Router] = [
        registration.router,
        places.router,
        subjects.router,
        profile.router,
        broadcast.router,
        roles.router,
        attendance.router,
        feedback.router,
        materials.router,
        workshops.router,
    ]
    for feature in features:
        router.include_router(feature)
    return router
