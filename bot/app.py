"""Wiring: settings → database → services → Bot and Dispatcher → long polling."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram_i18n import I18nMiddleware

from bot.broadcast_progress import BroadcastProgress
from bot.clock import Clock, build_clock
from bot.commands import register_default_commands
from bot.delivery import DeliveryEngine, DeliveryLimits, Outbox
from bot.dialogs import dialogs_router
from bot.dialogs.deeplinks import DeepLinks
from bot.dialogs.setup import setup as setup_dialogs
from bot.fsm_storage import DatabaseStorage, FormStateMiddleware
from bot.i18n import UserLocaleManager, build_core
from bot.middlewares.actor import ActorMiddleware
from bot.middlewares.callback_answers import AnswerPresses
from bot.middlewares.commands import CommandClosesForm
from bot.middlewares.refusals import RefusalMiddleware
from bot.notices.feedback import queue_feedback_nudges, queue_feedback_requests
from bot.notices.materials import queue_session_materials
from bot.notices.sessions import SessionNotices
from bot.notices.workshops import WorkshopNotices
from bot.services.attendance import AttendanceService
from bot.services.broadcasts import BroadcastService
from bot.services.directory import DirectoryService
from bot.services.feedback import FeedbackService
from bot.services.materials import MaterialService
from bot.services.school_requests import SchoolRequestService
from bot.services.sessions import SessionService
from bot.services.users import UserService
from bot.services.workshops import WorkshopService
from bot.settings import Settings
from bot.telegram_retry import RetryAfterMiddleware
from handlers import build_router
from scheduler import build_scheduler
from scheduler.session_lifecycle import SessionLifecycle
from storage.database import Database
from storage.directory_loader import ensure_directory
from storage.migrate import upgrade

log = logging.getLogger(__name__)

# After SIGTERM, updates being handled get DRAIN_SECONDS to finish, sends in flight
# ENGINE_GRACE_SECONDS to be recorded and a session job in progress SCHEDULER_GRACE_SECONDS;
# the rest of the 10 s budget closes sessions and the database.
DRAIN_SECONDS = 4.0
ENGINE_GRACE_SECONDS = 2.5
SCHEDULER_GRACE_SECONDS = 2.0


def _session(settings: Settings) -> AiohttpSession:
    if settings.telegram_api_url:
        return AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return AiohttpSession()


def build_bot(settings: Settings, *, interactive: bool = True) -> Bot:
    """The Bot for answering people; `interactive=False` gives the delivery engine's own.

    The engine keeps its own pace and honours retry_after per chat, so its Bot must not also
    wait and retry inside a request; its own connection pool keeps a long broadcast from
    delaying answers to people who are talking to the bot.
    """
    session = _session(settings)
    if interactive:
        session.middleware(RetryAfterMiddleware())
    return Bot(
        token=settings.token(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def _fsm(settings: Settings, database: Database) -> tuple[BaseStorage, BaseEventIsolation]:
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage

        redis_storage = RedisStorage.from_url(settings.redis_url)
        return redis_storage, RedisEventIsolation(redis=redis_storage.redis)
    # One process: a per-user lock in memory keeps two quick taps from racing one form.
    return DatabaseStorage(database), SimpleEventIsolation()


def build_dispatcher(
    settings: Settings,
    database: Database,
    bot: Bot,
    delivery_bot: Bot,
    clock: Clock | None = None,
) -> Dispatcher:
    """The whole bot but the network loop; `clock` lets in-process tests hold time still."""
    storage, isolation = _fsm(settings, database)
    dispatcher = Dispatcher(
        storage=storage,
        events_isolation=isolation,
        disable_fsm=isinstance(storage, DatabaseStorage),
    )
    if isinstance(storage, DatabaseStorage):
        # aiogram's FSM middleware, made one unit of work per update (bot/fsm_storage.py).
        dispatcher.fsm = FormStateMiddleware(storage, isolation)
        dispatcher.update.outer_middleware(dispatcher.fsm)
    core = build_core(settings.default_language)
    clock = clock or build_clock(settings.clock_offset_file)
    users = UserService(database, settings.admin_ids)
    engine = DeliveryEngine(
        delivery_bot,
        database,
        DeliveryLimits(per_second=settings.delivery_per_second),
        on_blocked=_mark_blocked(users),
        on_migrated=_log_migration,
        utc_now=clock.now,
    )
    outbox = Outbox(database, utc_now=clock.now)
    outbox.on_enqueue(engine.wake)
    broadcasts = BroadcastService(database, outbox)
    sessions = SessionService(database, clock, settings.zone)
    notices = SessionNotices(outbox, core, settings.zone)
    lifecycle = SessionLifecycle(
        database,
        clock,
        sessions,
        notices,
        settings.reminder_hours,
        after_session=[
            partial(queue_session_materials, database, outbox, core),
            partial(queue_feedback_requests, database, outbox, core, settings.zone),
        ],
        nudge=partial(queue_feedback_nudges, database, outbox, core, settings.zone),
    )
    dispatcher.workflow_data.update(
        clock=clock,
        deeplinks=DeepLinks(sessions, settings.zone),
        attendance=AttendanceService(database, clock),
        feedback=FeedbackService(database, clock),
        materials=MaterialService(database),
        workshops=WorkshopService(database, clock),
        sessions=sessions,
        session_notices=notices,
        workshop_notices=WorkshopNotices(outbox, core),
        session_lifecycle=lifecycle,
        settings=settings,
        database=database,
        zone=settings.zone,
        i18n_core=core,
        users=users,
        directory=DirectoryService(database),
        school_requests=SchoolRequestService(database, users.cache),
        outbox=outbox,
        delivery_engine=engine,
        broadcasts=broadcasts,
        broadcast_progress=BroadcastProgress(bot, broadcasts, users, core),
    )
    dispatcher.update.outer_middleware(ActorMiddleware(users))
    I18nMiddleware(
        core=core,
        manager=UserLocaleManager(default_locale=settings.default_language),
        default_locale=settings.default_language,
    ).setup(dispatcher)
    dispatcher.callback_query.middleware(AnswerPresses())
    dispatcher.include_router(build_router(dialogs_router()))
    setup_dialogs(dispatcher, isolation)
    # After the dialogs' own middlewares, so a refusal is worded inside their context saver.
    refusals = RefusalMiddleware()
    dispatcher.message.middleware(CommandClosesForm())
    dispatcher.message.middleware(refusals)
    dispatcher.callback_query.middleware(refusals)
    dispatcher.startup.register(_on_startup)
    dispatcher.shutdown.register(_drain_updates)
    dispatcher.shutdown.register(_stop_background)
    return dispatcher


def _mark_blocked(users: UserService) -> Callable[[int], Awaitable[object]]:
    async def mark(chat_id: int) -> object:
        return await users.mark_blocked(chat_id) if chat_id > 0 else None

    return mark


async def _log_migration(old_chat_id: int, new_chat_id: int) -> None:
    log.info("group %s became supergroup %s", old_chat_id, new_chat_id)


async def _on_startup(
    bot: Bot,
    i18n_core: Any,
    settings: Settings,
    delivery_engine: DeliveryEngine,
    broadcast_progress: BroadcastProgress,
) -> None:
    delivery_engine.start()
    await broadcast_progress.resume()
    await register_default_commands(bot, i18n_core, settings.default_language)


async def _stop_background(
    delivery_engine: DeliveryEngine, broadcast_progress: BroadcastProgress
) -> None:
    await broadcast_progress.stop()
    await delivery_engine.stop(grace=ENGINE_GRACE_SECONDS)


async def _drain_updates(dispatcher: Dispatcher) -> None:
    """Let handlers that were running when the stop signal came finish their answer."""
    # aiogram keeps the running update tasks here and does not wait for them on stop.
    running = [t for t in getattr(dispatcher, "_handle_update_tasks", ()) if not t.done()]
    if not running:
        return
    log.info("waiting for %d update(s) in progress", len(running))
    _, pending = await asyncio.wait(running, timeout=DRAIN_SECONDS)
    for task in pending:
        task.cancel()
    if pending:
        log.warning(
            "abandoned %d update(s) still running after %.0f s", len(pending), DRAIN_SECONDS
        )


async def prepare_database(settings: Settings) -> Database:
    database = Database(settings.database_url)
    await upgrade(database)
    report = await ensure_directory(database)
    if report is not None:
        log.info(
            "loaded the sample school directory: %d regions, %d districts, %d schools",
            report.regions,
            report.districts,
            report.schools_created,
        )
    return database


async def run(settings: Settings) -> None:
    bot = build_bot(settings)
    delivery_bot = build_bot(settings, interactive=False)
    database = await prepare_database(settings)
    dispatcher = build_dispatcher(settings, database, bot, delivery_bot)
    scheduler = build_scheduler(settings, database, dispatcher["session_lifecycle"])
    scheduler.start()
    try:
        await dispatcher.start_polling(
            bot,
            polling_timeout=settings.polling_timeout,
            handle_signals=True,
            close_bot_session=True,
        )
    finally:
        # Pause first: shutting down cancels a job in progress, which would cut it off halfway.
        scheduler.pause()
        await dispatcher["session_lifecycle"].wait_idle(SCHEDULER_GRACE_SECONDS)
        scheduler.shutdown(wait=False)
        await delivery_bot.session.close()
        await dispatcher.storage.close()
        await database.dispose()
        log.info("stopped")
