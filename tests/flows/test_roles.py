"""Granting a role: /grant alone opens a form, /grant ID ROLE still works typed in one line."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.i18n import context_for
from bot.services.users import UserService
from storage.database import Database
from storage.models import Role, UserRole
from tests.flows.conftest import ADMIN_ID, InProcessBot
from tests.support.factories import register_teacher
from tests.support.telegram import buttons, visible

COORDINATOR = 6001
TEACHER = 6002
LEADER = 6003


async def people(db: Database, language: str = "kk") -> None:
    await register_teacher(db, COORDINATOR, language=language, full_name="Бекова Сара Нұрланқызы")
    await register_teacher(db, TEACHER, language="ru", full_name="Оспанова Жанар Маратовна")
    await register_teacher(db, LEADER, full_name="Қасымов Айдос Ерланұлы")
    operator = UserService(db, frozenset())
    await operator.grant_by_operator(COORDINATOR, Role.COORDINATOR, language)
    await operator.grant_by_operator(LEADER, Role.LEADER, "kk")


async def roles_of(db: Database, user_id: int) -> set[Role]:
    async with db.read() as session:
        rows = await session.scalars(select(UserRole.role).where(UserRole.user_id == user_id))
        return set(rows)


def shown(answer: list[str]) -> str:
    return "\n".join(visible(text) for text in answer)


async def test_a_coordinator_grants_a_role_through_the_form(app: InProcessBot) -> None:
    await people(app.database)
    sara = app.person(COORDINATOR, "Сара")

    assert "Telegram ID-ін жазыңыз" in shown(await sara.say("/grant"))
    assert sara.buttons() == ["✖️ Бас тарту"]
    assert "тек цифрлардан тұрады" in shown(await sara.say("Жанар"))
    assert "тіркелген пайдаланушы жоқ" in shown(await sara.say("999"))

    asked = shown(await sara.say(str(TEACHER)))
    assert "Оспанова Жанар Маратовна: қандай рөл береміз?" in asked
    # A coordinator appoints leaders and methodists, not other coordinators.
    assert sara.buttons() == ["шеберхана жетекшісі", "әдіскер", "⬅️ Артқа", "✖️ Бас тарту"]
    confirm = shown(await sara.tap("шеберхана жетекшісі"))
    assert "Оспанова Жанар Маратовна «шеберхана жетекшісі» рөлін алады" in confirm

    mark = len(app.session.requests)
    assert "Рөл берілді: шеберхана жетекшісі." in shown(await sara.tap("Рөл беру"))
    assert sara.buttons() == []
    assert Role.LEADER in await roles_of(app.database, TEACHER)
    told = app.session.sent_since(mark, TEACHER)
    notice = [r.text for r in told if r.method == "SendMessage"]
    assert notice == [
        "Вам назначена новая роль: руководитель шеберханы. Меню команд обновлено, справка: /help"
    ]
    menu = [r for r in app.session.requests[mark:] if r.method == "SetMyCommands"]
    assert menu
    assert menu[-1].params["scope"] == {"type": "chat", "chat_id": TEACHER}
    assert "myworkshops" in [c["command"] for c in menu[-1].params["commands"]]


async def test_back_and_cancel_in_the_grant_form(app: InProcessBot) -> None:
    await people(app.database)
    sara = app.person(COORDINATOR, "Сара")
    await sara.say("/grant")
    await sara.say(str(TEACHER))
    await sara.tap("әдіскер")
    assert "қандай рөл береміз" in shown(await sara.tap("Артқа"))
    assert "Telegram ID-ін жазыңыз" in shown(await sara.tap("Артқа"))
    assert "Тоқтатылды, ештеңе өзгерген жоқ" in shown(await sara.tap("Бас тарту"))
    assert await roles_of(app.database, TEACHER) == set()


async def test_the_typed_grant_still_works_for_operators(app: InProcessBot) -> None:
    await people(app.database)
    await register_teacher(app.database, ADMIN_ID)
    admin = app.person(ADMIN_ID, "Әкімші")

    assert "/grant ID РӨЛ" in shown(await admin.say(f"/grant {TEACHER}"))
    assert "/grant ID РӨЛ" in shown(await admin.say(f"/grant {TEACHER} president"))
    assert "Рөл берілді: үйлестіруші." in shown(await admin.say(f"/grant {TEACHER} coordinator"))
    assert "бұрыннан бар" in shown(await admin.say(f"/grant {TEACHER} coordinator"))
    assert "тіркелген пайдаланушы жоқ" in shown(await admin.say("/grant 999 leader"))
    assert Role.COORDINATOR in await roles_of(app.database, TEACHER)
    assert [r.text for r in app.session.requests if r.chat_id == TEACHER] == [
        "Вам назначена новая роль: координатор. Меню команд обновлено, справка: /help"
    ]


async def test_a_coordinator_cannot_type_another_coordinator_in(app: InProcessBot) -> None:
    await people(app.database)
    sara = app.person(COORDINATOR, "Сара")
    refused = shown(await sara.say(f"/grant {TEACHER} coordinator"))
    assert "Сіз «үйлестіруші» рөлін бере алмайсыз." in refused
    assert await roles_of(app.database, TEACHER) == set()


async def test_a_leader_cannot_grant_a_coordinator_typed_or_by_the_form(app: InProcessBot) -> None:
    await people(app.database)
    aidos = app.person(LEADER, "Айдос")
    assert shown(await aidos.say(f"/grant {TEACHER} coordinator")) == "Бұл әрекетке құқығыңыз жоқ."
    assert shown(await aidos.say("/grant")) == "Бұл әрекетке құқығыңыз жоқ."
    assert aidos.buttons() == []
    teacher = app.person(TEACHER, "Жанар", "ru")
    assert shown(await teacher.say("/grant")) == "У вас нет прав на это действие."
    assert await roles_of(app.database, TEACHER) == set()


async def test_a_coordinator_demoted_before_confirming_is_refused(app: InProcessBot) -> None:
    await people(app.database)
    sara = app.person(COORDINATOR, "Сара")
    await sara.say("/grant")
    await sara.say(str(TEACHER))
    await sara.tap("шеберхана жетекшісі")
    users: UserService = app.dispatcher["users"]
    await users.revoke_by_operator(COORDINATOR, Role.COORDINATOR)

    refused = await sara.tap("Рөл беру")
    assert refused[-1] == "Бұл әрекетке құқығыңыз жоқ."
    assert await roles_of(app.database, TEACHER) == set()
    assert sara.buttons() == []


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
async def test_every_grant_window_speaks_the_coordinators_language(
    app: InProcessBot, language: str
) -> None:
    await people(app.database, language)
    t = context_for(app.dispatcher["i18n_core"], language)
    sara = app.person(COORDINATOR, "Sara", language)
    back, cancel = t.get("button-back"), t.get("button-cancel")

    def labels() -> list[str]:
        return [text for text, _ in buttons(sara.last())]

    async def window(action: Any, key: str, **params: Any) -> list[str]:
        answer = shown(await action)
        assert visible(t.get(key, **params)) in answer, (key, answer)
        return labels()

    assert await window(sara.say("/grant"), "grant-ask-user") == [cancel]
    await window(sara.say("12ab"), "grant-id-invalid")
    await window(sara.say("424242"), "grant-unknown-user")
    name = "Оспанова Жанар Маратовна"
    roles = await window(sara.say(str(TEACHER)), "grant-ask-role", name=name)
    assert roles == [t.get("role-leader"), t.get("role-methodist"), back, cancel]
    role = t.get("role-methodist")
    confirm = await window(sara.tap(role), "grant-confirm", name=name, role=role)
    assert confirm == [t.get("grant-confirm-button"), back, cancel]
    await window(sara.tap(t.get("grant-confirm-button")), "grant-done", role=role)
    await window(sara.say(f"/grant {TEACHER} methodist"), "grant-already", role=role)
