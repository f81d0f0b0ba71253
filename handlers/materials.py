"""Workshop materials (rules of 000, 4.2): the leader attaches video lessons, lesson notes,
presentations, expert materials and links; everyone registered browses the archive by workshop
and month, or searches it, with /materials."""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, LinkPreviewOptions, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_i18n import I18nContext

from bot.i18n import format_datetime
from bot.keyboards import short
from bot.services.errors import DomainError
from bot.services.materials import (
    LINK_KIND,
    MATERIAL_KINDS,
    InvalidTitle,
    MaterialItem,
    MaterialService,
    Target,
    normalize_url,
)
from bot.services.permissions import Actor
from handlers import forms
from handlers.replies import echo, show
from storage.models import Material

log = logging.getLogger(__name__)
router = Router(name="materials")
router.message.filter(F.chat.type == ChatType.PRIVATE)

Event = Message | CallbackQuery

# Anything but a command: a command typed mid-form is a command, not an answer.
NOT_COMMAND = ~F.text.startswith("/")
# Telegram allows 4096 characters in a message; leave room for the header.
TEXT_BUDGET = 3800
TITLE_SHOWN = 100

ICONS = {"video": "🎬", "notes": "📝", "slides": "📊", "expert": "🎓", "link": "🔗"}

# State data keys, prefixed so they never clash with another form's.
WORKSHOP_KEY, SESSION_KEY, KIND_KEY = "mt_workshop", "mt_session", "mt_kind"
FILE_KEY, FILE_TYPE_KEY, URL_KEY = "mt_file", "mt_file_type", "mt_url"


class MaterialAddCb(CallbackData, prefix="mta"):
    """Entry point on a leader's session or workshop card; session_id 0 is the whole workshop."""

    workshop_id: int
    session_id: int


class MaterialKindCb(CallbackData, prefix="mtc"):
    kind: str  # video, notes, slides, expert, link


class MaterialOpenCb(CallbackData, prefix="mto"):
    id: int


class MaterialPageCb(CallbackData, prefix="mtp"):
    page: int


class MaterialWorkshopCb(CallbackData, prefix="mtw"):
    id: int
    page: int  # the archive page to go back to


class MaterialMonthCb(CallbackData, prefix="mtm"):
    workshop_id: int
    year: int
    month: int
    page: int


class MaterialAddForm(StatesGroup):
    kind = State()
    content = State()  # the file, or the link
    title = State()


class MaterialSearchForm(StatesGroup):
    words = State()


# ---------------------------------------------------------------- rendering


def kind_label(i18n: I18nContext, kind: str) -> str:
    return f"{ICONS.get(kind, '')} {i18n.get(f'materials-kind-{kind}')}".strip()


def open_keyboard(
    materials: Sequence[Material],
    *,
    files_only: bool = False,
    back: CallbackData | None = None,
    back_text: str = "",
) -> InlineKeyboardMarkup | None:
    """A button per material that sends it when pressed."""
    kb = InlineKeyboardBuilder()
    count = 0
    for material in materials:
        if files_only and not material.file_id:
            continue
        kb.button(
            text=short(f"{ICONS.get(material.kind, '')} {material.title}"),
            callback_data=MaterialOpenCb(id=material.id),
        )
        count += 1
    if back is not None:
        kb.button(text=back_text, callback_data=back)
    if not count and back is None:
        return None
    kb.adjust(1)
    return kb.as_markup()


def kinds_keyboard(i18n: I18nContext) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for kind in MATERIAL_KINDS:
        kb.button(text=kind_label(i18n, kind), callback_data=MaterialKindCb(kind=kind))
    kb.adjust(2, 2, 1)
    return kb.as_markup()


def target_text(i18n: I18nContext, target: Target, zone: ZoneInfo) -> str:
    if target.session_id is None or target.session_starts_at is None:
        return i18n.get("materials-target-workshop", workshop=echo(target.workshop_title))
    return i18n.get(
        "materials-target-session",
        workshop=echo(target.workshop_title),
        topic=echo(target.session_topic or ""),
        when=format_datetime(i18n, target.session_starts_at, zone),
    )


def join_within(header: str, lines: Sequence[str], budget: int = TEXT_BUDGET) -> str:
    """The header and as many lines as fit into one message."""
    text = header
    for line in lines:
        if len(text) + 1 + len(line) > budget:
            break
        text += "\n" + line
    return text


def material_line(i18n: I18nContext, number: int, material: Material) -> str:
    return i18n.get(
        "materials-line",
        number=str(number),
        kind=kind_label(i18n, material.kind),
        title=echo(material.title, TITLE_SHOWN),
    )


async def _fail(
    query: CallbackQuery, i18n: I18nContext, exc: DomainError, answer: CallbackAnswer
) -> None:
    """A refused button: said in an alert, so the message it sits on stays as it was."""
    answer.text = i18n.get(exc.code)
    answer.show_alert = True


# ---------------------------------------------------------------- attaching a material


@router.callback_query(MaterialAddCb.filter())
async def add_start(
    query: CallbackQuery,
    callback_data: MaterialAddCb,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
    zone: ZoneInfo,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    session_id = callback_data.session_id or None
    try:
        target = await materials.target(actor, callback_data.workshop_id, session_id)
    except DomainError as exc:
        await _fail(query, i18n, exc, callback_answer)
        return
    await forms.reset(state)
    await state.update_data({WORKSHOP_KEY: target.workshop_id, SESSION_KEY: target.session_id})
    await state.set_state(MaterialAddForm.kind)
    # A new message: the card the button sits on stays as it was.
    await bot.send_message(
        query.from_user.id,
        i18n.get("materials-add-kind", target=target_text(i18n, target, zone)),
        reply_markup=kinds_keyboard(i18n),
    )


@router.callback_query(
    StateFilter(MaterialAddForm.kind, MaterialAddForm.content), MaterialKindCb.filter()
)
async def kind_chosen(
    query: CallbackQuery,
    callback_data: MaterialKindCb,
    state: FSMContext,
    i18n: I18nContext,
    callback_answer: CallbackAnswer,
) -> None:
    kind = callback_data.kind
    if kind not in MATERIAL_KINDS:
        callback_answer.text = i18n.get("error-stale-button")
        return
    await state.update_data({KIND_KEY: kind})
    await state.set_state(MaterialAddForm.content)
    await show(query, _ask_content(i18n, kind))


def _ask_content(i18n: I18nContext, kind: str) -> str:
    if kind == LINK_KIND:
        return i18n.get("materials-ask-url")
    return i18n.get("materials-ask-file", kind=kind_label(i18n, kind))


@router.message(MaterialAddForm.kind, NOT_COMMAND)
async def kind_expected(message: Message, i18n: I18nContext) -> None:
    await message.answer(i18n.get("materials-expected-kind"), reply_markup=kinds_keyboard(i18n))


def _file_of(message: Message) -> tuple[str, str] | None:
    if message.document is not None:
        return message.document.file_id, "document"
    if message.video is not None:
        return message.video.file_id, "video"
    if message.photo:
        return message.photo[-1].file_id, "photo"
    return None


@router.message(MaterialAddForm.content, NOT_COMMAND)
async def content_received(message: Message, state: FSMContext, i18n: I18nContext) -> None:
    kind = (await state.get_data()).get(KIND_KEY)
    if kind not in MATERIAL_KINDS:
        await forms.reset(state)
        await message.answer(i18n.get("materials-add-expired"))
        return
    if kind == LINK_KIND:
        if not message.text:
            await message.answer(
                i18n.get("materials-expected-url"), reply_markup=kinds_keyboard(i18n)
            )
            return
        try:
            url = normalize_url(message.text)
        except DomainError as exc:
            await message.answer(i18n.get(exc.code))
            return
        await state.update_data({URL_KEY: url, FILE_KEY: None, FILE_TYPE_KEY: None})
    else:
        found = _file_of(message)
        if found is None:
            await message.answer(
                i18n.get("materials-expected-file"), reply_markup=kinds_keyboard(i18n)
            )
            return
        file_id, file_type = found
        await state.update_data({FILE_KEY: file_id, FILE_TYPE_KEY: file_type, URL_KEY: None})
    await state.set_state(MaterialAddForm.title)
    await message.answer(i18n.get("materials-ask-title"))


@router.message(MaterialAddForm.title, NOT_COMMAND)
async def title_received(
    message: Message,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
    zone: ZoneInfo,
) -> None:
    if not message.text:
        await message.answer(i18n.get("materials-expected-title"))
        return
    data = await state.get_data()
    workshop_id, kind = data.get(WORKSHOP_KEY), data.get(KIND_KEY)
    if not isinstance(workshop_id, int) or kind not in MATERIAL_KINDS:
        await forms.reset(state)
        await message.answer(i18n.get("materials-add-expired"))
        return
    session_id = data.get(SESSION_KEY)
    session_id = session_id if isinstance(session_id, int) else None
    try:
        target = await materials.target(actor, workshop_id, session_id)
        material = await materials.add(
            actor,
            workshop_id,
            session_id,
            kind=str(kind),
            title=message.text,
            file_id=data.get(FILE_KEY),
            file_type=data.get(FILE_TYPE_KEY),
            url=data.get(URL_KEY),
        )
    except DomainError as exc:
        if not isinstance(exc, InvalidTitle):
            # Refused for good (no longer the leader, the session is gone): leave the form.
            await forms.reset(state)
        await message.answer(i18n.get(exc.code))
        return
    await forms.reset(state)
    await message.answer(
        i18n.get(
            "materials-saved",
            kind=kind_label(i18n, material.kind),
            title=echo(material.title),
            target=target_text(i18n, target, zone),
        ),
        reply_markup=open_keyboard([material]),
    )


# ---------------------------------------------------------------- the archive


@router.message(Command("materials"))
async def archive_command(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
) -> None:
    if not actor.registered:
        await message.answer(i18n.get("error-not-registered"))
        return
    await forms.reset(state)
    await state.set_state(MaterialSearchForm.words)
    if command.args and command.args.strip():
        await show_search(message, i18n, actor, materials, command.args)
        return
    await show_archive(message, i18n, actor, materials, 0)


@router.message(MaterialSearchForm.words, NOT_COMMAND)
async def words_received(
    message: Message, i18n: I18nContext, actor: Actor, materials: MaterialService
) -> None:
    if not message.text or not message.text.strip():
        await message.answer(i18n.get("materials-expected-words"))
        return
    await show_search(message, i18n, actor, materials, message.text)


async def show_search(
    message: Message, i18n: I18nContext, actor: Actor, materials: MaterialService, words: str
) -> None:
    query = " ".join(words.split())
    try:
        found = await materials.search(actor, query)
    except DomainError as exc:
        await message.answer(i18n.get(exc.code))
        return
    if not found:
        await message.answer(i18n.get("materials-search-empty", query=echo(query, 100)))
        return
    header = i18n.get("materials-search-found", query=echo(query, 100), count=len(found))
    lines = [_search_line(i18n, number, item) for number, item in enumerate(found, 1)]
    await message.answer(
        join_within(header, lines), reply_markup=open_keyboard([i.material for i in found])
    )


def _search_line(i18n: I18nContext, number: int, item: MaterialItem) -> str:
    return i18n.get(
        "materials-search-line",
        number=str(number),
        kind=kind_label(i18n, item.material.kind),
        title=echo(item.material.title, TITLE_SHOWN),
        workshop=echo(item.workshop_title, 60),
    )


async def show_archive(
    event: Event, i18n: I18nContext, actor: Actor, materials: MaterialService, page: int
) -> None:
    try:
        result = await materials.workshop_page(actor, page)
    except DomainError as exc:
        await show(event, i18n.get(exc.code))
        return
    if not result.items:
        await show(event, i18n.get("materials-archive-empty"))
        return
    kb = InlineKeyboardBuilder()
    for item in result.items:
        kb.button(
            text=f"{short(item.title, 50)} ({item.materials})",
            callback_data=MaterialWorkshopCb(id=item.id, page=result.page),
        )
    sizes = [1] * len(result.items)
    nav = 0
    if result.page > 0:
        kb.button(text="◀️", callback_data=MaterialPageCb(page=result.page - 1))
        nav += 1
    if result.page < result.pages - 1:
        kb.button(text="▶️", callback_data=MaterialPageCb(page=result.page + 1))
        nav += 1
    if nav:
        sizes.append(nav)
    kb.adjust(*sizes)
    text = i18n.get("materials-archive", page=result.page + 1, pages=result.pages)
    await show(event, text, kb.as_markup())


@router.callback_query(MaterialPageCb.filter())
async def archive_page(
    query: CallbackQuery,
    callback_data: MaterialPageCb,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
) -> None:
    await show_archive(query, i18n, actor, materials, callback_data.page)


@router.callback_query(MaterialWorkshopCb.filter())
async def workshop_months(
    query: CallbackQuery,
    callback_data: MaterialWorkshopCb,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
    zone: ZoneInfo,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        found = await materials.months(actor, callback_data.id, zone)
    except DomainError as exc:
        await _fail(query, i18n, exc, callback_answer)
        return
    page = callback_data.page
    kb = InlineKeyboardBuilder()
    for group in found.months:
        kb.button(
            text=i18n.get(
                "materials-month-button",
                month=i18n.get(f"month-{group.month}"),
                year=str(group.year),
                count=group.count,
            ),
            callback_data=MaterialMonthCb(
                workshop_id=found.workshop_id, year=group.year, month=group.month, page=page
            ),
        )
    kb.button(text=i18n.get("button-back"), callback_data=MaterialPageCb(page=page))
    kb.adjust(1)
    text = i18n.get("materials-months", workshop=echo(found.title))
    await show(query, text, kb.as_markup())


@router.callback_query(MaterialMonthCb.filter())
async def month_materials(
    query: CallbackQuery,
    callback_data: MaterialMonthCb,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
    zone: ZoneInfo,
    callback_answer: CallbackAnswer,
) -> None:
    data = callback_data
    if not 1 <= data.month <= 12:
        callback_answer.text = i18n.get("error-stale-button")
        return
    try:
        found = await materials.month(actor, data.workshop_id, data.year, data.month, zone)
    except DomainError as exc:
        await _fail(query, i18n, exc, callback_answer)
        return
    back = MaterialWorkshopCb(id=found.workshop_id, page=data.page)
    month = i18n.get(f"month-{found.month}")
    if not found.materials:
        await show(
            query,
            i18n.get("materials-month-empty"),
            open_keyboard([], back=back, back_text=i18n.get("button-back")),
        )
        return
    header = i18n.get(
        "materials-month", workshop=echo(found.title), month=month, year=str(found.year)
    )
    lines = [material_line(i18n, n, m) for n, m in enumerate(found.materials, 1)]
    markup = open_keyboard(found.materials, back=back, back_text=i18n.get("button-back"))
    await show(query, join_within(header, lines), markup)


@router.callback_query(MaterialOpenCb.filter())
async def open_material(
    query: CallbackQuery,
    callback_data: MaterialOpenCb,
    i18n: I18nContext,
    actor: Actor,
    materials: MaterialService,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        item = await materials.open(actor, callback_data.id)
    except DomainError as exc:
        await _fail(query, i18n, exc, callback_answer)
        return
    try:
        await send_material(bot, query.from_user.id, i18n, item)
    except TelegramBadRequest as exc:
        log.warning("material %s not sent: %s", item.material.id, exc.message)
        callback_answer.text = i18n.get("materials-open-failed")
        callback_answer.show_alert = True
    except TelegramAPIError as exc:
        log.warning("material %s not sent: %s", item.material.id, exc)
        callback_answer.text = i18n.get("materials-open-failed")
        callback_answer.show_alert = True


async def send_material(bot: Bot, chat_id: int, i18n: I18nContext, item: MaterialItem) -> None:
    """The file by its file_id with the title as caption, or the link as text."""
    material = item.material
    workshop = echo(item.workshop_title)
    if material.url:
        await bot.send_message(
            chat_id,
            i18n.get(
                "materials-link",
                title=echo(material.title),
                url=html.escape(material.url, quote=True),
                workshop=workshop,
            ),
            link_preview_options=LinkPreviewOptions(is_disabled=False),
        )
        return
    caption = i18n.get("materials-caption", title=echo(material.title), workshop=workshop)
    file_id = material.file_id or ""
    if material.file_type == "video":
        await bot.send_video(chat_id, file_id, caption=caption)
    elif material.file_type == "photo":
        await bot.send_photo(chat_id, file_id, caption=caption)
    else:
        await bot.send_document(chat_id, file_id, caption=caption)
