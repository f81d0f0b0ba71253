"""Restarts, kills, blocked users and every kind of unexpected update."""

from __future__ import annotations

import asyncio
import time

from tests.e2e.conftest import RunningBot
from tests.e2e.conversation import joined


async def test_a_half_filled_form_survives_a_restart(bot: RunningBot) -> None:
    gulnar = bot.person(2001, "Гүлнар", "kk")
    await gulnar.say("/start")
    await gulnar.tap("Келісемін")
    await gulnar.say("Жақсылықова Гүлнар Асқарқызы")
    await gulnar.tap("Қостанай облысы")
    await gulnar.tap("Алтынсарин ауданы")

    await bot.restart()

    assert "Табылған мектептер саны: 1" in joined(await gulnar.say("Докучаев"))
    await gulnar.tap("Докучаев")
    await gulnar.tap("Химия")
    assert "Тіркелу аяқталды, Жақсылықова Гүлнар Асқарқызы!" in joined(await gulnar.tap("✅ Дайын"))


async def test_a_registration_survives_a_kill(bot: RunningBot) -> None:
    olga = bot.person(2002, "Ольга", "ru")
    await olga.say("/start")
    await olga.tap("✅ Согласен")
    await olga.say("Петрова Ольга Ивановна")
    await olga.tap("Жамбылская")

    await bot.crash_and_restart()  # SIGKILL mid-form: no chance to clean up

    await olga.tap("Шуский район")
    await olga.tap("Аспара")
    await olga.tap("Биология")
    await olga.tap("Готово")

    await bot.crash_and_restart()

    profile = joined(await olga.say("/profile"))
    assert "Петрова Ольга Ивановна" in profile
    assert "Средняя школа Аспара" in profile
    assert bot.query("SELECT count(*) FROM users WHERE id = 2002") == [(1,)]


async def test_sigterm_stops_the_bot_cleanly_within_ten_seconds(bot: RunningBot) -> None:
    started = time.monotonic()
    assert await bot.stop() == 0
    assert time.monotonic() - started < 10
    assert "stopped" in bot.process.log_text()


async def test_a_user_who_blocked_the_bot_is_marked_inactive_and_welcomed_back(
    bot: RunningBot,
) -> None:
    arman = bot.person(2003, "Арман", "kk")
    await arman.say("/start")
    await arman.tap("Келісемін")
    await arman.say("Сейітов Арман Болатұлы")
    await arman.tap("Жамбыл облысы")
    await arman.tap("Қордай ауданы")
    await arman.tap("Отар")
    await arman.tap("Физика")
    await arman.tap("✅ Дайын")

    # He blocks the bot just as it is about to answer him: Telegram says 403.
    bot.fake.block(arman.id)
    since = time.monotonic()
    bot.fake.send_text(arman.user, "/help")
    await bot.fake.wait_for(
        lambda c: c.chat_id == arman.id and c.status == 403, since=since, description="a 403"
    )
    await wait_until(lambda: bot.query("SELECT is_active FROM users WHERE id = 2003") == [(0,)])
    forbidden = [c for c in bot.fake.calls if c.chat_id == arman.id and c.status == 403]
    assert len(forbidden) == 1, "the bot must not keep writing to someone who blocked it"

    # Telegram's own notice that he blocked the bot changes nothing more.
    bot.fake.my_chat_member(arman.user, "member", "kicked")
    await asyncio.sleep(0.5)
    assert bot.query("SELECT is_active FROM users WHERE id = 2003") == [(0,)]

    # He unblocks and writes again: active, and answered.
    bot.fake.unblock(arman.id)
    bot.fake.my_chat_member(arman.user, "kicked", "member")
    assert "Қайта қош келдіңіз" in joined(await arman.say("/start"))
    assert bot.query("SELECT is_active FROM users WHERE id = 2003") == [(1,)]


async def test_every_kind_of_unexpected_update_gets_an_answer_or_is_ignored_safely(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    nurlan = bot.person(2004, "Нұрлан", "kk")
    await nurlan.say("/start")
    consent_message = nurlan.last()

    # Data that the bot never issued, and data that is not even ours.
    assert "Бұл батырма ескірген" in joined(
        await nurlan.press(consent_message, "sch:999999", strict=False)
    )
    assert "Бұл батырма ескірген" in joined(
        await nurlan.press(consent_message, "garbage:::\u0000", strict=False)
    )
    # Text where a button is expected.
    assert "батырмалардың бірін таңдаңыз" in joined(await nurlan.say("иә"))

    await nurlan.tap("Келісемін")
    # A sticker, a photo and a document where the name is expected.
    for send in (fake.send_sticker, fake.send_photo, fake.send_document):
        since = time.monotonic()
        send(nurlan.user)
        answer = joined([c.text or "" for c in await nurlan.settle(since) if c.ok])
        assert "мәтін жазу керек" in answer
    # 4,096 characters of text as a name.
    assert "кемінде екі сөзбен" in joined(await nurlan.say("а" * 4096))
    # HTML-looking input is shown back safely (the fake refuses HTML that does not parse).
    assert "кемінде екі сөзбен" in joined(await nurlan.say("<b>Иванов</b> <i"))
    # An edited message.
    since = time.monotonic()
    fake.edit_text(nurlan.user, 1, "Түзетілген")
    assert "Өзгертілген хабарламаларды" in joined(
        [c.text or "" for c in await nurlan.settle(since)]
    )
    # Updates that are nobody's conversation: channel posts, group chatter, member changes.
    fake.channel_post(-1001234567890, "Арнадағы хабарлама")
    fake.group_message(-1009876543210, nurlan.user, "Сәлем, әріптестер!")
    since = time.monotonic()
    fake.group_message(-1009876543210, nurlan.user, "/start")
    fake.group_message(-1009876543210, nurlan.user, "/start@some_other_bot")
    pointed = await fake.wait_for_message(-1009876543210, contains="/start", since=since)
    assert "t.me/birgemiz_test_bot" in pointed["text"]
    fake.chat_member(-1009876543210, nurlan.user, "member", "left")
    fake.my_chat_member(nurlan.user, "member", "member")
    # An unknown command still gets directions.
    assert "Мұндай команда жоқ" in joined(await nurlan.say("/nonsense"))

    # The form is where it was: the name step still works.
    assert "Облысыңызды таңдаңыз" in joined(await nurlan.say("Әлиев Нұрлан Серікұлы"))

    refused = [c for c in fake.errors if c.status not in (429,)]
    assert refused == [], "\n".join(c.summary() for c in refused)
    unanswered = [
        u["callback_query"]["id"]
        for u in fake.updates
        if "callback_query" in u and u["callback_query"]["id"] not in fake.callback_answers
    ]
    assert unanswered == []
    assert fake.pending_updates == []
    assert len(fake.sent_to(-1009876543210)) == 1, "a command for another bot is not ours"


async def wait_until(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.1)
