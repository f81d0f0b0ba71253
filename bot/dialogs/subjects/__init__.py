"""The subjects picker, a subdialog shared by registration and /profile."""

from aiogram import Router

from bot.dialogs.subjects.dialog import dialog

router = Router(name="subjects-dialog")
router.include_router(dialog)
