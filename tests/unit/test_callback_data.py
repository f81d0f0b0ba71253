"""Every callback_data the bot builds fits Telegram's 64 bytes, with the longest real inputs.

A feature's callback data classes and the keyboards built from them live together in
bot/views/<feature>.py; the tests below find them there, so a new one is covered or fails here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from aiogram_i18n.managers.memory import MemoryManager

import bot.views
from bot.i18n import build_core
from bot.services.directory import DirectoryService
from bot.services.materials import SessionMaterials
from bot.services.sessions import SessionCard
from bot.views.attendance import AttendanceCb, CheckinOpenCb
from bot.views.broadcasts import BroadcastStopCb, broadcast_stop
from bot.views.feedback import (
    FeedbackEditCb,
    FeedbackScoreCb,
    FeedbackSummaryCb,
    feedback_edit,
    score_keyboard,
)
from bot.views.languages import LanguageCb, languages
from bot.views.materials import MaterialAddCb, MaterialOpenCb, delivery_keyboard, open_keyboard
from bot.views.school_requests import SchoolRequestCb, school_request
from bot.views.sessions import (
    SessionCb,
    SessionListCb,
    session_card,
    session_confirm_cancel,
    session_list,
    session_manage,
    session_open,
    session_subject_filter,
    sessions_filter_button,
)
from bot.views.text import BUTTON_TEXT_MAX
from bot.views.workshops import (
    WorkshopCb,
    WorkshopDecisionCb,
    workshop_decision,
    workshop_list,
    workshop_manage,
)
from storage.database import Database
from storage.models import EventSession, Material, SeatStatus, Workshop, WorkshopStatus

LIMIT = 64
BIG_ID = 2**63 - 1  # the largest id a BIGINT column can hold
LONG_TITLE = "Ө" * 300  # two bytes a letter in UTF-8; longer than any button may show
ROOT = Path(__file__).resolve().parents[2]


def view_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{bot.views.__name__}.{info.name}")
        for info in pkgutil.iter_modules(bot.views.__path__)
    ]


def defined_in_views(test: Callable[[Any], bool]) -> set[Any]:
    return {
        obj
        for module in view_modules()
        for name, obj in vars(module).items()
        if not name.startswith("_") and getattr(obj, "__module__", None) == module.__name__
        if test(obj)
    }


def is_factory(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, CallbackData)


def is_keyboard(obj: Any) -> bool:
    return inspect.isfunction(obj) and "InlineKeyboard" in str(
        inspect.signature(obj).return_annotation
    )


def longest_instances() -> list[CallbackData]:
    return [
        LanguageCb(code="kk"),
        SchoolRequestCb(id=BIG_ID, approve=False),
        BroadcastStopCb(id=BIG_ID),
        WorkshopDecisionCb(id=BIG_ID, approve=False),
        WorkshopCb(id=BIG_ID, action="schedule"),
        SessionCb(id=BIG_ID, action="cancel-yes"),
        SessionListCb(page=BIG_ID, subject=BIG_ID),
        AttendanceCb(session_id=BIG_ID),
        CheckinOpenCb(session_id=BIG_ID),
        FeedbackScoreCb(session_id=BIG_ID, score=5),
        FeedbackEditCb(session_id=BIG_ID),
        FeedbackSummaryCb(session_id=BIG_ID),
        MaterialOpenCb(id=BIG_ID),
        MaterialAddCb(workshop_id=BIG_ID, session_id=BIG_ID),
    ]


def test_every_factory_is_covered() -> None:
    assert defined_in_views(is_factory) == {type(item) for item in longest_instances()}


def test_callback_data_is_defined_only_in_views() -> None:
    declared = re.compile(r"^class \w+\((?:\w+\.)*CallbackData\b", re.MULTILINE)
    elsewhere = [
        str(path.relative_to(ROOT))
        for folder in ("bot", "handlers", "scheduler")
        for path in (ROOT / folder).rglob("*.py")
        if "views" not in path.relative_to(ROOT).parts and declared.search(path.read_text())
    ]
    assert elsewhere == []


@pytest.mark.parametrize("item", longest_instances(), ids=lambda item: type(item).__name__)
def test_callback_data_with_the_largest_ids_fits(item: CallbackData) -> None:
    packed = item.pack()
    assert len(packed.encode("utf-8")) <= LIMIT
    assert type(item).unpack(packed) == item


@pytest.mark.parametrize(
    ("item", "packed"),
    [
        (LanguageCb(code="ru"), "lng:ru"),
        (SchoolRequestCb(id=7, approve=True), "srq:7:1"),
        (BroadcastStopCb(id=7), "bcs:7"),
        (WorkshopDecisionCb(id=7, approve=False), "wsd:7:0"),
        (WorkshopCb(id=7, action="open"), "wsh:7:open"),
        (SessionCb(id=7, action="join"), "ses:7:join"),
        (SessionListCb(page=-1, subject=0), "sls:-1:0"),
        (AttendanceCb(session_id=7), "atd:7"),
        (CheckinOpenCb(session_id=7), "cko:7"),
        (FeedbackScoreCb(session_id=7, score=4), "fbu:7:4"),
        (FeedbackEditCb(session_id=7), "fbe:7"),
        (FeedbackSummaryCb(session_id=7), "fbs:7"),
        (MaterialOpenCb(id=7), "mto:7"),
        (MaterialAddCb(workshop_id=3, session_id=7), "mta:3:7"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, CallbackData) else None,
)
def test_buttons_already_sent_still_parse(item: CallbackData, packed: str) -> None:
    """The wire format is what people's chats hold: a change would break the buttons there."""
    assert item.pack() == packed
    assert type(item).unpack(packed) == item


def test_roll_call_buttons_sent_with_the_dropped_fields_still_parse() -> None:
    """Before user_id and page were dropped the session screen sent "atd:<session>:0:0"."""
    assert AttendanceCb.unpack("atd:12:0:0") == AttendanceCb(session_id=12)
    with pytest.raises(ValueError, match="prefix"):
        AttendanceCb.unpack("cko:12:0:0")


def all_callback_data(markup: InlineKeyboardMarkup) -> list[str]:
    return [b.callback_data or "" for row in markup.inline_keyboard for b in row]


def longest_session() -> EventSession:
    return EventSession(id=BIG_ID, workshop_id=BIG_ID, topic=LONG_TITLE, capacity=30)


def longest_workshops() -> list[Workshop]:
    return [Workshop(id=BIG_ID, title=LONG_TITLE, status=status) for status in WorkshopStatus]


@pytest.mark.parametrize("language", ["kk", "ru"])
async def test_keyboards_built_from_the_longest_names_fit(
    directory: Database, language: str
) -> None:
    core = build_core("kk")
    await core.startup()
    i18n = I18nContext(language, core, MemoryManager(), {})
    subjects = await DirectoryService(directory).subjects()
    material = Material(id=BIG_ID, kind="slides", title=LONG_TITLE, file_id="x")
    card = SessionCard(
        session=longest_session(),
        workshop=longest_workshops()[0],
        leader_name=LONG_TITLE,
        registered=BIG_ID,
        waitlisted=BIG_ID,
        my_status=SeatStatus.REGISTERED,
        my_position=None,
    )
    found = SessionMaterials(BIG_ID, LONG_TITLE, LONG_TITLE, [material], [])
    built: dict[Callable[..., Any], list[InlineKeyboardMarkup | None]] = {
        languages: [languages(i18n)],
        school_request: [school_request(i18n, BIG_ID)],
        broadcast_stop: [broadcast_stop(i18n, BIG_ID)],
        workshop_decision: [workshop_decision(i18n, BIG_ID)],
        workshop_list: [workshop_list(i18n, longest_workshops())],
        workshop_manage: [
            workshop_manage(i18n, workshop, [longest_session()]) for workshop in longest_workshops()
        ],
        session_open: [session_open(i18n, BIG_ID)],
        session_card: [
            session_card(i18n, BIG_ID, status, can_manage=True) for status in [None, *SeatStatus]
        ],
        session_list: [
            session_list(
                i18n,
                [longest_session()],
                [LONG_TITLE],
                page=BIG_ID - 1,
                pages=BIG_ID,
                subject=BIG_ID,
            )
        ],
        sessions_filter_button: [
            InlineKeyboardMarkup(inline_keyboard=[sessions_filter_button(i18n)])
        ],
        session_subject_filter: [session_subject_filter(i18n, subjects)],
        session_manage: [session_manage(i18n, card)],
        session_confirm_cancel: [session_confirm_cancel(i18n, BIG_ID)],
        score_keyboard: [score_keyboard(BIG_ID)],
        feedback_edit: [feedback_edit(i18n, BIG_ID)],
        open_keyboard: [open_keyboard([material])],
        delivery_keyboard: [delivery_keyboard(found)],
    }
    assert set(built) == defined_in_views(is_keyboard)
    for markups in built.values():
        for markup in markups:
            assert markup is not None
            for data in all_callback_data(markup):
                assert 0 < len(data.encode("utf-8")) <= LIMIT, data
            for row in markup.inline_keyboard:
                for button in row:
                    assert 0 < len(button.text) <= BUTTON_TEXT_MAX
