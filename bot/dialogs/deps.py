"""Typed access to what the wiring puts into every update, for dialog callbacks.

Getters receive these as keyword arguments by name (aiogram's dependency injection), but
aiogram_dialog's button and input callbacks get only the DialogManager; `need` reads the same
objects from it and checks their type, so a wiring mistake fails loudly at the first tap.
"""

from __future__ import annotations

from typing import TypeVar

from aiogram_dialog import DialogManager

T = TypeVar("T")


def need(manager: DialogManager, name: str, kind: type[T]) -> T:
    value = manager.middleware_data.get(name)
    if not isinstance(value, kind):
        raise TypeError(f"update data {name!r} is {type(value).__name__}, not {kind.__name__}")
    return value
