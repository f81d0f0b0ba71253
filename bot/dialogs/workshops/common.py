"""What the workshop forms share: what they were started for."""

from __future__ import annotations

from aiogram_dialog import DialogManager

from bot.dialogs.states_data import optional_int
from bot.services.errors import DomainError


class FormLost(DomainError):
    """The stored form lost an answer (saved by an older version, say): start it again."""

    code = "error-stale-button"
    keeps_form = False


def started_for(manager: DialogManager, key: str) -> int | None:
    """The workshop or session id the form was started for ("workshop_id", "session_id")."""
    start = manager.start_data if isinstance(manager.start_data, dict) else {}
    return optional_int(start.get(key))


def required(manager: DialogManager, key: str) -> int:
    value = started_for(manager, key)
    if value is None:
        raise FormLost
    return value
