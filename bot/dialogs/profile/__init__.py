"""/profile and editing it."""

from aiogram import Router

from bot.dialogs.profile.dialog import dialog

router = Router(name="profile-dialog")
router.include_router(dialog)
