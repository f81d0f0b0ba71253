"""Behaviour of the fake Telegram server, checked through a real aiogram ``Bot``.

The e2e suite trusts this fake to say "no" wherever Telegram says "no"; these tests pin
that down, using the same HTTP client (aiogram's) that the bot under test uses.
"""

from __future__ import annotations

import asyncio
import sys
import textwrap
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
    Message,
    Update,
)

from .botprocess import BotProcess
from .fake_telegram import (
    BOT_ID,
    BOT_USERNAME,
    CALLBACK_QUERY_INVALID,
    FakeTelegram,
    FakeUser,
    parse_html,
)

TOKEN = "123456:TEST-token"


class _QuickCloseSession(AiohttpSession):
    """aiogram's close() sleeps 250 ms for TLS shutdown; there is no TLS on localhost."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def make_bot(fake: FakeTelegram, timeout: float = 10.0) -> Bot:
    """A real aiogram Bot talking HTTP to the fake, exactly as the bot process does."""
    api = TelegramAPIServer.from_base(fake.base_url)
    return Bot(TOKEN, session=_QuickCloseSession(api=api, timeout=timeout))


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server
        assert server.internal_errors == []


@pytest_asyncio.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    client = make_bot(fake)
    yield client
    await client.session.close()


@pytest.fixture
def aida(fake: FakeTelegram) -> FakeUser:
    """A user who has started the bot (so her private chat is known)."""
    user = fake.user(1001, "Aida", language_code="kk", username="aida_t")
    fake.send_text(user, "/start")
    return user


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=text, callback_data=data)] for text, data in buttons
        ]
    )


async def raw_post(fake: FakeTelegram, method: str, **kwargs: object) -> tuple[int, dict]:
    """Talk to the fake without aiogram, to send what aiogram never would."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{fake.base_url}/bot{TOKEN}/{method}", **kwargs) as response,
    ):
        return response.status, await response.json()


# ===================================================================== identity & recording


@pytest.mark.asyncio
async def test_get_me_returns_the_fixed_bot_identity(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (BOT_ID, BOT_USERNAME, True)


@pytest.mark.asyncio
async def test_every_call_is_recorded_with_token_and_json_fields_decoded(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    await bot.send_message(aida.id, "Сәлем!", reply_markup=keyboard(("Иә", "yes")))

    call = fake.calls_of("sendMessage")[0]
    assert call.token == TOKEN
    assert call.params["chat_id"] == aida.id  # form field "1001" decoded to int
    assert call.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "Иә", "callback_data": "yes"}]]
    }
    assert call.status == 200
    assert call.response is not None
    assert call.response["ok"] is True
    assert call.time <= (call.answered_at or 0)


@pytest.mark.asyncio
async def test_an_unknown_method_is_answered_404(fake: FakeTelegram) -> None:
    status, body = await raw_post(fake, "sendTelepathy", data={"chat_id": "1"})
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert fake.errors[-1].method == "sendTelepathy"


@pytest.mark.asyncio
async def test_json_bodies_and_query_strings_are_accepted_and_method_names_are_case_insensitive(
    fake: FakeTelegram, aida: FakeUser
) -> None:
    status, body = await raw_post(fake, "sendmessage", json={"chat_id": aida.id, "text": "json"})
    assert status == 200
    assert body["result"]["text"] == "json"

    async with (
        aiohttp.ClientSession() as session,
        session.get(
            f"{fake.base_url}/bot{TOKEN}/sendMessage", params={"chat_id": aida.id, "text": "query"}
        ) as response,
    ):
        assert response.status == 200
    assert fake.texts_sent_to(aida) == ["json", "query"]


# ===================================================================== sending & validation


@pytest.mark.asyncio
async def test_a_send_to_a_chat_the_fake_never_saw_is_chat_not_found(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(555, "hello?")


@pytest.mark.asyncio
async def test_a_user_seen_only_in_a_group_cannot_be_messaged_first(
    fake: FakeTelegram, bot: Bot
) -> None:
    lurker = fake.user(2002, "Lurker")
    fake.group_message(-4001, lurker, "hi all")
    with pytest.raises(TelegramForbiddenError, match="can't initiate conversation"):
        await bot.send_message(lurker.id, "hi")


@pytest.mark.asyncio
async def test_a_sent_message_is_a_full_message_from_the_bot_with_ids_increasing_per_chat(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    first = await bot.send_message(aida.id, "one", reply_markup=keyboard(("A", "a")))
    second = await bot.send_message(aida.id, "two")

    assert second.message_id == first.message_id + 1
    assert first.from_user is not None
    assert first.from_user.id == BOT_ID
    assert first.chat.id == aida.id
    assert first.chat.type == "private"
    assert first.reply_markup is not None
    assert first.reply_markup.inline_keyboard[0][0].callback_data == "a"
    assert [c.text for c in fake.sent_to(aida)] == ["one", "two"]
    assert fake.last_message(aida)["text"] == "two"


@pytest.mark.asyncio
async def test_an_empty_text_is_refused(bot: Bot, aida: FakeUser) -> None:
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(aida.id, "")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(aida.id, "<b> </b>", parse_mode="HTML")


@pytest.mark.asyncio
async def test_text_is_measured_after_entity_parsing(bot: Bot, aida: FakeUser) -> None:
    await bot.send_message(aida.id, "<b>" + "ы" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(aida.id, "ы" * 4097)


@pytest.mark.asyncio
async def test_a_caption_over_1024_characters_is_refused(bot: Bot, aida: FakeUser) -> None:
    document = BufferedInputFile(b"a,b\n1,2\n", filename="report.csv")
    with pytest.raises(TelegramBadRequest, match="caption is too long"):
        await bot.send_document(aida.id, document, caption="x" * 1025)


@pytest.mark.asyncio
async def test_html_with_an_unclosed_tag_is_refused(bot: Bot, aida: FakeUser) -> None:
    with pytest.raises(TelegramBadRequest, match="can't parse entities: Can't find end tag"):
        await bot.send_message(aida.id, "<b>bold forever", parse_mode="HTML")


@pytest.mark.asyncio
async def test_html_with_an_unescaped_less_than_sign_is_refused(bot: Bot, aida: FakeUser) -> None:
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "" at byte offset 2'):
        await bot.send_message(aida.id, "1 < 2", parse_mode="HTML")


@pytest.mark.asyncio
async def test_html_with_mismatched_or_unsupported_tags_is_refused(
    bot: Bot, aida: FakeUser
) -> None:
    with pytest.raises(TelegramBadRequest, match='expected "</i>", found "</b>"'):
        await bot.send_message(aida.id, "<b><i>x</b></i>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "br"'):
        await bot.send_message(aida.id, "line<br>line", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match='must have class "tg-spoiler"'):
        await bot.send_message(aida.id, '<span class="red">x</span>', parse_mode="HTML")


def test_html_entities_use_utf16_offsets_and_telegram_escapes() -> None:
    text, entities = parse_html(
        '😀 <b>Қош</b> &lt;келдіңіз&gt; <a href="https://birgemiz.kz">сайт</a> &amp; '
        '<pre><code class="language-python">x = 1</code></pre>'
    )
    assert text == "😀 Қош <келдіңіз> сайт & x = 1"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 3},
        {"type": "text_link", "offset": 18, "length": 4, "url": "https://birgemiz.kz/"},
        {"type": "pre", "offset": 25, "length": 5, "language": "python"},
    ]


@pytest.mark.asyncio
async def test_markdown_v2_with_an_unescaped_reserved_character_is_refused(
    bot: Bot, aida: FakeUser
) -> None:
    with pytest.raises(TelegramBadRequest, match=r"Character '\.' is reserved"):
        await bot.send_message(aida.id, "Done.", parse_mode="MarkdownV2")
    message = await bot.send_message(aida.id, r"*Done*\.", parse_mode="MarkdownV2")
    assert message.text == "Done."


@pytest.mark.asyncio
async def test_callback_data_over_64_bytes_of_utf8_is_refused(bot: Bot, aida: FakeUser) -> None:
    await bot.send_message(aida.id, "ok", reply_markup=keyboard(("ok", "ы" * 32)))  # 64 bytes
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(aida.id, "too long", reply_markup=keyboard(("x", "ы" * 33)))


@pytest.mark.asyncio
async def test_empty_callback_data_is_refused(bot: Bot, aida: FakeUser) -> None:
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(aida.id, "empty", reply_markup=keyboard(("x", "")))


@pytest.mark.asyncio
async def test_malformed_reply_markup_json_is_refused(fake: FakeTelegram, aida: FakeUser) -> None:
    form = {"chat_id": str(aida.id), "text": "hi", "reply_markup": '{"inline_keyboard": [[{'}
    status, body = await raw_post(fake, "sendMessage", data=form)
    assert status == 400
    assert body["description"] == "Bad Request: can't parse reply keyboard markup JSON object"
    assert fake.errors[-1].params["reply_markup"] == form["reply_markup"]  # kept raw


# ===================================================================== editing & deleting


@pytest.mark.asyncio
async def test_editing_a_message_that_does_not_exist_is_refused(bot: Bot, aida: FakeUser) -> None:
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("new", chat_id=aida.id, message_id=999)


@pytest.mark.asyncio
async def test_editing_with_identical_text_and_markup_is_not_modified(
    bot: Bot, aida: FakeUser
) -> None:
    sent = await bot.send_message(
        aida.id, "<b>Menu</b>", parse_mode="HTML", reply_markup=keyboard(("A", "a"))
    )
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            "<b>Menu</b>",
            chat_id=aida.id,
            message_id=sent.message_id,
            parse_mode="HTML",
            reply_markup=keyboard(("A", "a")),
        )


@pytest.mark.asyncio
async def test_an_edit_without_reply_markup_removes_the_inline_keyboard(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    sent = await bot.send_message(aida.id, "Choose", reply_markup=keyboard(("A", "a")))
    await bot.edit_message_text("Chosen: A", chat_id=aida.id, message_id=sent.message_id)
    current = fake.message(aida, sent.message_id)
    assert current is not None
    assert "reply_markup" not in current
    assert current["text"] == "Chosen: A"
    assert "edit_date" in current

    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=aida.id, message_id=sent.message_id)


@pytest.mark.asyncio
async def test_a_deleted_message_can_be_neither_edited_nor_deleted_again(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    sent = await bot.send_message(aida.id, "temporary")
    assert await bot.delete_message(aida.id, sent.message_id) is True
    assert fake.message(aida, sent.message_id) is None
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(aida.id, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=aida.id, message_id=sent.message_id)


@pytest.mark.asyncio
async def test_a_users_message_cannot_be_edited_by_the_bot(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    user_message = fake.messages[aida.id][0]
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("x", chat_id=aida.id, message_id=user_message["message_id"])


# ===================================================================== blocked users, migration


@pytest.mark.asyncio
async def test_a_blocked_user_gets_403_until_unblocked(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    sent = await bot.send_message(aida.id, "before")
    fake.block(aida)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(aida.id, "after")
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.edit_message_text("edit", chat_id=aida.id, message_id=sent.message_id)
    with pytest.raises(TelegramForbiddenError):
        await bot.copy_message(aida.id, aida.id, sent.message_id)
    assert fake.errors[-1].status == 403

    fake.unblock(aida)
    await bot.send_message(aida.id, "welcome back")


@pytest.mark.asyncio
async def test_a_my_chat_member_kicked_update_blocks_the_user_as_on_telegram(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    fake.my_chat_member(aida, "member", "kicked")
    assert aida.id in fake.blocked_users
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(aida.id, "still there?")
    fake.my_chat_member(aida, "kicked", "member")
    await bot.send_message(aida.id, "hello again")


@pytest.mark.asyncio
async def test_a_send_to_a_migrated_group_points_to_the_new_supergroup(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    fake.group_message(-4001, aida, "hello group")
    fake.migrate_group(-4001, -1004001)
    with pytest.raises(TelegramMigrateToChat) as raised:
        await bot.send_message(-4001, "hi")
    assert raised.value.migrate_to_chat_id == -1004001
    assert fake.errors[-1].response == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: group chat was upgraded to a supergroup chat",
        "parameters": {"migrate_to_chat_id": -1004001},
    }
    await bot.send_message(-1004001, "hi supergroup")
    kinds = [list(u)[1] for u in fake.updates[-2:]]  # after update_id
    assert kinds == ["message", "message"]
    assert fake.updates[-1]["message"]["migrate_from_chat_id"] == -4001


# ===================================================================== rate limits


@pytest.mark.asyncio
async def test_a_fourth_message_within_a_second_to_a_private_chat_is_answered_429(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    for n in range(3):  # the default burst of 3
        await bot.send_message(aida.id, f"burst {n}")
    with pytest.raises(TelegramRetryAfter) as raised:
        await bot.send_message(aida.id, "one too many")
    assert raised.value.retry_after == 1
    assert fake.errors[-1].response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 1",
        "parameters": {"retry_after": 1},
    }
    hit = fake.rate_limit_hits[-1]
    assert (hit.chat_id, hit.retry_after, hit.reason) == (aida.id, 1, "private")


@pytest.mark.asyncio
async def test_without_burst_a_second_message_within_a_second_is_answered_429(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    fake.private_burst = 1
    await bot.send_message(aida.id, "first")
    with pytest.raises(TelegramRetryAfter) as raised:
        await bot.send_message(aida.id, "second")
    assert raised.value.retry_after == 1


@pytest.mark.asyncio
async def test_a_send_before_retry_after_expires_is_recorded_as_a_violation(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    fake.private_burst = 1
    await bot.send_message(aida.id, "first")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(aida.id, "too soon")
    assert fake.retry_after_violations == []

    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(aida.id, "ignoring retry_after")
    violation = fake.retry_after_violations[-1]
    assert (violation.chat_id, violation.scope) == (aida.id, "chat")
    assert 0 < violation.early_by <= 1


@pytest.mark.asyncio
async def test_a_send_after_retry_after_is_accepted_and_no_violation(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    fake.private_burst = 1
    await bot.send_message(aida.id, "first")
    with pytest.raises(TelegramRetryAfter) as raised:
        await bot.send_message(aida.id, "too soon")
    await asyncio.sleep(raised.value.retry_after + 0.05)
    await bot.send_message(aida.id, "patient")
    assert fake.retry_after_violations == []


@pytest.mark.asyncio
async def test_a_group_gets_429_after_its_per_minute_quota(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    fake.group_per_minute = 3
    fake.group_message(-4001, aida, "hi")
    for n in range(3):
        await bot.send_message(-4001, f"group {n}")
    with pytest.raises(TelegramRetryAfter) as raised:
        await bot.send_message(-4001, "group 3")
    assert 55 <= raised.value.retry_after <= 60
    assert fake.rate_limit_hits[-1].reason == "group"


@pytest.mark.asyncio
async def test_more_than_the_global_quota_per_second_across_chats_is_answered_429(
    fake: FakeTelegram, bot: Bot
) -> None:
    fake.global_per_second = 5
    users = [fake.user(3000 + n) for n in range(6)]
    for user in users:
        fake.send_text(user, "/start")
    for user in users[:5]:
        await bot.send_message(user.id, "broadcast")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(users[5].id, "broadcast")
    assert fake.rate_limit_hits[-1].reason == "global"
    assert fake.rate_limit_hits[-1].chat_id == users[5].id


@pytest.mark.asyncio
async def test_methods_that_send_nothing_do_not_count_towards_limits(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    fake.private_burst = 1
    for _ in range(5):
        await bot.send_chat_action(aida.id, "typing")
        await bot.set_my_commands([BotCommand(command="start", description="Бастау")])
        await bot.get_chat(aida.id)
    await bot.send_message(aida.id, "still allowed")
    assert fake.rate_limit_hits == []


@pytest.mark.asyncio
async def test_rate_limits_can_be_switched_off() -> None:
    async with FakeTelegram(rate_limits=False) as unlimited:
        client = make_bot(unlimited)
        user = unlimited.user(1)
        unlimited.send_text(user, "/start")
        for n in range(40):
            await client.send_message(user.id, f"spam {n}")
        assert unlimited.rate_limit_hits == []
        await client.session.close()


# ===================================================================== fault injection


@pytest.mark.asyncio
async def test_injected_errors_fail_the_next_calls_then_stop(fake: FakeTelegram, bot: Bot) -> None:
    fake.inject_errors("getMe", 502, count=2)
    for _ in range(2):
        with pytest.raises(TelegramServerError, match="Bad Gateway"):
            await bot.get_me()
    assert (await bot.get_me()).id == BOT_ID
    assert [c.status for c in fake.calls_of("getMe")] == [502, 502, 200]


@pytest.mark.asyncio
async def test_an_injected_non_json_gateway_page_cannot_be_decoded(
    fake: FakeTelegram, bot: Bot
) -> None:
    fake.inject_errors("getMe", 502, raw_body="<html><body>502 Bad Gateway</body></html>")
    with pytest.raises(ClientDecodeError):
        await bot.get_me()


@pytest.mark.asyncio
async def test_an_injected_429_is_a_flood_wait_whose_early_retry_is_a_violation(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    fake.inject_errors("sendMessage", 429, retry_after=5)
    with pytest.raises(TelegramRetryAfter) as raised:
        await bot.send_message(aida.id, "first try")
    assert raised.value.retry_after == 5
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(aida.id, "retry at once")
    assert [hit.reason for hit in fake.rate_limit_hits] == ["injected", "still_limited"]
    assert len(fake.retry_after_violations) == 1


@pytest.mark.asyncio
async def test_a_delayed_answer_times_out_the_client_although_the_message_was_sent(
    fake: FakeTelegram, aida: FakeUser
) -> None:
    impatient = make_bot(fake, timeout=0.3)
    fake.delay("sendMessage", 1.0, count=1)
    with pytest.raises(TelegramNetworkError, match="timeout"):
        await impatient.send_message(aida.id, "slow")
    assert fake.texts_sent_to(aida) == ["slow"]  # a retry would duplicate it
    await impatient.session.close()


# ===================================================================== long polling


@pytest.mark.asyncio
async def test_get_updates_returns_as_soon_as_an_update_is_pushed(
    fake: FakeTelegram, bot: Bot
) -> None:
    user = fake.user(1001)
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await fake.wait_for(lambda c: c.method == "getUpdates" and c.pending)
    started = time.monotonic()
    fake.send_text(user, "hello")
    updates = await poll
    assert time.monotonic() - started < 0.5
    assert updates[0].message is not None
    assert updates[0].message.text == "hello"


@pytest.mark.asyncio
async def test_get_updates_waits_the_timeout_when_nothing_happens(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == []
    assert 0.9 <= time.monotonic() - started < 2


@pytest.mark.asyncio
async def test_updates_are_redelivered_until_confirmed_by_offset(
    fake: FakeTelegram, bot: Bot
) -> None:
    user = fake.user(1001)
    ids = [fake.send_text(user, f"m{n}") for n in range(3)]

    first = await bot.get_updates(limit=2)
    assert [u.update_id for u in first] == ids[:2]
    again = await bot.get_updates()
    assert [u.update_id for u in again] == ids  # nothing confirmed yet
    rest = await bot.get_updates(offset=ids[1] + 1)
    assert [u.update_id for u in rest] == ids[2:]
    assert [u["update_id"] for u in fake.pending_updates] == ids[2:]


@pytest.mark.asyncio
async def test_allowed_updates_filters_what_is_delivered(fake: FakeTelegram, bot: Bot) -> None:
    user = fake.user(1001)
    fake.send_text(user, "text")
    fake.my_chat_member(user, "member", "kicked")
    updates = await bot.get_updates(allowed_updates=["my_chat_member"])
    assert [u.my_chat_member is not None for u in updates] == [True]


@pytest.mark.asyncio
async def test_a_second_poller_terminates_the_first_with_409(fake: FakeTelegram, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await fake.wait_for(lambda c: c.method == "getUpdates" and c.pending)
    second = asyncio.create_task(bot.get_updates(timeout=1))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates"):
        await first
    assert await second == []


# ===================================================================== driving a real dispatcher


@pytest.mark.asyncio
async def test_a_command_gets_a_bot_command_entity_as_telegram_adds_it(
    fake: FakeTelegram,
) -> None:
    user = fake.user(1001)
    update_id = fake.send_text(user, "/start s42")
    update = Update.model_validate(fake.updates[-1])
    assert update.update_id == update_id
    assert update.message is not None
    assert update.message.entities is not None
    entity = update.message.entities[0]
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 6)
    assert update.message.from_user is not None
    assert update.message.from_user.is_bot is False


@pytest.mark.asyncio
async def test_a_polling_dispatcher_can_be_driven_like_a_user_would(
    fake: FakeTelegram, bot: Bot
) -> None:
    dispatcher = Dispatcher()

    @dispatcher.message(CommandStart())
    async def start(message: Message, command: CommandObject) -> None:
        await message.answer(
            f"Welcome, {command.args}",
            reply_markup=keyboard(("Мектеп 1", "school:1"), ("Мектеп 2", "school:2")),
        )

    @dispatcher.callback_query(F.data.startswith("school:"))
    async def chose(query: CallbackQuery) -> None:
        await query.answer("Saved")
        assert isinstance(query.message, Message)
        await query.message.edit_text(f"School {query.data}")

    polling = asyncio.create_task(dispatcher.start_polling(bot, handle_signals=False))
    try:
        user = fake.user(1001, "Aida")
        await fake.wait_for(lambda c: c.method == "getUpdates")
        fake.send_text(user, "/start s42")
        menu = await fake.wait_for_message(user, contains="Welcome, s42")
        assert fake.buttons(menu) == [("Мектеп 1", "school:1"), ("Мектеп 2", "school:2")]

        query_id = fake.press(user, menu, fake.button_data(menu, "2"))
        answer = await fake.wait_callback_answered(query_id)
        assert answer["text"] == "Saved"
        edited = await fake.wait_for_message(user, contains="school:2", include_edits=True)
        assert edited["message_id"] == menu["message_id"]
        assert "reply_markup" not in fake.last_message(user)
    finally:
        await dispatcher.stop_polling()
        await polling


@pytest.mark.asyncio
async def test_a_callback_query_can_be_answered_once_and_only_while_fresh(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    fake.callback_timeout = 0.3
    menu = await bot.send_message(aida.id, "menu", reply_markup=keyboard(("A", "a")))
    query_id = fake.press(aida, menu.message_id, "a")
    assert await bot.answer_callback_query(query_id) is True
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(TelegramBadRequest, match="query ID is invalid"):
        await bot.answer_callback_query("12345")

    stale = fake.press(aida, menu.message_id, "a")
    await asyncio.sleep(0.35)
    with pytest.raises(TelegramBadRequest):
        await bot.answer_callback_query(stale)
    assert fake.errors[-1].description == CALLBACK_QUERY_INVALID
    assert set(fake.callback_answers) == {query_id}


@pytest.mark.asyncio
async def test_pressing_a_button_the_message_does_not_have_is_a_test_error(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    menu = await bot.send_message(aida.id, "menu", reply_markup=keyboard(("A", "a")))
    with pytest.raises(AssertionError, match="no button with callback_data 'b'"):
        fake.press(aida, menu.message_id, "b")
    with pytest.raises(AssertionError, match=r"several buttons|no button"):
        fake.button_data(fake.last_message(aida), "Z")


@pytest.mark.asyncio
async def test_wait_for_times_out_with_the_recent_calls_listed(
    fake: FakeTelegram, bot: Bot
) -> None:
    await bot.get_me()
    with pytest.raises(AssertionError, match=r"(?s)no recorded call matched.*getMe -> 200"):
        await fake.wait_for(lambda c: c.method == "sendMessage", timeout=0.2)


@pytest.mark.asyncio
async def test_every_kind_of_pushed_update_parses_as_an_aiogram_update(
    fake: FakeTelegram,
) -> None:
    user = fake.user(1001, "Aida", username="aida_t")
    fake.send_text(user, "hello")
    fake.send_sticker(user)
    fake.send_photo(user, caption="look")
    fake.send_document(user, "plan.pdf", b"%PDF plan")
    fake.send_contact(user)
    fake.edit_text(user, 1, "hello, edited")
    fake.channel_post(-1007001, "news")
    fake.group_message(-4001, user, "/help@birgemiz_test_bot")
    fake.my_chat_member(user, "member", "kicked")
    fake.chat_member(-4001, user, "member", "left")
    fake.push_update(
        {"message": {"chat": user.private_chat(), "from": user.to_dict(), "text": "raw"}}
    )

    kinds = []
    for raw in fake.updates:
        update = Update.model_validate(raw)
        kinds.append(update.event_type)
    assert kinds == [
        "message",
        "message",
        "message",
        "message",
        "message",
        "edited_message",
        "channel_post",
        "message",
        "my_chat_member",
        "chat_member",
        "message",
    ]
    ids = [u["update_id"] for u in fake.updates]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


# ===================================================================== other methods


@pytest.mark.asyncio
async def test_commands_are_stored_per_scope_and_language(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    await bot.set_my_commands([BotCommand(command="start", description="Бастау")])
    await bot.set_my_commands(
        [BotCommand(command="start", description="Начать")], language_code="ru"
    )
    await bot.set_my_commands(
        [BotCommand(command="admin", description="Админ")],
        scope=BotCommandScopeChat(chat_id=aida.id),
    )

    assert [c.description for c in await bot.get_my_commands()] == ["Бастау"]
    assert [c.description for c in await bot.get_my_commands(language_code="ru")] == ["Начать"]
    assert fake.get_commands({"type": "chat", "chat_id": aida.id}) == [
        {"command": "admin", "description": "Админ"}
    ]
    await bot.delete_my_commands(language_code="ru")
    assert await bot.get_my_commands(language_code="ru") == []


@pytest.mark.asyncio
async def test_invalid_command_names_and_descriptions_are_refused(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Start", description="x")])
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="a" * 33, description="x")])
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_DESCRIPTION_INVALID"):
        await bot.set_my_commands([BotCommand(command="start", description="x" * 257)])


@pytest.mark.asyncio
async def test_the_menu_button_is_stored(fake: FakeTelegram, bot: Bot) -> None:
    assert await bot.set_chat_menu_button(menu_button=MenuButtonCommands()) is True
    assert fake.menu_buttons[None] == {"type": "commands"}


@pytest.mark.asyncio
async def test_documents_photos_copies_and_forwards_are_real_messages(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    fake.rate_limits = False  # four sends in a row to one chat
    report = await bot.send_document(
        aida.id,
        BufferedInputFile(b"a;b\n", filename="report.csv"),
        caption="<b>Есеп</b>",
        parse_mode="HTML",
    )
    assert report.document is not None
    assert report.document.file_name == "report.csv"
    assert report.caption == "Есеп"
    assert fake.file_content(report.document.file_id) == b"a;b\n"

    photo = await bot.send_photo(aida.id, BufferedInputFile(b"jpg", "p.jpg"))
    assert photo.photo is not None
    assert photo.photo[-1].width == 800

    copied = await bot.copy_message(aida.id, aida.id, report.message_id, caption="copy")
    assert fake.message(aida, copied.message_id)["caption"] == "copy"
    forwarded = await bot.forward_message(aida.id, aida.id, fake.messages[aida.id][0]["message_id"])
    assert forwarded.forward_origin is not None
    assert forwarded.forward_origin.type == "user"
    assert [c.method for c in fake.sent_to(aida)] == [
        "sendDocument",
        "sendPhoto",
        "copyMessage",
        "forwardMessage",
    ]


@pytest.mark.asyncio
async def test_a_file_a_user_sent_can_be_downloaded(fake: FakeTelegram, bot: Bot) -> None:
    user = fake.user(1001)
    fake.send_document(user, "plan.pdf", b"%PDF plan")
    document = fake.updates[-1]["message"]["document"]
    downloaded = await bot.download(document["file_id"])
    assert downloaded is not None
    assert downloaded.read() == b"%PDF plan"


@pytest.mark.asyncio
async def test_chat_lookups_and_leaving_a_group(
    fake: FakeTelegram, bot: Bot, aida: FakeUser
) -> None:
    fake.group_message(-4001, aida, "hi", title="Мұғалімдер")
    chat = await bot.get_chat(-4001)
    assert (chat.type, chat.title) == ("group", "Мұғалімдер")
    member = await bot.get_chat_member(-4001, aida.id)
    assert member.status == "member"
    fake.set_member_status(-4001, aida, "administrator")
    assert (await bot.get_chat_member(-4001, aida.id)).status == "administrator"
    assert await bot.send_chat_action(-4001, "typing") is True

    assert await bot.leave_chat(-4001) is True
    with pytest.raises(TelegramForbiddenError, match="bot is not a member of the group chat"):
        await bot.send_message(-4001, "still here?")
    with pytest.raises(TelegramBadRequest, match="can't be changed in private chats"):
        await bot.leave_chat(aida.id)


@pytest.mark.asyncio
async def test_an_unknown_token_is_refused_when_the_fake_expects_one() -> None:
    async with FakeTelegram(token="999:OTHER") as strict:
        client = make_bot(strict)
        with pytest.raises(Exception, match="Unauthorized"):
            await client.get_me()
        await client.session.close()


# ===================================================================== BotProcess

STAND_IN_BOT = textwrap.dedent(
    """
    import json, os, signal, sys, urllib.parse, urllib.request

    stopping = False

    def on_sigterm(signum, frame):
        global stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_sigterm)
    base = os.environ["TELEGRAM_API_URL"] + "/bot" + os.environ["BOT_TOKEN"] + "/"

    def call(method, **params):
        data = urllib.parse.urlencode(params).encode()
        with urllib.request.urlopen(base + method, data=data, timeout=10) as response:
            return json.load(response)["result"]

    print("stand-in bot is", call("getMe")["username"], flush=True)
    while not stopping:
        call("getUpdates", timeout=1)
    print("stand-in bot stopped cleanly", flush=True)
    """
)

IGNORES_SIGTERM = "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n" + (
    "print('ignoring SIGTERM', flush=True)\ntime.sleep(60)\n"
)


def stand_in(fake: FakeTelegram, script: str, tmp_path: Path) -> BotProcess:
    return BotProcess(
        {"BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": fake.base_url},
        argv=[sys.executable, "-c", script],
        log_dir=tmp_path,
    )


@pytest.mark.asyncio
async def test_a_bot_process_is_up_once_it_polls_and_stops_cleanly_on_sigterm(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    process = stand_in(fake, STAND_IN_BOT, tmp_path)
    await process.start()
    await fake.wait_for(lambda c: c.method == "getUpdates")
    assert process.running
    assert await process.stop() == 0
    assert "stand-in bot is birgemiz_test_bot" in process.log_text()
    assert "stopped cleanly" in process.log_text()


@pytest.mark.asyncio
async def test_a_killed_bot_process_dies_at_once(fake: FakeTelegram, tmp_path: Path) -> None:
    process = stand_in(fake, STAND_IN_BOT, tmp_path)
    await process.start()
    await fake.wait_for(lambda c: c.method == "getUpdates")
    process.kill()
    assert await process.wait() == -9
    assert "stopped cleanly" not in process.log_text()
    # Its pending long poll is answered into the void: recorded, but not an error.
    orphan = await fake.wait_for(lambda c: c.method == "getUpdates" and c.abandoned, timeout=3)
    assert orphan.status == 200
    assert fake.errors == []


@pytest.mark.asyncio
async def test_a_bot_process_that_ignores_sigterm_fails_loudly_and_is_killed(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    process = stand_in(fake, IGNORES_SIGTERM, tmp_path)
    await process.start()
    for _ in range(100):
        if "ignoring SIGTERM" in process.log_text():
            break
        await asyncio.sleep(0.02)
    with pytest.raises(AssertionError, match=r"(?s)did not exit within 0.5s.*ignoring SIGTERM"):
        await process.stop(timeout=0.5)
    assert process.returncode == -9
