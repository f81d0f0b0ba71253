"""Coordinators: a school that is not in the directory, and granting roles."""

from __future__ import annotations

from tests.e2e.conftest import ADMIN_ID, RunningBot
from tests.e2e.conversation import Person, joined


async def register_kk(person: Person, name: str, *, school: str | None) -> list[str]:
    await person.say("/start")
    await person.tap("Келісемін")
    await person.say(name)
    await person.tap("Жамбыл облысы")
    await person.tap("Жуалы ауданы")
    if school is None:
        await person.tap("Мектебім тізімде жоқ")
        await person.say("Көкбастау ауылының №2 орта мектебі")
    else:
        await person.tap(school)
    await person.tap("Тарих")
    return await person.tap("✅ Дайын")


async def test_a_school_request_reaches_the_coordinator_and_the_answer_reaches_the_teacher(
    bot: RunningBot,
) -> None:
    admin = bot.person(ADMIN_ID, "Әкімші", "kk")
    await register_kk(admin, "Бекова Сара Нұрланқызы", school="Көкбастау")
    await admin.say("/language")
    assert "по-русски" in joined(await admin.tap("Русский"))
    assert "/requests" in joined(await admin.say("/help"))

    teacher = bot.person(3001, "Мадина", "kk")
    await register_kk(teacher, "Асанова Мадина Ерболқызы", school=None)

    request = await bot.fake.wait_for_message(admin.id, contains="Заявка №1")
    assert "Көкбастау ауылының №2 орта мектебі" in request["text"]
    assert "Асанова Мадина Ерболқызы" in request["text"]  # the coordinator reads Russian
    assert "(үйлестіруші тексеруде)" in joined(await teacher.say("/profile"))

    assert "добавлена в справочник" in joined(
        await admin.tap("Добавить в справочник", message=request)
    )
    told = await bot.fake.wait_for_message(teacher.id, contains="Жақсы жаңалық")
    assert "Көкбастау ауылының №2 орта мектебі" in told["text"]
    profile = joined(await teacher.say("/profile"))
    assert "Мектеп: Көкбастау ауылының №2 орта мектебі" in profile

    # A second press on the same (now stale) request is refused, not applied twice.
    assert "решение уже принято" in joined(
        await admin.press(request, bot.fake.button_data(request, "Отклонить"), strict=False)
    )


async def test_roles_are_granted_down_the_chain_and_checked_on_the_server(
    bot: RunningBot,
) -> None:
    admin = bot.person(ADMIN_ID, "Әкімші", "kk")
    await register_kk(admin, "Бекова Сара Нұрланқызы", school="Көкбастау")
    aidos = bot.person(3002, "Айдос", "kk")
    await register_kk(aidos, "Қасымов Айдос Ерланұлы", school="Көкбастау")
    zhanar = bot.person(3003, "Жанар", "kk")
    await register_kk(zhanar, "Оспанова Жанар Маратовна", school="Көкбастау")
    await zhanar.say("/language")
    await zhanar.tap("Русский")

    # A teacher cannot grant anything, whatever they type.
    assert "құқығыңыз жоқ" in joined(await aidos.say("/grant 3003 coordinator"))
    assert "/grant ID РӨЛ" in joined(await admin.say("/grant 3003"))

    assert "Рөл берілді: үйлестіруші" in joined(await admin.say("/grant 3002 coordinator"))
    notice = await bot.fake.wait_for_message(aidos.id, contains="Сізге жаңа рөл берілді")
    assert "үйлестіруші" in notice["text"]
    menu = bot.fake.get_commands({"type": "chat", "chat_id": aidos.id})
    assert "grant" in [c["command"] for c in menu]

    # A coordinator appoints a workshop leader but not another coordinator.
    assert "«үйлестіруші» рөлін бере алмайсыз" in joined(await aidos.say("/grant 3003 coordinator"))
    assert "Рөл берілді: шеберхана жетекшісі" in joined(await aidos.say("/grant 3003 leader"))
    russian_notice = await bot.fake.wait_for_message(zhanar.id, contains="новая роль")
    assert "руководитель шеберханы" in russian_notice["text"]
    assert "бұрыннан бар" in joined(await aidos.say("/grant 3003 leader"))
    assert "тіркелген пайдаланушы жоқ" in joined(await aidos.say("/grant 999 leader"))
