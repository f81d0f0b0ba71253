"""Coordinators: a school that is not in the directory, and roles granted down the chain."""

from __future__ import annotations

from tests.flows.conftest import ADMIN_ID, InProcessBot
from tests.support.factories import register_teacher
from tests.support.telegram import Person, buttons


def joined(shown: list[str]) -> str:
    return "\n".join(shown)


def commands_of(app: InProcessBot, chat_id: int) -> list[str]:
    """The command menu the bot last set for this person's chat."""
    for request in reversed(app.session.requests):
        scope = request.params.get("scope") or {}
        if request.method == "SetMyCommands" and scope.get("chat_id") == chat_id:
            return [c["command"] for c in request.params["commands"]]
    return []


async def register_with_a_missing_school(teacher: Person, name: str, school: str) -> None:
    await teacher.say("/start")
    await teacher.tap("Келісемін")
    await teacher.say(name)
    await teacher.tap("Жамбыл облысы")
    await teacher.tap("Байзақ ауданы")
    await teacher.tap("Мектебім тізімде жоқ")
    await teacher.say(school)
    await teacher.tap("Математика")
    assert "үйлестірушілерге жіберілді" in joined(await teacher.tap("✅ Дайын"))


async def test_a_school_request_reaches_the_coordinator_and_the_answer_reaches_the_teacher(
    app: InProcessBot,
) -> None:
    await register_teacher(app.database, ADMIN_ID, full_name="Бекова Сара", language="ru")
    admin = app.person(ADMIN_ID, "Сара", "kk")
    assert "/requests" in joined(await admin.say("/help"))
    teacher = app.person(3001, "Мадина", "kk")
    await register_with_a_missing_school(
        teacher, "Асанова Мадина Ерболқызы", "Көкбастау ауылының №2 орта мектебі"
    )
    await app.deliver()
    request = admin.last_text()
    assert "Заявка №1" in request  # the coordinator reads Russian
    assert "Асанова Мадина Ерболқызы" in request
    assert "(үйлестіруші тексеруде)" in joined(await teacher.say("/profile"))

    stale_request = admin.last()
    assert "добавлена в справочник" in joined(await admin.tap("Добавить в справочник"))
    await app.deliver()
    assert "Жақсы жаңалық" in teacher.last_text()
    profile = joined(await teacher.say("/profile"))
    assert "Көкбастау ауылының №2 орта мектебі" in profile

    # A second press on the same (now decided) request is refused, not applied twice.
    reject = next(data for label, data in buttons(stale_request) if "Отклонить" in label)
    assert "решение уже принято" in joined(await admin.press(stale_request, reject))


async def test_roles_are_granted_down_the_chain_and_checked_on_the_server(
    app: InProcessBot,
) -> None:
    await register_teacher(app.database, ADMIN_ID, full_name="Бекова Сара")
    await register_teacher(app.database, 3002, full_name="Қасымов Айдос")
    await register_teacher(app.database, 3003, full_name="Оспанова Жанар", language="ru")
    admin = app.person(ADMIN_ID, "Сара", "kk")
    aidos = app.person(3002, "Айдос", "kk")

    # A teacher cannot grant anything, whatever they type.
    assert "құқығыңыз жоқ" in joined(await aidos.say("/grant 3003 coordinator"))
    assert "/grant ID РӨЛ" in joined(await admin.say("/grant 3003"))

    assert "Рөл берілді: үйлестіруші" in joined(await admin.say("/grant 3002 coordinator"))
    assert "Сізге жаңа рөл берілді" in aidos.last_text()
    assert "grant" in commands_of(app, aidos.id)

    # A coordinator appoints a workshop leader but not another coordinator.
    refused = joined(await aidos.say("/grant 3003 coordinator"))
    assert "«үйлестіруші» рөлін бере алмайсыз" in refused
    assert "Рөл берілді: шеберхана жетекшісі" in joined(await aidos.say("/grant 3003 leader"))
    zhanar = app.person(3003, "Жанар", "ru")
    assert "руководитель шеберханы" in zhanar.last_text()
    assert "бұрыннан бар" in joined(await aidos.say("/grant 3003 leader"))
    assert "тіркелген пайдаланушы жоқ" in joined(await aidos.say("/grant 999 leader"))
