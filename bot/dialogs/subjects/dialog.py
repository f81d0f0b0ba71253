"""Ticking the subjects one teaches: one to six. One window, made by `subjects_window`, is a
step of registration and the whole of the subjects subdialog that /profile starts."""

from __future__ import annotations

import operator
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import Button, Group, Keyboard, ManagedMultiselect, Multiselect
from aiogram_dialog.widgets.kbd.button import OnClick
from aiogram_dialog.widgets.text import Format
from aiogram_i18n import I18nContext

from bot.dialogs.states_data import int_list
from bot.dialogs.subjects.states import SubjectsSG
from bot.dialogs.widgets import I18nFormat, back_to_caller, buttons_only
from bot.services.directory import DirectoryService
from bot.services.users import check_room_for_subject, check_subject_choice
from bot.views.text import short, subject_name

PICKER = "subjects"


async def subjects_getter(
    dialog_manager: DialogManager, i18n: I18nContext, directory: DirectoryService, **_: Any
) -> dict[str, Any]:
    subjects = [
        (subject.id, short(subject_name(subject, i18n.locale)))
        for subject in await directory.subjects()
    ]
    return {"subjects": subjects}


async def before_tick(
    callback: CallbackQuery, widget: ManagedMultiselect[int], manager: DialogManager, item: int
) -> None:
    # Called before the tick changes: only adding a subject can go over the limit.
    if not widget.is_checked(item):
        check_room_for_subject(len(widget.get_checked()))


def chosen_subjects(manager: DialogManager) -> tuple[int, ...]:
    """The ticked subjects, checked against the rule (one to six)."""
    picker: ManagedMultiselect[int] = manager.find(PICKER)  # type: ignore[assignment]
    return check_subject_choice(picker.get_checked())


def subjects_window(state: State, on_done: OnClick, back: Keyboard) -> Window:
    return Window(
        I18nFormat("ask-subjects"),
        Group(
            Multiselect(
                Format("✅ {item[1]}"),
                Format("{item[1]}"),
                id=PICKER,
                item_id_getter=operator.itemgetter(0),
                items="subjects",
                type_factory=int,
                on_click=before_tick,
            ),
            width=2,
        ),
        Button(I18nFormat("button-done"), id="done", on_click=on_done),
        buttons_only(),
        back,
        getter=subjects_getter,
        state=state,
    )


async def on_start(start_data: Any, manager: DialogManager) -> None:
    picker: ManagedMultiselect[int] = manager.find(PICKER)  # type: ignore[assignment]
    chosen = start_data.get("chosen") if isinstance(start_data, dict) else None
    for subject_id in int_list(chosen):
        await picker.set_checked(subject_id, True)


async def give_back(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    await manager.done({"subject_ids": list(chosen_subjects(manager))})


dialog = Dialog(
    subjects_window(SubjectsSG.choose, on_done=give_back, back=back_to_caller()),
    on_start=on_start,
)
