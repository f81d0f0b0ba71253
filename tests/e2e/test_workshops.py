"""The online workshop end to end: propose → approve → schedule → sign up with a waitlist →
cancel → promotion → reminders on a moved clock, in Kazakh and Russian. The people are written
into the database as registered teachers: registering has scenarios of its own."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.settings import load_zone
from tests.e2e.conftest import ADMIN_ID, RunningBot
from tests.e2e.conversation import Person, joined
from tests.e2e.steps import seed_teachers

ALMATY = load_zone("Asia/Almaty")


async def pick_day(person: Person, day: datetime) -> list[str]:
    """Tap `day` in the form's calendar, which opens on this month in Almaty; the next month
    is turned to first when the day is there."""
    today = datetime.now(UTC).astimezone(ALMATY)
    if (day.year, day.month) != (today.year, today.month):
        await person.tap("▶️")
    calendar = person.last()
    days = person.fake.buttons(calendar)  # "07", or "[ 07 ]" for today
    data = next(d for text, d in days if d and text.strip("[] ") == f"{day:%d}")
    return await person.press(calendar, data)


async def russian(person: Person) -> None:
    await person.say("/language")
    await person.tap("Русский")


async def test_a_workshop_from_proposal_to_reminders(bot: RunningBot) -> None:
    fake = bot.fake
    admin = bot.person(ADMIN_ID, "Сара", "kk")
    await seed_teachers(bot, [(admin.id, "Бекова Сара Нұрланқызы")], school="Көкбастау")
    leader = bot.person(4001, "Асель", "kk")
    await seed_teachers(bot, [(leader.id, "Нұрланова Әсел Бекқызы")], school="Көкбастау")
    await admin.say("/grant 4001 leader")

    # The leader proposes a workshop.
    assert "атауын жазыңыз" in joined(await leader.say("/propose"))
    await leader.say("Жобалық оқыту арқылы функционалдық сауаттылық")
    await leader.tap("Математика")
    await leader.say("Оқушылар шағын топпен нақты өмірден алынған есептерді шешеді, зерттейді.")
    await leader.say("математика, 5–9 сыныптар")
    sent = joined(await leader.say("Қыркүйек: кіріспе. Қазан: жобалар. Қараша: бағалау."))
    assert "үйлестірушілерге жіберілді" in sent

    # The coordinator approves it; the leader hears about it.
    proposal = await fake.wait_for_message(admin.id, contains="Жаңа шеберхана ұсынысы")
    assert "Жобалық оқыту" in proposal["text"]
    await admin.tap("Мақұлдау", message=proposal)
    await fake.wait_for_message(leader.id, contains="Құттықтаймыз")

    # The leader schedules a session with one seat, three days from now at 15:00 local time.
    day = (datetime.now(UTC) + timedelta(days=3)).astimezone(ALMATY)
    await leader.say("/myworkshops")
    await leader.tap("Жобалық оқыту")
    assert "қай күні өтеді" in joined(await leader.tap("Отырыс жоспарлау"))
    assert "сағат нешеде" in joined(await pick_day(leader, day))
    assert "қанша уақытқа" in joined(await leader.tap("15:00"))
    await leader.tap("90 мин")
    await leader.say("https://meet.example.kz/birgemiz-math")
    await leader.say("1")
    done = joined(await leader.say("Сыни тұрғыдан ойлауды дамыту"))
    assert "жоспарланды" in done
    session_id = int(done.split("start=s")[1].split()[0])
    starts_at = datetime(day.year, day.month, day.day, 15, 0, tzinfo=ALMATY)

    # Two teachers: the first gets the seat, the second (Russian) the waitlist.
    aigerim = bot.person(4002, "Айгерім", "kk")
    await seed_teachers(bot, [(aigerim.id, "Сапарова Айгерім Ержанқызы")], school="Көкбастау")
    await aigerim.say("/sessions")
    await aigerim.tap("Жобалық оқыту")
    calls_before = len(fake.calls)
    await aigerim.tap("Жазылу")
    answer = [c for c in fake.calls[calls_before:] if c.method == "answerCallbackQuery"]
    assert answer[-1].params.get("text") == "Сіз отырысқа жазылдыңыз!"
    card = aigerim.with_button("Бас тарту")["text"]
    assert "https://meet.example.kz/birgemiz-math" in card  # the link, now that she is in
    assert "Орын жоқ, күту тізімінде: 0" in card
    plan = await fake.wait_for_message(aigerim.id, contains="шеберхананың жұмыс жоспары")
    assert "Қыркүйек: кіріспе" in plan["text"]
    ics = await fake.wait_for(
        lambda c: c.method == "sendDocument" and c.chat_id == aigerim.id and c.ok,
        description="the .ics file",
    )
    content = fake.file_content(ics.result["document"]["file_id"]) or b""
    assert b"BEGIN:VEVENT" in content
    assert f"DTSTART:{starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}".encode() in content

    olga = bot.person(4003, "Ольга", "kk")
    await seed_teachers(bot, [(olga.id, "Петрова Ольга Ивановна")], school="Көкбастау")
    await russian(olga)
    opened = joined(await olga.say(f"/start s{session_id}"))
    assert "Мест нет, в листе ожидания: 0" in opened
    assert "ссылка появится после записи" in opened
    await olga.tap("Записаться")
    assert "Вы в листе ожидания: место 1" in olga.with_button("Отказаться")["text"]

    # Aigerim gives up her seat: Olga gets it and is told, in Russian.
    await aigerim.tap("Бас тарту")
    promoted = await fake.wait_for_message(olga.id, contains="Освободилось место")
    assert "https://meet.example.kz/birgemiz-math" in promoted["text"]
    assert "Вы записаны" in joined(await olga.say("/my")) or "записан" in joined(
        await olga.say("/my")
    )

    # A day before: the reminder, in her language, exactly once — also across a restart.
    real_now = datetime.now(UTC)
    bot.travel((starts_at - timedelta(hours=23) - real_now).total_seconds())
    day_before = await fake.wait_for_message(olga.id, contains="Напоминание: завтра", timeout=20)
    assert "15:00" in day_before["text"]
    await bot.restart()
    bot.travel((starts_at - timedelta(minutes=50) - datetime.now(UTC)).total_seconds())
    await fake.wait_for_message(olga.id, contains="через час", timeout=20)
    await asyncio.sleep(3)  # a few more runs of the session job: nothing is sent again
    reminders = [t for t in fake.texts_sent_to(olga.id) if t.startswith("Напоминание")]
    assert len(reminders) == 2
    assert not [t for t in fake.texts_sent_to(aigerim.id) if t.startswith("Еске салу")]

    # The leader attaches a link to the session and marks who came.
    await leader.say("/myworkshops")
    await leader.tap("Жобалық оқыту")
    await leader.tap("Сыни тұрғыдан")
    await leader.tap("Материал қосу")
    await leader.tap("Сілтеме")
    await leader.say("https://video.example.kz/lesson-7")
    saved = joined(await leader.say("Бейнесабақ: 7-сыныптағы жоба"))
    assert "Материал сақталды" in saved
    await leader.say("/myworkshops")
    await leader.tap("Жобалық оқыту")
    await leader.tap("Сыни тұрғыдан")
    await leader.tap("Қатысуды белгілеу")
    marked = joined(await leader.tap("Петрова Ольга"))
    assert "Қатысқандар: 1 / 1" in marked

    # The session ends: materials and the feedback request reach Olga, in Russian.
    bot.travel((starts_at + timedelta(minutes=100) - datetime.now(UTC)).total_seconds())
    materials = await fake.wait_for_message(olga.id, contains="Бейнесабақ: 7-сыныптағы", timeout=20)
    assert any("video.example.kz" in (e.get("url") or "") for e in materials["entities"])
    ask = await fake.wait_for_message(olga.id, contains="Обратная связь", timeout=20)
    assert [text for text, _ in fake.buttons(ask)][:5] == ["1", "2", "3", "4", "5"]
    await olga.tap("5", message=ask)
    await olga.tap("Да, буду")
    thanks = joined(await olga.say("Очень полезно, попробую в 7 классе"))
    assert "Спасибо за обратную связь" in thanks

    # The leader reads the summary: the comment, without the name.
    await leader.say("/myworkshops")
    await leader.tap("Жобалық оқыту")
    await leader.tap("Сыни тұрғыдан")
    summary = joined(await leader.tap("Кері байланыс"))
    assert "жауап бергені: 1" in summary
    assert "Очень полезно, попробую в 7 классе" in summary
    assert "Петрова" not in summary

    # A day later nobody is nudged: the only participant has answered.
    bot.travel((starts_at + timedelta(hours=27) - datetime.now(UTC)).total_seconds())
    await asyncio.sleep(3)
    assert len([t for t in fake.texts_sent_to(olga.id) if "Обратная связь" in t]) == 1

    # The coordinator writes to those who attended the session, and only to them.
    await admin.say("/broadcast")
    await admin.say("Қатысқандарға рақмет! Келесі отырыс желтоқсанда.")
    await admin.tap("Отырыс қатысушылары")
    await admin.tap("Жобалық оқыту")
    assert "Барлығы 1 адам" in joined(await admin.tap("Қатысқандар"))
    await admin.tap("Жіберу")
    await fake.wait_for(
        lambda c: c.method == "copyMessage" and c.chat_id == olga.id and c.ok,
        description="the broadcast to the attendee",
    )
    await fake.wait_for_message(admin.id, contains="таратылып болды", timeout=30)
    assert not [c for c in fake.sent_to(aigerim.id) if c.method == "copyMessage"]
    refused = [c for c in fake.errors if c.status not in (429,)]
    assert refused == [], "\n".join(c.summary() for c in refused)


async def test_the_same_workshop_in_russian_with_a_check_in_code(bot: RunningBot) -> None:
    fake = bot.fake
    admin = bot.person(ADMIN_ID, "Сара", "ru")
    await seed_teachers(bot, [(admin.id, "Бекова Сара Нурлановна")], language="ru", school="Убаган")
    leader = bot.person(5001, "Игорь", "ru")
    await seed_teachers(
        bot, [(leader.id, "Ким Игорь Александрович")], language="ru", school="Убаган"
    )
    await admin.say("/grant 5001 leader")
    await fake.wait_for_message(leader.id, contains="новая роль")

    await leader.say("/propose")
    await leader.say("Исследование урока: Lesson Study в истории")
    await leader.tap("История")
    await leader.say(
        "Группа учителей планирует урок, наблюдает за учениками и обсуждает результат."
    )
    await leader.say("история, 7–11 классы")
    assert "отправлено координаторам" in joined(
        await leader.say("Сентябрь: планирование. Октябрь: открытый урок. Ноябрь: анализ.")
    )
    proposal = await fake.wait_for_message(admin.id, contains="Новое предложение шеберханы")
    await admin.tap("Одобрить", message=proposal)
    await fake.wait_for_message(leader.id, contains="Поздравляем")

    day = (datetime.now(UTC) + timedelta(days=5)).astimezone(ALMATY)
    starts_at = datetime(day.year, day.month, day.day, 11, 0, tzinfo=ALMATY)
    await leader.say("/myworkshops")
    await leader.tap("Исследование урока")
    await leader.tap("Запланировать занятие")
    await pick_day(leader, day)
    await leader.tap("11:00")
    await leader.tap("60 мин")
    await leader.say("Убаганская средняя школа, кабинет истории")
    await leader.tap("Без ограничений")
    done = joined(await leader.say("Открытый урок: Великий шёлковый путь"))
    assert "запланировано" in done
    # A second session in the same month is refused: the workshop meets once a month.
    await leader.say("/myworkshops")
    await leader.tap("Исследование урока")
    await leader.tap("Запланировать занятие")
    assert "раз в месяц" in joined(await pick_day(leader, day))  # refused at once

    teacher = bot.person(5002, "Дина", "ru")
    await seed_teachers(
        bot, [(teacher.id, "Смагулова Дина Ерлановна")], language="ru", school="Убаган"
    )
    await teacher.say("/sessions")
    await teacher.tap("Исследование урока")
    await teacher.tap("Записаться")
    assert "Вы записаны" in teacher.with_button("Отказаться")["text"]
    assert "Убаганская средняя школа, кабинет истории" in teacher.with_button("Отказаться")["text"]

    bot.travel((starts_at - timedelta(hours=20) - datetime.now(UTC)).total_seconds())
    await fake.wait_for_message(teacher.id, contains="Напоминание: завтра занятие", timeout=20)

    # During the lesson the leader opens a check-in code; the teacher sends it.
    bot.travel((starts_at + timedelta(minutes=10) - datetime.now(UTC)).total_seconds())
    await leader.say("/myworkshops")
    await leader.tap("Исследование урока")
    await leader.tap("Открытый урок")
    opened = joined(await leader.tap("Отметка по коду"))
    code = next(word for word in opened.split() if word.isdigit() and len(word) == 6)
    wrong = "111111" if code != "111111" else "222222"
    assert "Код неверный" in joined(await teacher.say(f"/checkin {wrong}"))
    assert "отмечено" in joined(await teacher.say(f"/checkin {code}"))

    bot.travel((starts_at + timedelta(minutes=70) - datetime.now(UTC)).total_seconds())
    ask = await fake.wait_for_message(teacher.id, contains="Обратная связь", timeout=20)
    await teacher.tap("4", message=ask)
    await teacher.tap("Буду применять частично")
    assert "Спасибо за обратную связь" in joined(await teacher.tap("Пропустить"))

    summary = joined(await admin.say(f"/feedback {done.split('start=s')[1].split()[0]}"))
    assert "ответили: 1" in summary
    assert "частично — 1" in summary
