"""/broadcast and /broadcasts: a coordinator's announcement to an audience they choose."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram_i18n import I18nContext

from bot import keyboards
from bot.broadcast_progress import BroadcastProgress
from bot.callbacks import (
    AudienceCb,
    AudiencePageCb,
    AudiencePickCb,
    BroadcastConfirmCb,
    BroadcastStopCb,
)
from bot.i18n import format_datetime
from bot.services.broadcasts import PARTICIPANT_GROUPS, Audience, BroadcastService
from bot.services.directory import DirectoryService
from bot.services.errors import DomainError
from bot.services.permissions import Actor
from bot.services.sessions import SessionService
from bot.services.workshops import WorkshopService
from bot.session_views import label as session_label
from bot.states import BroadcastForm
from handlers import forms
from handlers.replies import echo, show
from storage.models import Role

router = Router(name="broadcast")
router.message.filter(F.chat.type == ChatType.PRIVATE)

Event = Message | CallbackQuery


@router.message(Command("broadcast"))
async def compose(message: Message, state: FSMContext, i18n: I18nContext, actor: Actor) -> None:
    if not actor.is_coordinator:
        await message.answer(i18n.get("error-permission"))
        return
    await forms.reset(state)
    await state.set_state(BroadcastForm.content)
    await message.answer(i18n.get("broadcast-compose"))


@router.message(BroadcastForm.content, ~F.text.startswith("/"))
async def content_received(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    if message.poll or message.location or message.contact:
        await message.answer(i18n.get("broadcast-unsupported"))
        return
    await state.update_data(from_chat_id=message.chat.id, message_id=message.message_id)
    await state.set_state(BroadcastForm.audience)
    markup = keyboards.audience_kinds(i18n)
    await message.answer(i18n.get("broadcast-audience"), reply_markup=markup)


@router.callback_query(BroadcastForm.audience, AudienceCb.filter())
async def audience_kind(
    query: CallbackQuery,
    callback_data: AudienceCb,
    state: FSMContext,
    i18n: I18nContext,
    directory: DirectoryService,
    broadcasts: BroadcastService,
    sessions: SessionService,
    workshops: WorkshopService,
    zone: ZoneInfo,
) -> None:
    kind = callback_data.kind
    await state.update_data(kind=kind)
    if kind == "all":
        await ask_confirm(query, state, i18n, broadcasts, Audience("all"), i18n.get("audience-all"))
        return
    await state.set_state(BroadcastForm.pick)
    if kind in ("region", "district", "school"):
        regions = await directory.regions()
        await show(
            query,
            i18n.get("broadcast-pick-region"),
            keyboards.audience_places(i18n, "region", regions),
        )
    elif kind == "role":
        await show(query, i18n.get("broadcast-pick-role"), keyboards.audience_roles(i18n))
    elif kind == "session":
        items = [
            (event.id, session_label(i18n, event, zone))
            for event in await sessions.recent_and_upcoming()
        ]
        await show(
            query,
            i18n.get("broadcast-pick-session"),
            keyboards.audience_events(i18n, "session", items),
        )
    elif kind == "workshop":
        items = [(w.id, w.title) for w in await workshops.approved()]
        await show(
            query,
            i18n.get("broadcast-pick-workshop"),
            keyboards.audience_events(i18n, "workshop", items),
        )
    else:
        subjects = await directory.subjects()
        await show(
            query, i18n.get("broadcast-pick-subject"), keyboards.audience_subjects(i18n, subjects)
        )


@router.callback_query(BroadcastForm.pick, AudiencePickCb.filter())
async def audience_pick(
    query: CallbackQuery,
    callback_data: AudiencePickCb,
    state: FSMContext,
    i18n: I18nContext,
    directory: DirectoryService,
    broadcasts: BroadcastService,
    sessions: SessionService,
    workshops: WorkshopService,
    zone: ZoneInfo,
    callback_answer: CallbackAnswer,
) -> None:
    kind = (await state.get_data()).get("kind")
    level, value = callback_data.level, callback_data.value
    if level in ("session", "workshop") and level == kind and value.isdigit():
        await show(
            query,
            i18n.get("broadcast-pick-group"),
            keyboards.audience_groups(i18n, level, int(value)),
        )
        return
    if level == f"{kind}-group":
        label = await _participants_label(i18n, sessions, workshops, str(kind), value, zone)
        if label is None:
            callback_answer.text = i18n.get("error-stale-button")
            return
        await ask_confirm(query, state, i18n, broadcasts, Audience(str(kind), value), label)
        return
    label = await _label(i18n, directory, level, value)
    if label is None:
        callback_answer.text = i18n.get("error-stale-button")
        return
    if level == kind:
        await ask_confirm(query, state, i18n, broadcasts, Audience(level, value), label)
    elif level == "region":
        districts = await directory.districts(int(value))
        await show(
            query,
            i18n.get("broadcast-pick-district", place=label),
            keyboards.audience_places(i18n, "district", districts),
        )
    elif level == "district":
        await state.update_data(district_id=int(value))
        await show_school_page(query, state, i18n, directory, 0)
    else:
        callback_answer.text = i18n.get("error-stale-button")


@router.callback_query(BroadcastForm.pick, AudiencePageCb.filter())
async def audience_page(
    query: CallbackQuery,
    callback_data: AudiencePageCb,
    state: FSMContext,
    i18n: I18nContext,
    directory: DirectoryService,
) -> None:
    await show_school_page(query, state, i18n, directory, callback_data.page)


async def show_school_page(
    event: Event, state: FSMContext, i18n: I18nContext, directory: DirectoryService, page: int
) -> None:
    district_id = int((await state.get_data()).get("district_id") or 0)
    district = await directory.district(district_id)
    if district is None:
        await show(event, i18n.get("error-stale-button"))
        return
    result = await directory.school_page(district.id, page)
    await show(
        event,
        i18n.get("broadcast-pick-school", place=keyboards.local_name(district, i18n.locale)),
        keyboards.audience_places(
            i18n, "school", result.schools, page=result.page, pages=result.pages
        ),
    )


async def _label(
    i18n: I18nContext, directory: DirectoryService, level: str, value: str
) -> str | None:
    """The audience's name for the coordinator, or None when the button's value is not real."""
    if level == "role":
        return i18n.get(f"role-{value}") if value in Role._value2member_map_ else None
    if not value.isdigit():
        return None
    key = int(value)
    if level == "subject":
        subject = next((s for s in await directory.subjects() if s.id == key), None)
        return keyboards.subject_name(subject, i18n.locale) if subject else None
    place = {
        "region": directory.region,
        "district": directory.district,
        "school": directory.school,
    }.get(level)
    found = await place(key) if place else None
    return keyboards.local_name(found, i18n.locale) if found else None


async def _participants_label(
    i18n: I18nContext,
    sessions: SessionService,
    workshops: WorkshopService,
    kind: str,
    value: str,
    zone: ZoneInfo,
) -> str | None:
    target, _, group = value.partition("-")
    if not target.isdigit() or group not in PARTICIPANT_GROUPS:
        return None
    if kind == "session":
        event = await sessions.get(int(target))
        if event is None:
            return None
        name = session_label(i18n, event, zone)
    else:
        workshop = await workshops.get(int(target))
        if workshop is None:
            return None
        name = workshop.title
    return f"{name} — {i18n.get(f'audience-group-{group}')}"


async def ask_confirm(
    query: CallbackQuery,
    state: FSMContext,
    i18n: I18nContext,
    broadcasts: BroadcastService,
    audience: Audience,
    label: str,
) -> None:
    count = await broadcasts.audience_size(audience)
    await state.update_data(kind=audience.kind, value=audience.value, label=label)
    await state.set_state(BroadcastForm.confirm)
    data = await state.get_data()
    await show(query, i18n.get("broadcast-preview-below"))
    assert query.bot is not None
    await query.bot.copy_message(query.from_user.id, data["from_chat_id"], data["message_id"])
    await query.bot.send_message(
        query.from_user.id,
        i18n.get("broadcast-confirm", audience=echo(label), count=count),
        reply_markup=keyboards.broadcast_confirm(i18n),
    )


@router.callback_query(BroadcastForm.confirm, BroadcastConfirmCb.filter())
async def confirm(
    query: CallbackQuery,
    callback_data: BroadcastConfirmCb,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    broadcasts: BroadcastService,
    broadcast_progress: BroadcastProgress,
) -> None:
    data = await state.get_data()
    await forms.reset(state)
    if not callback_data.go:
        await show(query, i18n.get("broadcast-discarded"))
        return
    try:
        broadcast = await broadcasts.start(
            actor,
            Audience(str(data["kind"]), data.get("value")),
            str(data.get("label", "")),
            from_chat_id=int(data["from_chat_id"]),
            message_id=int(data["message_id"]),
        )
    except DomainError as exc:
        await show(query, i18n.get(exc.code))
        return
    except (KeyError, TypeError, ValueError):
        await show(query, i18n.get("error-stale-button"))
        return
    await show(
        query,
        i18n.get("broadcast-started", id=str(broadcast.id), count=broadcast.recipients),
        keyboards.broadcast_stop(i18n, broadcast.id),
    )
    if isinstance(query.message, Message):
        await broadcasts.attach_progress(
            broadcast.id, query.message.chat.id, query.message.message_id
        )
    broadcast_progress.track(broadcast.id)


@router.callback_query(BroadcastStopCb.filter())
async def stop(
    query: CallbackQuery,
    callback_data: BroadcastStopCb,
    i18n: I18nContext,
    actor: Actor,
    broadcasts: BroadcastService,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        stopped = await broadcasts.cancel(actor, callback_data.id)
    except DomainError as exc:
        callback_answer.text = i18n.get(exc.code)
        callback_answer.show_alert = True
        return
    callback_answer.text = i18n.get("broadcast-stopping", count=stopped)


@router.message(Command("broadcasts"))
async def history(
    message: Message,
    i18n: I18nContext,
    actor: Actor,
    broadcasts: BroadcastService,
    zone: ZoneInfo,
) -> None:
    try:
        items = await broadcasts.recent(actor)
    except DomainError as exc:
        await message.answer(i18n.get(exc.code))
        return
    if not items:
        await message.answer(i18n.get("broadcasts-none"))
        return
    lines = [i18n.get("broadcasts-title")]
    for item in items:
        b, c = item.broadcast, item.counts
        lines.append(
            i18n.get(
                "broadcasts-line",
                id=str(b.id),
                when=format_datetime(i18n, b.created_at, zone),
                audience=echo(b.audience_label, 80),
                sent=c.sent,
                blocked=c.blocked,
                failed=c.failed + c.uncertain,
                left=c.left,
            )
        )
    await message.answer("\n".join(lines))
