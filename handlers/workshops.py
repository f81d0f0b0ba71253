"""Workshops: a leader proposes (/propose), coordinators approve or reject, the leader sees
their workshops (/myworkshops) and schedules sessions of approved ones."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram_i18n import I18nContext

from bot import keyboards
from bot.callbacks import CapacityCb, DurationCb, PlanSubjectCb, WorkshopCb, WorkshopDecisionCb
from bot.clock import Clock
from bot.dates import parse_local
from bot.i18n import format_datetime
from bot.services.directory import DirectoryService
from bot.services.errors import DomainError
from bot.services.permissions import Actor
from bot.services.sessions import URL_RE, SessionDraft, SessionService
from bot.services.users import UserService
from bot.services.workshops import Proposal, WorkshopService
from bot.session_notices import SessionNotices
from bot.session_views import workshop_text
from bot.states import ProposalForm, RejectionForm, ScheduleForm
from handlers import forms
from handlers.replies import echo, show
from storage.models import Role

router = Router(name="workshops")
router.message.filter(F.chat.type == ChatType.PRIVATE)

TEXT = forms.TYPED_ANSWER


# ------------------------------------------------------------------ proposing


@router.message(Command("propose"))
async def propose(message: Message, state: FSMContext, i18n: I18nContext, actor: Actor) -> None:
    if not actor.has(Role.LEADER):
        await message.answer(i18n.get("workshop-leaders-only"))
        return
    await forms.reset(state)
    await state.set_state(ProposalForm.title)
    await message.answer(i18n.get("propose-title"))


@router.message(ProposalForm.title, TEXT)
async def proposal_title(
    message: Message, state: FSMContext, i18n: I18nContext, directory: DirectoryService
) -> None:
    title = " ".join((message.text or "").split())
    if not 5 <= len(title) <= 200:
        await message.answer(i18n.get("propose-title-invalid"))
        return
    await state.update_data(title=title)
    await state.set_state(ProposalForm.subject)
    subjects = await directory.subjects()
    await message.answer(
        i18n.get("propose-subject"), reply_markup=keyboards.proposal_subjects(i18n, subjects)
    )


@router.callback_query(ProposalForm.subject, PlanSubjectCb.filter())
async def proposal_subject(
    query: CallbackQuery, callback_data: PlanSubjectCb, state: FSMContext, i18n: I18nContext
) -> None:
    await state.update_data(subject_id=callback_data.id or None)
    await state.set_state(ProposalForm.method)
    await show(query, i18n.get("propose-method"))


@router.message(ProposalForm.method, TEXT)
async def proposal_method(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    method = (message.text or "").strip()
    if not 20 <= len(method) <= 3000:
        await message.answer(i18n.get("propose-method-invalid"))
        return
    await state.update_data(method=method)
    await state.set_state(ProposalForm.audience)
    await message.answer(i18n.get("propose-audience"))


@router.message(ProposalForm.audience, TEXT)
async def proposal_audience(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    audience = " ".join((message.text or "").split())
    if not 3 <= len(audience) <= 300:
        await message.answer(i18n.get("propose-audience-invalid"))
        return
    await state.update_data(audience=audience)
    await state.set_state(ProposalForm.plan)
    await message.answer(i18n.get("propose-plan"))


@router.message(ProposalForm.plan, F.document | TEXT)
async def proposal_plan(
    message: Message,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    workshops: WorkshopService,
    users: UserService,
    session_notices: SessionNotices,
) -> None:
    plan_text = (message.text or "").strip() or None
    plan_file = message.document.file_id if message.document else None
    if plan_text is not None and not 20 <= len(plan_text) <= 3500:
        await message.answer(i18n.get("propose-plan-invalid"))
        return
    data = await state.get_data()
    try:
        workshop = await workshops.propose(
            actor,
            Proposal(
                title=str(data["title"]),
                subject_id=data.get("subject_id"),
                method=str(data["method"]),
                audience=str(data["audience"]),
                plan_text=plan_text,
                plan_file_id=plan_file,
            ),
        )
    except DomainError as exc:
        await message.answer(i18n.get(exc.code))
        return
    except KeyError:
        await forms.reset(state)
        await message.answer(i18n.get("error-stale-button"))
        return
    await forms.reset(state)
    leader = await users.get(actor.user_id)
    await session_notices.workshop_proposed(
        workshop, (leader.full_name or "") if leader else "", await users.coordinators()
    )
    await message.answer(i18n.get("propose-sent", title=echo(workshop.title)))


# ------------------------------------------------------------------ the council's decision


@router.callback_query(WorkshopDecisionCb.filter(F.approve))
async def approve(
    query: CallbackQuery,
    callback_data: WorkshopDecisionCb,
    i18n: I18nContext,
    actor: Actor,
    workshops: WorkshopService,
    users: UserService,
    session_notices: SessionNotices,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        workshop = await workshops.decide(actor, callback_data.id, approve=True)
    except DomainError as exc:
        callback_answer.text = i18n.get(exc.code)
        callback_answer.show_alert = True
        return
    await show(query, i18n.get("workshop-approved-by-you", title=echo(workshop.title)))
    leader = await users.get(workshop.leader_id)
    if leader is not None:
        await session_notices.workshop_decided(workshop, leader)


@router.callback_query(WorkshopDecisionCb.filter(~F.approve))
async def reject(
    query: CallbackQuery,
    callback_data: WorkshopDecisionCb,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    callback_answer: CallbackAnswer,
) -> None:
    if not actor.is_coordinator:
        callback_answer.text = i18n.get("error-permission")
        callback_answer.show_alert = True
        return
    await forms.reset(state, workshop_id=callback_data.id)
    await state.set_state(RejectionForm.reason)
    await show(query, i18n.get("workshop-reject-reason"))


@router.message(RejectionForm.reason, TEXT)
async def rejection_reason(
    message: Message,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    workshops: WorkshopService,
    users: UserService,
    session_notices: SessionNotices,
) -> None:
    workshop_id = int((await state.get_data()).get("workshop_id") or 0)
    try:
        workshop = await workshops.decide(
            actor, workshop_id, approve=False, reason=message.text or ""
        )
    except DomainError as exc:
        await message.answer(i18n.get(exc.code))
        if exc.code != "error-invalid-input":
            await forms.reset(state)
        return
    await forms.reset(state)
    await message.answer(i18n.get("workshop-rejected-by-you", title=echo(workshop.title)))
    leader = await users.get(workshop.leader_id)
    if leader is not None:
        await session_notices.workshop_decided(workshop, leader)


# ------------------------------------------------------------------ the leader's workshops


@router.message(Command("myworkshops"))
async def my_workshops(
    message: Message, i18n: I18nContext, actor: Actor, workshops: WorkshopService
) -> None:
    if not actor.has(Role.LEADER):
        await message.answer(i18n.get("workshop-leaders-only"))
        return
    items = await workshops.of_leader(actor.user_id)
    if not items:
        await message.answer(i18n.get("workshops-none"))
        return
    await message.answer(
        i18n.get("workshops-mine"), reply_markup=keyboards.my_workshops(i18n, items)
    )


@router.callback_query(WorkshopCb.filter(F.action == "open"))
async def open_workshop(
    query: CallbackQuery,
    callback_data: WorkshopCb,
    i18n: I18nContext,
    actor: Actor,
    workshops: WorkshopService,
    sessions: SessionService,
    users: UserService,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        workshop = await workshops.managed(actor, callback_data.id)
    except DomainError as exc:
        callback_answer.text = i18n.get(exc.code)
        callback_answer.show_alert = True
        return
    leader = await users.get(workshop.leader_id)
    text = workshop_text(i18n, workshop, (leader.full_name or "") if leader else "")
    text += "\n\n" + i18n.get(f"workshop-status-{workshop.status.value}")
    await show(
        query,
        text,
        keyboards.workshop_manage(i18n, workshop, await sessions.of_workshop(workshop.id)),
    )


@router.callback_query(WorkshopCb.filter(F.action == "schedule"))
async def schedule_start(
    query: CallbackQuery,
    callback_data: WorkshopCb,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    workshops: WorkshopService,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        workshop = await workshops.managed(actor, callback_data.id)
    except DomainError as exc:
        callback_answer.text = i18n.get(exc.code)
        callback_answer.show_alert = True
        return
    await forms.reset(state, workshop_id=workshop.id)
    await state.set_state(ScheduleForm.when)
    await show(query, i18n.get("schedule-when"))


@router.message(ScheduleForm.when, TEXT)
async def schedule_when(
    message: Message, state: FSMContext, i18n: I18nContext, clock: Clock, zone: ZoneInfo
) -> None:
    moment = parse_local(message.text or "", zone, clock.now())
    if moment is None:
        await message.answer(i18n.get("schedule-when-invalid"))
        return
    if moment <= clock.now():
        await message.answer(i18n.get("error-in-the-past"))
        return
    await state.update_data(starts_at=moment.isoformat())
    await state.set_state(ScheduleForm.duration)
    await message.answer(
        i18n.get("schedule-duration", when=format_datetime(i18n, moment, zone)),
        reply_markup=keyboards.durations(i18n),
    )


@router.callback_query(ScheduleForm.duration, DurationCb.filter())
async def schedule_duration(
    query: CallbackQuery, callback_data: DurationCb, state: FSMContext, i18n: I18nContext
) -> None:
    await state.update_data(duration=callback_data.minutes)
    await state.set_state(ScheduleForm.place)
    await show(query, i18n.get("schedule-place"))


@router.message(ScheduleForm.place, TEXT)
async def schedule_place(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    text = (message.text or "").strip()
    if text.lower().startswith(("http://", "https://")):
        if not URL_RE.match(text):
            await message.answer(i18n.get("schedule-place-invalid"))
            return
        await state.update_data(link=text, place=None)
    elif 3 <= len(text) <= 300:
        await state.update_data(link=None, place=text)
    else:
        await message.answer(i18n.get("schedule-place-invalid"))
        return
    await state.set_state(ScheduleForm.capacity)
    await message.answer(i18n.get("schedule-capacity"), reply_markup=keyboards.capacities(i18n))


@router.callback_query(ScheduleForm.capacity, CapacityCb.filter())
async def schedule_capacity_button(
    query: CallbackQuery, callback_data: CapacityCb, state: FSMContext, i18n: I18nContext
) -> None:
    await state.update_data(capacity=callback_data.seats or None)
    await state.set_state(ScheduleForm.topic)
    await show(query, i18n.get("schedule-topic"))


@router.message(ScheduleForm.capacity, TEXT)
async def schedule_capacity_typed(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    text = (message.text or "").strip()
    if not text.isdigit() or not 1 <= int(text) <= 10_000:
        await message.answer(i18n.get("schedule-capacity-invalid"))
        return
    await state.update_data(capacity=int(text))
    await state.set_state(ScheduleForm.topic)
    await message.answer(i18n.get("schedule-topic"))


@router.message(ScheduleForm.topic, TEXT)
async def schedule_topic(
    message: Message,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    sessions: SessionService,
    bot: Bot,
) -> None:
    data = await state.get_data()
    topic = " ".join((message.text or "").split())
    try:
        event = await sessions.schedule(
            actor,
            SessionDraft(
                workshop_id=int(data["workshop_id"]),
                starts_at=datetime.fromisoformat(str(data["starts_at"])),
                duration_minutes=int(data["duration"]),
                topic=topic,
                link=data.get("link"),
                place=data.get("place"),
                capacity=data.get("capacity"),
            ),
        )
    except DomainError as exc:
        await message.answer(i18n.get(exc.code))
        if exc.code != "error-invalid-input":
            await forms.reset(state)
        return
    except (KeyError, ValueError):
        await forms.reset(state)
        await message.answer(i18n.get("error-stale-button"))
        return
    await forms.reset(state)
    me = await bot.me()
    link = f"https://t.me/{me.username}?start=s{event.id}"
    await message.answer(
        i18n.get("schedule-done", topic=echo(event.topic), link=link),
        reply_markup=keyboards.session_open(i18n, event.id),
    )
