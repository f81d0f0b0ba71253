"""/profile: what the bot knows about me, and editing it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_i18n import I18nContext

from bot import keyboards
from bot.callbacks import ProfileCb
from bot.delivery.outbox import Outbox
from bot.i18n import format_date
from bot.services.directory import DirectoryService
from bot.services.errors import DomainError, InvalidInput
from bot.services.users import Profile, UserService
from bot.states import ProfileForm
from handlers import forms
from handlers.replies import echo, show
from handlers.school_requests import notify_coordinators
from storage.models import User

router = Router(name="profile")
router.message.filter(F.chat.type == ChatType.PRIVATE)

Event = Message | CallbackQuery


def render(i18n: I18nContext, profile: Profile, registered_on: str) -> str:
    kk = i18n.locale == "kk"
    if profile.school_kk:
        school = profile.school_kk if kk else profile.school_ru
    elif profile.pending_school:
        school = i18n.get("profile-school-pending", school=echo(profile.pending_school))
    else:
        school = i18n.get("profile-none")
    district = (profile.district_kk if kk else profile.district_ru) or i18n.get("profile-none")
    region = (profile.region_kk if kk else profile.region_ru) or i18n.get("profile-none")
    index = {"kk": 0, "ru": 1}.get(i18n.locale, 2)
    subjects = ", ".join(names[index] for names in profile.subjects) or i18n.get("profile-none")
    roles = ", ".join(i18n.get(f"role-{role.value}") for role in sorted(profile.roles))
    return i18n.get(
        "profile-card",
        name=echo(profile.full_name),
        region=echo(region),
        district=echo(district),
        school=echo(school),
        subjects=echo(subjects, 600),
        roles=roles,
        language=i18n.get(f"language-name-{profile.language}"),
        registered=registered_on,
    )


async def show_profile(event: Event, i18n: I18nContext, users: UserService, zone: ZoneInfo) -> None:
    assert event.from_user is not None
    try:
        profile = await users.profile(event.from_user.id)
    except DomainError:
        await show(event, i18n.get("profile-not-registered"))
        return
    user = await users.get(event.from_user.id)
    registered = format_date(i18n, user.registered_at, zone) if user and user.registered_at else ""
    await show(event, render(i18n, profile, registered), keyboards.profile(i18n))


@router.message(Command("profile"))
async def profile_command(
    message: Message, state: FSMContext, i18n: I18nContext, users: UserService, zone: ZoneInfo
) -> None:
    await forms.reset(state)
    await show_profile(message, i18n, users, zone)


@router.callback_query(ProfileCb.filter())
async def edit(
    query: CallbackQuery,
    callback_data: ProfileCb,
    state: FSMContext,
    i18n: I18nContext,
    user: User | None,
    directory: DirectoryService,
) -> None:
    if user is None or not user.is_registered:
        await show(query, i18n.get("profile-not-registered"))
        return
    await forms.reset(state, **{forms.FLOW_KEY: forms.PROFILE})
    if callback_data.field == "name":
        await forms.ask_full_name(query, state, i18n)
    elif callback_data.field == "school":
        await forms.ask_region(query, state, i18n, directory)
    elif callback_data.field == "subjects":
        await state.update_data(subject_ids=[s.id for s in user.subjects])
        await forms.ask_subjects(query, state, i18n, directory)
    else:
        await show(query, i18n.get("choose-language"), keyboards.languages(i18n))


@router.message(ProfileForm.full_name, forms.TYPED_ANSWER)
async def rename(
    message: Message, state: FSMContext, i18n: I18nContext, users: UserService, zone: ZoneInfo
) -> None:
    assert message.from_user is not None
    try:
        await users.rename(message.from_user.id, message.text or "")
    except InvalidInput:
        await message.answer(i18n.get("error-full-name"))
        return
    await forms.reset(state)
    await message.answer(i18n.get("profile-saved"))
    await show_profile(message, i18n, users, zone)


async def save_place(
    event: Event,
    state: FSMContext,
    i18n: I18nContext,
    users: UserService,
    bot: Bot,
    outbox: Outbox,
) -> None:
    assert event.from_user is not None
    form = await state.get_data()
    try:
        request = await users.set_school(
            event.from_user.id,
            int(form["district_id"]),
            form.get("school_id"),
            form.get("requested_school"),
        )
    except (DomainError, KeyError, TypeError, ValueError):
        await forms.reset(state)
        await show(event, i18n.get("error-stale-button"))
        return
    await forms.reset(state)
    await show(event, i18n.get("profile-saved"))
    if request is not None:
        requester = await users.get(event.from_user.id)
        if requester is not None:
            await notify_coordinators(outbox, users, i18n, request, requester=requester)
            await bot.send_message(event.from_user.id, i18n.get("school-request-sent"))


async def save_subjects(
    event: Event, state: FSMContext, i18n: I18nContext, users: UserService
) -> None:
    assert event.from_user is not None
    subject_ids = [int(i) for i in (await state.get_data()).get("subject_ids", [])]
    await users.set_subjects(event.from_user.id, subject_ids)
    await forms.reset(state)
    await show(event, i18n.get("profile-saved"))
