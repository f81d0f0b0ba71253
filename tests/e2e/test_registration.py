"""A teacher registers through the real bot process and the Bot API wire format, in Kazakh and
in Russian. The form's other paths (English, a language switch mid-form, declining, /cancel, a
deep link kept through registration) are in-process flows: tests/flows/test_registration.py
and test_profile.py."""

from __future__ import annotations

from tests.e2e.conftest import RunningBot
from tests.e2e.conversation import joined
from tests.e2e.steps import register


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
