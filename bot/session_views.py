"""How a session and a workshop read in a message, in the reader's language."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram_i18n import I18nContext

from bot.i18n import format_datetime
from bot.text import echo
from storage.models import EventSession, Workshop


def escape(text: str | None) -> str:
    return echo(text, limit=4000)


def when(i18n: I18nContext, event: EventSession, zone: ZoneInfo) -> str:
    return format_datetime(i18n, event.starts_at, zone)


def label(i18n: I18nContext, event: EventSession, zone: ZoneInfo) -> str:
    """«15 желтоқсан, 15:00 · Workshop title»: a session on a button (plain text, no HTML)."""
    name = event.workshop.title if event.workshop else event.topic
    return f"{when(i18n, event, zone)} · {name}"


def where(i18n: I18nContext, event: EventSession, *, show_link: bool) -> str:
    if event.link:
        if show_link:
            return escape(event.link)
        return i18n.get("session-link-after-signup")
    return escape(event.place)


def title(event: EventSession) -> str:
    return escape(event.workshop.title if event.workshop else event.topic)


def summary(i18n: I18nContext, event: EventSession, zone: ZoneInfo, *, show_link: bool) -> str:
    """Title, topic, time and place: the lines every notice about a session starts with."""
    return i18n.get(
        "session-summary",
        title=title(event),
        topic=escape(event.topic),
        when=when(i18n, event, zone),
        minutes=event.duration_minutes,
        where=where(i18n, event, show_link=show_link),
    )


def workshop_text(i18n: I18nContext, workshop: Workshop, leader_name: str) -> str:
    return i18n.get(
        "workshop-card",
        id=str(workshop.id),
        title=escape(workshop.title),
        leader=escape(leader_name),
        method=escape(workshop.method[:1500]),
        audience=escape(workshop.audience),
        plan=escape((workshop.plan_text or i18n.get("workshop-plan-attached"))[:1500]),
    )
