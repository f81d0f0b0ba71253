"""Workshops: proposing one, a rejection's reason, scheduling and moving sessions."""

from aiogram import Router

from bot.dialogs.workshops.move import dialog as move
from bot.dialogs.workshops.proposal import dialog as proposal
from bot.dialogs.workshops.rejection import dialog as rejection
from bot.dialogs.workshops.schedule import dialog as schedule

router = Router(name="workshops-dialog")
router.include_routers(proposal, rejection, schedule, move)
