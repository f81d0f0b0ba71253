"""Typed callback data. Every payload is re-checked on the server: a button proves nothing.

Prefixes are short because Telegram allows 64 bytes of callback data in all.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class LanguageCb(CallbackData, prefix="lng"):
    code: str


class ConsentCb(CallbackData, prefix="cns"):
    agree: bool


class RegionCb(CallbackData, prefix="rgn"):
    id: int


class DistrictCb(CallbackData, prefix="dst"):
    id: int


class SchoolCb(CallbackData, prefix="sch"):
    id: int


class SchoolPageCb(CallbackData, prefix="scp"):
    page: int


class PlaceNavCb(CallbackData, prefix="pln"):
    """Back / "my school is not listed" inside the school picker."""

    action: str  # "regions", "districts", "missing"


class SubjectCb(CallbackData, prefix="sbj"):
    id: int


class SubjectsDoneCb(CallbackData, prefix="sbd"):
    pass


class ProfileCb(CallbackData, prefix="prf"):
    field: str  # "name", "school", "subjects", "language"


class SchoolRequestCb(CallbackData, prefix="srq"):
    id: int
    approve: bool


class AudienceCb(CallbackData, prefix="bca"):
    kind: str  # all, region, district, school, role, subject


class AudiencePickCb(CallbackData, prefix="bcp"):
    level: str  # region, district, school, role, subject
    value: str


class AudiencePageCb(CallbackData, prefix="bcg"):
    page: int


class BroadcastConfirmCb(CallbackData, prefix="bcc"):
    go: bool


class BroadcastStopCb(CallbackData, prefix="bcs"):
    id: int


class WorkshopDecisionCb(CallbackData, prefix="wsd"):
    id: int
    approve: bool


class WorkshopCb(CallbackData, prefix="wsh"):
    """A leader's own workshop: open it, or schedule a session of it."""

    id: int
    action: str  # "open", "schedule"


class SessionCb(CallbackData, prefix="ses"):
    id: int
    action: str  # "open", "join", "leave", "manage", "move", "cancel", "cancel-yes"


class SessionListCb(CallbackData, prefix="sls"):
    page: int
    subject: int  # 0: every subject


class PlanSubjectCb(CallbackData, prefix="pls"):
    """The subject of a proposed workshop (0: several subjects)."""

    id: int


class DurationCb(CallbackData, prefix="dur"):
    minutes: int


class CapacityCb(CallbackData, prefix="cap"):
    seats: int  # 0: unlimited
