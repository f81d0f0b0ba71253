"""User-provided text inside HTML messages."""

from __future__ import annotations

import html

ECHO_MAX = 200


def echo(text: str | None, limit: int = ECHO_MAX) -> str:
    """User text safe to put into an HTML message: escaped and cut to a readable length."""
    value = text or ""
    cut = value if len(value) <= limit else value[: limit - 1] + "…"
    return html.escape(cut, quote=False)
