"""A teacher registers through the real bot process and the Bot API wire format."""

from __future__ import annotations

from tests.e2e.conftest import RunningBot
from tests.e2e.conversation import Person, joined


async def register(
    person: Person,
    *,
    agree: str,
    name: str,
    region: str,
    district: str,
    search: str,
    school: str,
    subjects: list[str],
    done: str,
) -> list[str]:
    await person.say("/start")
    await person.tap(agree)
    await person.say(name)
    await person.tap(region)
    await person.tap(district)
    await person.say(search)
    await person.tap(school)
    for subject in subjects:
        await person.tap(subject)
    return await person.tap(done)


async def test_a_teacher_registers_in_kazakh(bot: RunningBot) -> None:
    aigul = bot.person(1001, "Айгүл", "kk")

    welcome = joined(await aigul.say("/start"))
    assert "Сәлеметсіз бе" in welcome
    assert "дербес деректеріңізді" in welcome
    assert "Келісемін" in " ".join(aigul.buttons())

    assert "Аты-жөніңізді толық жазыңыз" in joined(await aigul.tap("Келісемін"))
    assert "Облысыңызды таңдаңыз" in joined(await aigul.say("Ахметова Айгүл Серікқызы"))
    assert "ауданыңызды немесе қалаңызды" in joined(await aigul.tap("Жамбыл облысы"))
    assert "мектебіңізді таңдаңыз" in joined(await aigul.tap("Байзақ ауданы"))
    assert "Табылған мектептер саны: 1" in joined(await aigul.say("абай"))
    assert "Қай пәндерден" in joined(await aigul.tap("Абай атындағы"))
    await aigul.tap("Математика")
    assert "✅ Математика" in aigul.buttons()
    await aigul.tap("Информатика")
    finished = joined(await aigul.tap("✅ Дайын"))
    assert "Тіркелу аяқталды, Ахметова Айгүл Серікқызы!" in finished
    assert "/profile" in finished

    rows = bot.query("SELECT full_name, language, is_active FROM users WHERE id = ?", 1001)
    assert rows == [("Ахметова Айгүл Серікқызы", "kk", 1)]
    subjects = bot.query("SELECT count(*) FROM user_subjects WHERE user_id = ?", 1001)
    assert subjects == [(2,)]

    profile = joined(await aigul.say("/profile"))
    assert "Абай атындағы орта мектеп" in profile
    assert "Байзақ ауданы" in profile
    assert "Математика, Информатика" in profile
    assert "мұғалім" in profile
    assert "жылғы" in profile  # «2026 жылғы 25 қараша»

    chat_menu = bot.fake.get_commands({"type": "chat", "chat_id": 1001})
    commands = {c["command"]: c["description"] for c in chat_menu}
    assert commands["profile"] == "Менің профилім"
    assert commands["sessions"] == "Алдағы отырыстар"
    assert "grant" not in commands


async def test_a_teacher_registers_in_russian(bot: RunningBot) -> None:
    maria = bot.person(1002, "Мария", "ru")
    finished = joined(
        await register(
            maria,
            agree="✅ Согласен",
            name="Иванова Мария Петровна",
            region="Костанайская",
            district="Алтынсаринский",
            search="убаган",
            school="Убаганская",
            subjects=["Русский язык", "История"],
            done="Готово",
        )
    )
    assert "Регистрация завершена, Иванова Мария Петровна!" in finished
    profile = joined(await maria.say("/profile"))
    assert "Убаганская средняя школа" in profile
    assert "Русский язык и литература, История" in profile
    assert "учитель" in profile


async def test_an_outsider_registers_in_english(bot: RunningBot) -> None:
    anna = bot.person(1003, "Anna", "de")
    welcome = joined(await anna.say("/start"))
    assert "Hello! I am <b>Birgemiz</b>" not in welcome  # HTML is rendered, not shown
    assert "Hello! I am Birgemiz" in welcome
    finished = joined(
        await register(
            anna,
            agree="I agree",
            name="Anna Schmidt",
            region="Костанайская",
            district="город Костанай",
            search="гимназия",
            school="Алтынсарин",
            subjects=["English"],
            done="Done",
        )
    )
    assert "Registration complete, Anna Schmidt!" in finished


async def test_the_language_switches_mid_form_and_the_question_is_asked_again(
    bot: RunningBot,
) -> None:
    erlan = bot.person(1004, "Ерлан", "kk")
    await erlan.say("/start")
    await erlan.tap("Келісемін")
    assert "Тілді таңдаңыз" in joined(await erlan.say("/language"))
    shown = joined(await erlan.tap("Русский"))
    assert "Теперь бот говорит по-русски" in shown
    assert "Напишите полностью фамилию" in shown
    assert "Выберите область" in joined(await erlan.say("Сейітов Ерлан Болатұлы"))


async def test_declining_consent_stores_nothing(bot: RunningBot) -> None:
    dana = bot.person(1005, "Дана", "kk")
    await dana.say("/start")
    declined = joined(await dana.tap("Келіспеймін"))
    assert "ешқандай дерек сақталмады" in declined
    assert bot.query("SELECT count(*) FROM users WHERE id = ?", 1005) == [(0,)]
    key = "%:1005:1005%"
    assert bot.query("SELECT count(*) FROM fsm_states WHERE key LIKE ?", key) == [(0,)]


async def test_cancel_leaves_the_form_at_any_step(bot: RunningBot) -> None:
    timur = bot.person(1006, "Тимур", "ru")
    await timur.say("/start")
    await timur.tap("✅ Согласен")
    await timur.say("Ким Тимур Андреевич")
    assert "Регистрация прервана" in joined(await timur.say("/cancel"))
    assert "Вы ещё не зарегистрированы" in joined(await timur.say("/profile"))
    assert "Прерывать нечего" in joined(await timur.say("/cancel"))
    # The old region buttons are stale now: pressing one is answered, not ignored.
    stale = joined(await timur.tap("Жамбылская", message=first_with_button(bot, timur, "Жамбыл")))
    assert "Эта кнопка устарела" in stale


async def test_a_deep_link_survives_registration_and_is_acted_on_after_it(
    bot: RunningBot,
) -> None:
    saule = bot.person(1007, "Сәуле", "kk")
    await saule.say("/start s42")
    finished = await register_rest_kk(saule)
    assert "Бұл сілтеме жарамсыз немесе ескірген" in joined(finished)


async def register_rest_kk(person: Person) -> list[str]:
    await person.tap("Келісемін")
    await person.say("Омарова Сәуле Маратқызы")
    await person.tap("Жамбыл облысы")
    await person.tap("Тараз қаласы")
    await person.tap("№7 мектеп-гимназия")
    await person.tap("Бастауыш")
    return await person.tap("✅ Дайын")


def first_with_button(bot: RunningBot, person: Person, label: str) -> dict:  # type: ignore[type-arg]
    for message in bot.fake.messages.get(person.id, []):
        if any(label in text for text, _ in bot.fake.buttons(message)):
            return message
    raise AssertionError(f"no message with a {label!r} button")
