"""Workshop materials: attaching one, and the archive."""

from aiogram import Router

from bot.dialogs.materials.add import dialog as add_dialog
from bot.dialogs.materials.archive import dialog as archive_dialog

router = Router(name="materials-dialog")
router.include_routers(add_dialog, archive_dialog)
