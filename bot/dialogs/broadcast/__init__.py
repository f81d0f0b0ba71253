"""/broadcast as a form: the message, its audience, and a confirmation with the exact count."""

from aiogram import Router

from bot.dialogs.broadcast.dialog import dialog

router = Router(name="broadcast-dialog")
router.include_router(dialog)
