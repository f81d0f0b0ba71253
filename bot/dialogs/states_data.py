"""Reading back what a dialog stored: dialog and start data come back from JSON storage."""

from __future__ import annotations

from typing import Any


def int_list(value: Any) -> list[int]:
    """A list of ids as stored, or an empty list for anything else."""
    if not isinstance(value, list):
        return []
    return [int(v) for v in value if isinstance(v, int | str) and str(v).isdigit()]


def optional_int(value: Any) -> int | None:
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else None
