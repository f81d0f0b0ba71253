"""The roll call of a session and its check-in code."""

from aiogram import Router

from bot.dialogs.attendance.dialog import dialog

router = Router(name="attendance-dialog")
router.include_router(dialog)
