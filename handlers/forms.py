"""Renders each step of the forms, so registration, profile editing and a re-prompt after a
stray message or a language switch all show the same question the same way."""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot import keyboards
from bot.i18n import LANGUAGE_KEY
from bot.services.directory import DirectoryService
from bot.states import PlaceForm, ProfileForm, RegistrationForm, SubjectsForm
from handlers.replies import show

Event = Message | CallbackQuery

# Typed answers to a form's question; a command typed mid-form is a command, not an answer.
TYPED_ANSWER = F.text & ~F.text.startswith("/")

FLOW_KEY = "flow"
REGISTRATION = "registration"
PROFILE = "profile"
DEEPLINK_KEY = "deeplink"


async def reset(state: FSMContext, **keep: Any) -> None:
    """Leave any form, keeping only the language an unregistered user picked."""
    data = await state.get_data()
    await state.clear()
    kept = {k: v for k, v in data.items() if k == LANGUAGE_KEY}
    kept.update(keep)
    if kept:
        await state.set_data(kept)


def _with_lead(lead: str | None, text: str) -> str:
    # One message instead of two: fewer sends for a weak connection and the per-chat limit.
    return f"{lead}\n\n{text}" if lead else text


async def ask_consent(
    event: Event, state: FSMContext, i18n: I18nContext, lead: str | None = None
) -> None:
    await state.set_state(RegistrationForm.consent)
    await show(event, _with_lead(lead, i18n.get("consent-text")), keyboards.consent(i18n))


async def ask_full_name(
    event: Event, state: FSMContext, i18n: I18nContext, lead: str | None = None
) -> None:
    data = await state.get_data()
    await state.set_state(
        RegistrationForm.full_name if data.get(FLOW_KEY) == REGISTRATION else ProfileForm.full_name
    )
    await show(event, _with_lead(lead, i18n.get("ask-full-name")))


async def ask_region(
    event: Event, state: FSMContext, i18n: I18nContext, directory: DirectoryService
) -> None:
    await state.set_state(PlaceForm.region)
    regions = await directory.regions()
    if not regions:
        await show(event, i18n.get("directory-empty"))
        return
    await show(event, i18n.get("ask-region"), keyboards.regions(regions, i18n.locale))


async def ask_district(
    event: Event, state: FSMContext, i18n: I18nContext, directory: DirectoryService
) -> None:
    region_id = (await state.get_data()).get("region_id")
    region = await directory.region(region_id) if isinstance(region_id, int) else None
    if region is None:
        await ask_region(event, state, i18n, directory)
        return
    await state.set_state(PlaceForm.district)
    districts = await directory.districts(region.id)
    await show(
        event,
        i18n.get("ask-district", region=keyboards.local_name(region, i18n.locale)),
        keyboards.districts(i18n, districts),
    )


async def ask_school(
    event: Event,
    state: FSMContext,
    i18n: I18nContext,
    directory: DirectoryService,
    page: int = 0,
) -> None:
    district_id = (await state.get_data()).get("district_id")
    district = await directory.district(district_id) if isinstance(district_id, int) else None
    if district is None:
        await ask_region(event, state, i18n, directory)
        return
    await state.set_state(PlaceForm.school)
    result = await directory.school_page(district.id, page)
    text = i18n.get(
        "ask-school",
        district=keyboards.local_name(district, i18n.locale),
        page=result.page + 1,
        pages=result.pages,
    )
    await show(
        event, text, keyboards.schools(i18n, result.schools, page=result.page, pages=result.pages)
    )


async def ask_school_name(event: Event, state: FSMContext, i18n: I18nContext) -> None:
    await state.set_state(PlaceForm.school_name)
    await show(event, i18n.get("ask-school-name"))


async def ask_subjects(
    event: Event, state: FSMContext, i18n: I18nContext, directory: DirectoryService
) -> None:
    await state.set_state(SubjectsForm.choosing)
    chosen = set((await state.get_data()).get("subject_ids", []))
    items = await directory.subjects()
    await show(event, i18n.get("ask-subjects"), keyboards.subjects(i18n, items, chosen))


async def reprompt(
    event: Event, state: FSMContext, i18n: I18nContext, directory: DirectoryService
) -> bool:
    """Show the question of the step the user is on; False when they are in no form."""
    current = await state.get_state()
    if current == RegistrationForm.consent.state:
        await ask_consent(event, state, i18n)
    elif current in (RegistrationForm.full_name.state, ProfileForm.full_name.state):
        await ask_full_name(event, state, i18n)
    elif current == PlaceForm.region.state:
        await ask_region(event, state, i18n, directory)
    elif current == PlaceForm.district.state:
        await ask_district(event, state, i18n, directory)
    elif current == PlaceForm.school.state:
        await ask_school(event, state, i18n, directory)
    elif current == PlaceForm.school_name.state:
        await ask_school_name(event, state, i18n)
    elif current == SubjectsForm.choosing.state:
        await ask_subjects(event, state, i18n, directory)
    else:
        return False
    return True
