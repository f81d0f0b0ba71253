"""The school picker: region → district → school, with search by words and a way out when the
school is not in the directory. Used by registration and by profile editing."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot import keyboards
from bot.callbacks import DistrictCb, PlaceNavCb, RegionCb, SchoolCb, SchoolPageCb
from bot.services.directory import DirectoryService
from bot.services.users import UserService
from bot.states import PlaceForm
from handlers import flow, forms
from handlers.replies import echo

router = Router(name="places")
router.message.filter(F.chat.type == ChatType.PRIVATE)

SCHOOL_NAME_MIN, SCHOOL_NAME_MAX = 5, 200


@router.callback_query(PlaceForm.region, RegionCb.filter())
async def region_chosen(
    query: CallbackQuery,
    callback_data: RegionCb,
    state: FSMContext,
    i18n: I18nContext,
    directory: DirectoryService,
) -> None:
    region = await directory.region(callback_data.id)
    if region is None:
        await forms.ask_region(query, state, i18n, directory)
        return
    await state.update_data(region_id=region.id, district_id=None, school_id=None)
    await forms.ask_district(query, state, i18n, directory)


@router.callback_query(PlaceForm.district, DistrictCb.filter())
async def district_chosen(
    query: CallbackQuery,
    callback_data: DistrictCb,
    state: FSMContext,
    i18n: I18nContext,
    directory: DirectoryService,
) -> None:
    district = await directory.district(callback_data.id)
    region_id = (await state.get_data()).get("region_id")
    if district is None or district.region_id != region_id:
        await forms.ask_district(query, state, i18n, directory)
        return
    await state.update_data(district_id=district.id, school_id=None)
    await forms.ask_school(query, state, i18n, directory)


@router.callback_query(PlaceForm.school, SchoolPageCb.filter())
async def school_page(
    query: CallbackQuery,
    callback_data: SchoolPageCb,
    state: FSMContext,
    i18n: I18nContext,
    directory: DirectoryService,
) -> None:
    await forms.ask_school(query, state, i18n, directory, page=callback_data.page)


@router.callback_query(PlaceForm.district, PlaceNavCb.filter(F.action == "regions"))
async def back_to_regions(
    query: CallbackQuery, state: FSMContext, i18n: I18nContext, directory: DirectoryService
) -> None:
    await forms.ask_region(query, state, i18n, directory)


@router.callback_query(PlaceForm.school, PlaceNavCb.filter(F.action == "districts"))
async def back_to_districts(
    query: CallbackQuery, state: FSMContext, i18n: I18nContext, directory: DirectoryService
) -> None:
    await forms.ask_district(query, state, i18n, directory)


@router.callback_query(PlaceForm.school, PlaceNavCb.filter(F.action == "missing"))
async def school_missing(query: CallbackQuery, state: FSMContext, i18n: I18nContext) -> None:
    await forms.ask_school_name(query, state, i18n)


@router.message(PlaceForm.school, forms.TYPED_ANSWER)
async def search_school(
    message: Message, state: FSMContext, i18n: I18nContext, directory: DirectoryService
) -> None:
    district_id = (await state.get_data()).get("district_id")
    if not isinstance(district_id, int):
        await forms.ask_region(message, state, i18n, directory)
        return
    words = (message.text or "")[:100]
    found = await directory.search_schools(district_id, words)
    if not found:
        await message.answer(i18n.get("school-search-empty", query=echo(words, 60)))
        return
    await message.answer(
        i18n.get("school-search-results", count=len(found)),
        reply_markup=keyboards.schools(i18n, found, page=0, pages=1),
    )


@router.callback_query(PlaceForm.school, SchoolCb.filter())
async def school_chosen(
    query: CallbackQuery,
    callback_data: SchoolCb,
    state: FSMContext,
    i18n: I18nContext,
    directory: DirectoryService,
    users: UserService,
    bot: Bot,
    i18n_core: BaseCore[Any],
    callback_answer: CallbackAnswer,
    **data: Any,
) -> None:
    school = await directory.school(callback_data.id)
    district_id = (await state.get_data()).get("district_id")
    if school is None or school.district_id != district_id:
        callback_answer.text = i18n.get("error-stale-button")
        await forms.ask_school(query, state, i18n, directory)
        return
    await state.update_data(school_id=school.id, requested_school=None)
    await flow.after_place(query, state, i18n, directory, users, bot, i18n_core, data)


@router.message(PlaceForm.school_name, forms.TYPED_ANSWER)
async def school_named(
    message: Message,
    state: FSMContext,
    i18n: I18nContext,
    directory: DirectoryService,
    users: UserService,
    bot: Bot,
    i18n_core: BaseCore[Any],
    **data: Any,
) -> None:
    name = " ".join((message.text or "").split())
    if not (SCHOOL_NAME_MIN <= len(name) <= SCHOOL_NAME_MAX):
        await message.answer(i18n.get("error-school-name"))
        return
    await state.update_data(school_id=None, requested_school=name)
    await flow.after_place(message, state, i18n, directory, users, bot, i18n_core, data)
