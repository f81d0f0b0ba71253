"""A coordinator's broadcast through the delivery engine, against Telegram's limits."""

from __future__ import annotations

import time

from tests.e2e.conftest import RunningBot
from tests.e2e.conversation import joined
from tests.e2e.steps import coordinator, seed_teachers

TEACHERS = range(700_001, 700_201)
BLOCKED = set(range(700_001, 700_201, 20))  # ten of them


async def test_a_broadcast_reaches_everyone_once_despite_429s_502s_and_blocked_users(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    await seed_teachers(bot, [(i, f"Мұғалім {i}") for i in TEACHERS])
    for user_id in BLOCKED:
        fake.block(user_id)
    admin = await coordinator(bot)

    assert "Таратылатын хабарламаны жіберіңіз" in joined(await admin.say("/broadcast"))
    assert "кімдерге жібереміз" in joined(
        await admin.say("Құрметті әріптестер! 15 желтоқсанда онлайн-шеберхана өтеді.")
    )
    confirm = joined(await admin.tap("Барлық мұғалімдер"))
    assert "Барлығы 201 адам" in confirm  # the 200 teachers and the coordinator herself

    fake.inject_errors("copyMessage", 429, count=3, retry_after=2)
    fake.inject_errors("copyMessage", 502, count=4, description="Bad Gateway")
    started = time.monotonic()
    assert "таратылуда: 201 алушы" in joined(await admin.tap("Жіберу"))
    report = await fake.wait_for_message(admin.id, contains="таратылып болды", timeout=90)
    elapsed = time.monotonic() - started

    assert "Жеткізілді: 191 / 201" in report["text"]
    assert "Ботты бұғаттағандар: 10" in report["text"]
    for user_id in TEACHERS:
        copies = [c for c in fake.sent_to(user_id) if c.method == "copyMessage"]
        assert len(copies) == (0 if user_id in BLOCKED else 1), user_id
    assert fake.retry_after_violations == []
    inactive = bot.query("SELECT id FROM users WHERE is_active = 0 ORDER BY id")
    assert {row[0] for row in inactive} == BLOCKED
    assert elapsed < 60

    history = joined(await admin.say("/broadcasts"))
    assert "жеткізілді 191" in history
    assert "бұғаттағандар 10" in history


async def test_a_broadcast_can_be_stopped_midway_and_survives_a_restart(
    bot: RunningBot,
) -> None:
    fake = bot.fake
    await seed_teachers(bot, [(i, f"Учитель {i}") for i in range(800_001, 800_301)], language="ru")
    admin = await coordinator(bot)
    await admin.say("/language")
    await admin.tap("Русский")
    await admin.say("/broadcast")
    await admin.say("Уважаемые коллеги, методический час переносится.")
    await admin.tap("Все учителя")
    await admin.tap("Отправить")
    progress = fake.last_message(admin.id)

    await bot.restart()  # mid-broadcast: the rest goes out after the restart, nothing twice

    since = time.monotonic()
    await fake.wait_for(
        lambda c: c.method == "copyMessage" and c.ok, since=since, description="a copy"
    )
    stopped = joined(await admin.press(progress, fake.button_data(progress, "Остановить")))
    assert "Рассылка остановлена" in stopped
    report = await fake.wait_for_message(admin.id, contains="остановлена\n", timeout=30)
    delivered = sum(len(fake.sent_to(u)) for u in range(800_001, 800_301))
    assert f"Доставлено: {delivered} из 301" in report["text"]
    assert 0 < delivered < 300
    for user_id in range(800_001, 800_301):
        assert len(fake.sent_to(user_id)) <= 1, user_id
    assert fake.retry_after_violations == []
