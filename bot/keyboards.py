"""Inline keyboards shared by handlers. Labels come from the caller's i18n context."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.callbacks import (
    AudienceCb,
    AudiencePageCb,
    AudiencePickCb,
    BroadcastConfirmCb,
    BroadcastStopCb,
    CapacityCb,
    ConsentCb,
    DistrictCb,
    DurationCb,
    LanguageCb,
    PlaceNavCb,
    PlanSubjectCb,
    ProfileCb,
    RegionCb,
    SchoolCb,
    SchoolPageCb,
    SchoolRequestCb,
    SessionCb,
    SessionListCb,
    SubjectCb,
    SubjectsDoneCb,
    WorkshopCb,
    WorkshopDecisionCb,
)
from bot.services.broadcasts import AUDIENCE_KINDS, PARTICIPANT_GROUPS
from bot.settings import LANGUAGES
from storage.models import (
    District,
    EventSession,
    Region,
    Role,
    School,
    SeatStatus,
    Subject,
    Workshop,
    WorkshopStatus,
)

BUTTON_TEXT_MAX = 60


def short(text: str, limit: int = BUTTON_TEXT_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def local_name(obj: Region | District | School, language: str) -> str:
    """Directory names exist in kk and ru; English readers get the Russian form."""
    return obj.name_kk if language == "kk" else obj.name_ru


def subject_name(subject: Subject, language: str) -> str:
    return {"kk": subject.name_kk, "ru": subject.name_ru}.get(language, subject.name_en)


def _page_row(
    kb: InlineKeyboardBuilder, page: int, pages: int, to: Callable[[int], CallbackData]
) -> list[int]:
    """◀️ ▶️ for a paginated list; the row's size for adjust() (none on a single page)."""
    nav = 0
    if page > 0:
        kb.button(text="◀️", callback_data=to(page - 1))
        nav += 1
    if page < pages - 1:
        kb.button(text="▶️", callback_data=to(page + 1))
        nav += 1
    return [nav] if nav else []


def languages(i18n: I18nContext) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for code in LANGUAGES:
        kb.button(text=i18n.get(f"language-name-{code}"), callback_data=LanguageCb(code=code))
    kb.adjust(3)
    return kb.as_markup()


def consent(i18n: I18nContext) -> InlineKeyboardMarkup:
    """Agree / decline, and the language row, so the first message is the only one needed."""
    kb = InlineKeyboardBuilder()
    kb.button(text=i18n.get("consent-agree"), callback_data=ConsentCb(agree=True))
    kb.button(text=i18n.get("consent-decline"), callback_data=ConsentCb(agree=False))
    kb.adjust(1)
    kb.attach(InlineKeyboardBuilder.from_markup(languages(i18n)))
    return kb.as_markup()


def regions(items: Sequence[Region], language: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for region in items:
        kb.button(text=short(local_name(region, language)), callback_data=RegionCb(id=region.id))
    kb.adjust(1)
    return kb.as_markup()


def districts(i18n: I18nContext, items: Sequence[District]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for district in items:
        kb.button(
            text=short(local_name(district, i18n.locale)), callback_data=DistrictCb(id=district.id)
        )
    kb.button(text=i18n.get("button-back"), callback_data=PlaceNavCb(action="regions"))
    kb.adjust(2)
    return kb.as_markup()


def schools(
    i18n: I18nContext, items: Sequence[School], *, page: int, pages: int
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for school in items:
        kb.button(text=short(local_name(school, i18n.locale)), callback_data=SchoolCb(id=school.id))
    sizes = [1] * len(items)
    sizes += _page_row(kb, page, pages, lambda p: SchoolPageCb(page=p))
    kb.button(text=i18n.get("button-school-missing"), callback_data=PlaceNavCb(action="missing"))
    kb.button(text=i18n.get("button-back"), callback_data=PlaceNavCb(action="districts"))
    sizes += [1, 1]
    kb.adjust(*sizes)
    return kb.as_markup()


def subjects(i18n: I18nContext, items: Iterable[Subject], chosen: set[int]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for subject in items:
        mark = "✅ " if subject.id in chosen else ""
        kb.button(
            text=short(mark + subject_name(subject, i18n.locale)),
            callback_data=SubjectCb(id=subject.id),
        )
    kb.adjust(2)
    done = InlineKeyboardBuilder()
    done.button(text=i18n.get("button-done"), callback_data=SubjectsDoneCb())
    kb.attach(done)
    return kb.as_markup()


def profile(i18n: I18nContext) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for field in ("name", "school", "subjects", "language"):
        kb.button(text=i18n.get(f"profile-edit-{field}"), callback_data=ProfileCb(field=field))
    kb.adjust(2)
    return kb.as_markup()


def school_request(i18n: I18nContext, request_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=i18n.get("button-approve"), callback_data=SchoolRequestCb(id=request_id, approve=True)
    )
    kb.button(
        text=i18n.get("button-reject"), callback_data=SchoolRequestCb(id=request_id, approve=False)
    )
    kb.adjust(2)
    return kb.as_markup()


def audience_kinds(i18n: I18nContext) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for kind in AUDIENCE_KINDS:
        kb.button(text=i18n.get(f"audience-{kind}"), callback_data=AudienceCb(kind=kind))
    kb.adjust(2)
    return kb.as_markup()


def audience_places(
    i18n: I18nContext,
    level: str,
    items: Sequence[Region | District | School],
    *,
    page: int = 0,
    pages: int = 1,
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for item in items:
        kb.button(
            text=short(local_name(item, i18n.locale)),
            callback_data=AudiencePickCb(level=level, value=str(item.id)),
        )
    sizes = [1] * len(items)
    sizes += _page_row(kb, page, pages, lambda p: AudiencePageCb(page=p))
    kb.adjust(*sizes)
    return kb.as_markup()


def audience_roles(i18n: I18nContext) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for role in Role:
        kb.button(
            text=i18n.get(f"role-{role.value}"),
            callback_data=AudiencePickCb(level="role", value=role.value),
        )
    kb.adjust(2)
    return kb.as_markup()


def audience_subjects(i18n: I18nContext, items: Iterable[Subject]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for subject in items:
        kb.button(
            text=short(subject_name(subject, i18n.locale)),
            callback_data=AudiencePickCb(level="subject", value=str(subject.id)),
        )
    kb.adjust(2)
    return kb.as_markup()


def broadcast_confirm(i18n: I18nContext) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=i18n.get("broadcast-send"), callback_data=BroadcastConfirmCb(go=True))
    kb.button(text=i18n.get("broadcast-discard"), callback_data=BroadcastConfirmCb(go=False))
    kb.adjust(2)
    return kb.as_markup()


def broadcast_stop(i18n: I18nContext, broadcast_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=i18n.get("broadcast-stop"), callback_data=BroadcastStopCb(id=broadcast_id))
    return kb.as_markup()


def workshop_decision(i18n: I18nContext, workshop_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=i18n.get("workshop-approve"),
        callback_data=WorkshopDecisionCb(id=workshop_id, approve=True),
    )
    kb.button(
        text=i18n.get("workshop-reject"),
        callback_data=WorkshopDecisionCb(id=workshop_id, approve=False),
    )
    kb.adjust(2)
    return kb.as_markup()


def proposal_subjects(i18n: I18nContext, items: Iterable[Subject]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for subject in items:
        kb.button(
            text=short(subject_name(subject, i18n.locale)),
            callback_data=PlanSubjectCb(id=subject.id),
        )
    kb.button(text=i18n.get("workshop-subject-any"), callback_data=PlanSubjectCb(id=0))
    kb.adjust(2)
    return kb.as_markup()


def my_workshops(i18n: I18nContext, items: Sequence[Workshop]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for workshop in items:
        mark = {"approved": "✅", "proposed": "⏳", "rejected": "✖️"}[workshop.status.value]
        kb.button(
            text=short(f"{mark} {workshop.title}"),
            callback_data=WorkshopCb(id=workshop.id, action="open"),
        )
    kb.adjust(1)
    return kb.as_markup()


def workshop_manage(
    i18n: I18nContext, workshop: Workshop, sessions: Sequence[EventSession]
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for event in sessions:
        kb.button(
            text=short(f"🗓 {event.topic}"), callback_data=SessionCb(id=event.id, action="manage")
        )
    if workshop.status == WorkshopStatus.APPROVED:
        kb.button(
            text=i18n.get("workshop-schedule"),
            callback_data=WorkshopCb(id=workshop.id, action="schedule"),
        )
    kb.adjust(1)
    return kb.as_markup()


def durations(i18n: I18nContext) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for minutes in (45, 60, 90, 120):
        kb.button(
            text=i18n.get("schedule-minutes", minutes=minutes),
            callback_data=DurationCb(minutes=minutes),
        )
    kb.adjust(4)
    return kb.as_markup()


def capacities(i18n: I18nContext) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for seats in (15, 25, 30, 50, 100):
        kb.button(text=str(seats), callback_data=CapacityCb(seats=seats))
    kb.button(text=i18n.get("schedule-unlimited"), callback_data=CapacityCb(seats=0))
    kb.adjust(5, 1)
    return kb.as_markup()


def session_open(i18n: I18nContext, session_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=i18n.get("session-open"), callback_data=SessionCb(id=session_id, action="open"))
    return kb.as_markup()


def session_card(
    i18n: I18nContext, session_id: int, status: SeatStatus | None, *, can_manage: bool
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    if status is None:
        kb.button(
            text=i18n.get("session-join"), callback_data=SessionCb(id=session_id, action="join")
        )
    else:
        kb.button(
            text=i18n.get("session-leave"), callback_data=SessionCb(id=session_id, action="leave")
        )
    if can_manage:
        kb.button(
            text=i18n.get("session-manage"),
            callback_data=SessionCb(id=session_id, action="manage"),
        )
    kb.button(text=i18n.get("session-back-to-list"), callback_data=SessionListCb(page=0, subject=0))
    kb.adjust(1)
    return kb.as_markup()


def session_list(
    i18n: I18nContext,
    items: Sequence[EventSession],
    labels: Sequence[str],
    *,
    page: int,
    pages: int,
    subject: int,
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for event, label in zip(items, labels, strict=True):
        kb.button(text=short(label), callback_data=SessionCb(id=event.id, action="open"))
    sizes = [1] * len(items)
    sizes += _page_row(kb, page, pages, lambda p: SessionListCb(page=p, subject=subject))
    kb.adjust(*sizes)
    return kb.as_markup()


def session_subject_filter(i18n: I18nContext, items: Iterable[Subject]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=i18n.get("sessions-all-subjects"), callback_data=SessionListCb(page=0, subject=0)
    )
    for subject in items:
        kb.button(
            text=short(subject_name(subject, i18n.locale)),
            callback_data=SessionListCb(page=0, subject=subject.id),
        )
    kb.adjust(2)
    return kb.as_markup()


def session_confirm_cancel(i18n: I18nContext, session_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=i18n.get("manage-cancel-yes"),
        callback_data=SessionCb(id=session_id, action="cancel-yes"),
    )
    kb.button(text=i18n.get("button-back"), callback_data=SessionCb(id=session_id, action="manage"))
    kb.adjust(1)
    return kb.as_markup()


def sessions_filter_button(i18n: I18nContext) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(
            text=i18n.get("sessions-filter-button"),
            callback_data=SessionListCb(page=-1, subject=0).pack(),
        )
    ]


def audience_events(
    i18n: I18nContext, level: str, items: Sequence[tuple[int, str]]
) -> InlineKeyboardMarkup:
    """Sessions or workshops whose participants a broadcast can go to."""
    kb = InlineKeyboardBuilder()
    for item_id, label in items:
        kb.button(text=short(label), callback_data=AudiencePickCb(level=level, value=str(item_id)))
    kb.adjust(1)
    return kb.as_markup()


def audience_groups(i18n: I18nContext, level: str, item_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for group in PARTICIPANT_GROUPS:
        kb.button(
            text=i18n.get(f"audience-group-{group}"),
            callback_data=AudiencePickCb(level=f"{level}-group", value=f"{item_id}-{group}"),
        )
    kb.adjust(1)
    return kb.as_markup()
