"""Choosing subjects: several at once, toggled in place."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram_i18n import I18nContext
from aiogram_i18n.cores import BaseCore

from bot.callbacks import SubjectCb, SubjectsDoneCb
from bot.services.directory import DirectoryService
from bot.services.users import UserService
from bot.states import SubjectsForm
from handlers import flow, forms

router = Router(name="subjects")
SUBJECTS_MAX = 6


@router.callback_query(SubjectsForm.choosing, SubjectCb.filter())
async def toggle(
    query: CallbackQuery,
    callback_data: SubjectCb,
    state: FSMContext,
    i18n: I18nContext,
    directory: DirectoryService,
    callback_answer: CallbackAnswer,
) -> None:
    known = {s.id for s in await directory.subjects()}
    if callback_data.id not in known:
        callback_answer.text = i18n.get("error-stale-button")
        return
    chosen = set((await state.get_data()).get("subject_ids", []))
    if callback_data.id in chosen:
        chosen.remove(callback_data.id)
    elif len(chosen) >= SUBJECTS_MAX:
        callback_answer.text = i18n.get("subjects-too-many", max=SUBJECTS_MAX)
        callback_answer.show_alert = True
        return
    else:
        chosen.add(callback_data.id)
    await state.update_data(subject_ids=sorted(chosen))
    await forms.ask_subjects(query, state, i18n, directory)


@router.callback_query(SubjectsForm.choosing, SubjectsDoneCb.filter())
async def done(
    query: CallbackQuery,
    state: FSMContext,
    i18n: I18nContext,
    users: UserService,
    bot: Bot,
    i18n_core: BaseCore[Any],
    callback_answer: CallbackAnswer,
    **data: Any,
) -> None:
    if not (await state.get_data()).get("subject_ids"):
        callback_answer.text = i18n.get("subjects-none")
        callback_answer.show_alert = True
        return
    await flow.after_subjects(query, state, i18n, users, bot, i18n_core, data)
