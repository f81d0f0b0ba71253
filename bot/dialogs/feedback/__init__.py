"""Answering a session's feedback request, and changing the answer."""

from aiogram import Router

from bot.dialogs.feedback.dialog import dialog

router = Router(name="feedback-dialog")
router.include_router(dialog)
