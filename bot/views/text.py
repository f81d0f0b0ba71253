"""User text inside HTML messages and on buttons, and directory names in the reader's language."""

from __future__ import annotations

import html

from storage.models import District, Region, School, Subject

ECHO_MAX = 200
# Longer than this, user text would not fit a message with anything around it.
ESCAPE_MAX = 4000
BUTTON_TEXT_MAX = 60


def echo(text: str | None, limit: int = ECHO_MAX) -> str:
    """User text safe to put into an HTML message: escaped and cut to a readable length."""
    value = text or ""
    cut = value if len(value) <= limit else value[: limit - 1] + "…"
    return html.escape(cut, quote=False)


def escape(text: str | None) -> str:
    """User text for HTML, cut only where a message could not hold it."""
    return echo(text, limit=ESCAPE_MAX)


def short(text: str, limit: int = BUTTON_TEXT_MAX) -> str:
    """Plain text cut to fit a button."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def local_name(obj: Region | District | School, language: str) -> str:
    """Directory names exist in kk and ru; English readers get the Russian form."""
    return obj.name_kk if language == "kk" else obj.name_ru


def subject_name(subject: Subject, language: str) -> str:
    return {"kk": subject.name_kk, "ru": subject.name_ru}.get(language, subject.name_en)
