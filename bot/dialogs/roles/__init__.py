"""/grant as a form: a person's Telegram id, a role this actor may give, and a confirmation."""

from aiogram import Router

from bot.dialogs.roles.dialog import dialog

router = Router(name="roles-dialog")
router.include_router(dialog)
