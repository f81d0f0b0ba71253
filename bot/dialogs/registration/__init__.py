"""Registration of a new teacher."""

from aiogram import Router

from bot.dialogs.registration.dialog import dialog

router = Router(name="registration-dialog")
router.include_router(dialog)
