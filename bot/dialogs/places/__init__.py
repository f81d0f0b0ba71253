"""The school picker, a subdialog shared by registration and /profile."""

from aiogram import Router

from bot.dialogs.places.dialog import dialog

router = Router(name="places-dialog")
router.include_router(dialog)
