"""Every callback_data the bot builds fits Telegram's 64 bytes, with the longest real inputs."""

from __future__ import annotations

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram_i18n import I18nContext
from aiogram_i18n.managers.memory import MemoryManager

from bot import callbacks, keyboards
from bot.i18n import build_core
from bot.services.directory import DirectoryService
from storage.database import Database
from storage.models import District, Region, School

LIMIT = 64
BIG_ID = 2**63 - 1  # the largest id a BIGINT column can hold


def longest_instances() -> list[CallbackData]:
    return [
        callbacks.LanguageCb(code="kk"),
        callbacks.ConsentCb(agree=False),
        callbacks.RegionCb(id=BIG_ID),
        callbacks.DistrictCb(id=BIG_ID),
        callbacks.SchoolCb(id=BIG_ID),
        callbacks.SchoolPageCb(page=BIG_ID),
        callbacks.PlaceNavCb(action="districts"),
        callbacks.SubjectCb(id=BIG_ID),
        callbacks.SubjectsDoneCb(),
        callbacks.ProfileCb(field="subjects"),
        callbacks.SchoolRequestCb(id=BIG_ID, approve=False),
        callbacks.AudienceCb(kind="district"),
        callbacks.AudiencePickCb(level="district", value=str(BIG_ID)),
        callbacks.AudiencePickCb(level="role", value="coordinator"),
        callbacks.AudiencePickCb(level="workshop-group", value=f"{BIG_ID}-registered"),
        callbacks.AudiencePageCb(page=BIG_ID),
        callbacks.BroadcastConfirmCb(go=False),
        callbacks.BroadcastStopCb(id=BIG_ID),
        callbacks.WorkshopDecisionCb(id=BIG_ID, approve=False),
        callbacks.WorkshopCb(id=BIG_ID, action="schedule"),
        callbacks.SessionCb(id=BIG_ID, action="cancel-yes"),
        callbacks.SessionListCb(page=BIG_ID, subject=BIG_ID),
        callbacks.PlanSubjectCb(id=BIG_ID),
        callbacks.DurationCb(minutes=BIG_ID),
        callbacks.CapacityCb(seats=BIG_ID),
    ]


def test_every_factory_is_covered() -> None:
    factories = {
        obj
        for obj in vars(callbacks).values()
        if isinstance(obj, type) and issubclass(obj, CallbackData) and obj is not CallbackData
    }
    assert factories == {type(item) for item in longest_instances()}


@pytest.mark.parametrize("item", longest_instances(), ids=lambda item: type(item).__name__)
def test_callback_data_with_the_largest_ids_fits(item: CallbackData) -> None:
    assert len(item.pack().encode("utf-8")) <= LIMIT


def all_callback_data(markup: InlineKeyboardMarkup) -> list[str]:
    return [b.callback_data or "" for row in markup.inline_keyboard for b in row]


@pytest.mark.parametrize("language", ["kk", "ru"])
async def test_keyboards_built_from_the_longest_names_fit(
    directory: Database, language: str
) -> None:
    core = build_core("kk")
    await core.startup()
    i18n = I18nContext(language, core, MemoryManager(), {})
    service = DirectoryService(directory)
    long_name = "Ө" * 300  # longer than any real name: the label is cut, the data is not touched
    region = Region(id=BIG_ID, code="x", name_kk=long_name, name_ru=long_name)
    district = District(id=BIG_ID, region_id=1, code="x", name_kk=long_name, name_ru=long_name)
    school = School(id=BIG_ID, district_id=1, code="x", name_kk=long_name, name_ru=long_name)
    markups = [
        keyboards.languages(i18n),
        keyboards.consent(i18n),
        keyboards.regions([region, *await service.regions()], language),
        keyboards.districts(i18n, [district]),
        keyboards.schools(i18n, [school], page=BIG_ID - 1, pages=BIG_ID),
        keyboards.subjects(i18n, await service.subjects(), chosen=set()),
        keyboards.profile(i18n),
        keyboards.school_request(i18n, BIG_ID),
        keyboards.audience_kinds(i18n),
        keyboards.audience_places(
            i18n, "district", [district, school], page=BIG_ID - 1, pages=BIG_ID
        ),
        keyboards.audience_roles(i18n),
        keyboards.audience_subjects(i18n, await service.subjects()),
        keyboards.broadcast_confirm(i18n),
        keyboards.broadcast_stop(i18n, BIG_ID),
        keyboards.audience_events(i18n, "session", [(BIG_ID, long_name)]),
        keyboards.audience_groups(i18n, "workshop", BIG_ID),
        keyboards.workshop_decision(i18n, BIG_ID),
        keyboards.proposal_subjects(i18n, await service.subjects()),
        keyboards.durations(i18n),
        keyboards.capacities(i18n),
        keyboards.session_open(i18n, BIG_ID),
        keyboards.session_card(i18n, BIG_ID, None, can_manage=True),
        keyboards.session_subject_filter(i18n, await service.subjects()),
        keyboards.session_confirm_cancel(i18n, BIG_ID),
    ]
    for markup in markups:
        for data in all_callback_data(markup):
            assert 0 < len(data.encode("utf-8")) <= LIMIT, data
        for row in markup.inline_keyboard:
            for button in row:
                assert len(button.text) <= keyboards.BUTTON_TEXT_MAX
