"""The person behind an update comes from a cache; no write through the bot leaves it stale."""

from __future__ import annotations

from bot.services.users import UserCache
from storage.models import Role
from tests.flows.conftest import ADMIN_ID, InProcessBot
from tests.support.factories import register_teacher


def joined(shown: list[str]) -> str:
    return "\n".join(shown)


async def test_the_next_update_after_a_language_switch_speaks_the_new_language(
    app: InProcessBot,
) -> None:
    await register_teacher(app.database, 6001)
    teacher = app.person(6001, "Айгүл", "kk")
    assert "Біргеміз" in joined(await teacher.say("/help"))  # now cached, in Kazakh
    await teacher.say("/language")
    await teacher.tap("Русский")
    assert "бот профессионального сообщества" in joined(await teacher.say("/help"))


async def test_a_role_granted_works_on_the_very_next_update(app: InProcessBot) -> None:
    await register_teacher(app.database, ADMIN_ID, full_name="Бекова Сара")
    await register_teacher(app.database, 6002, full_name="Нұрланова Әсел")
    leader = app.person(6002, "Әсел", "kk")
    assert "шеберхана жетекшілеріне арналған" in joined(
        await leader.say("/propose")
    )  # cached as a teacher
    admin = app.person(ADMIN_ID, "Сара", "kk")
    await admin.say("/grant 6002 leader")
    assert "атауын жазыңыз" in joined(await leader.say("/propose"))


async def test_a_registration_is_seen_at_once_by_someone_cached_as_a_stranger(
    app: InProcessBot,
) -> None:
    stranger = app.person(6003, "Асқар", "kk")
    assert "тіркелмегенсіз" in joined(await stranger.say("/profile"))  # cached as nobody
    await stranger.say("/start")
    await stranger.tap("Келісемін")
    await stranger.say("Серіков Асқар")
    await stranger.tap("Жамбыл облысы")
    await stranger.tap("Байзақ ауданы")
    await stranger.tap("Абай атындағы")
    await stranger.tap("Математика")
    await stranger.tap("✅ Дайын")
    assert "Серіков Асқар" in joined(await stranger.say("/profile"))


def test_entries_expire_and_the_oldest_go_first() -> None:
    now = [0.0]
    cache = UserCache(size=2, ttl=10, monotonic=lambda: now[0])
    cache.put(1, None, read_after=0)
    cache.put(2, None, read_after=0)
    assert cache.get(1) == (True, None)
    cache.put(3, None, read_after=0)  # 2 was used least recently
    assert cache.get(2) == (False, None)
    assert cache.get(1)[0]
    assert cache.get(3)[0]
    now[0] = 11
    assert cache.get(1) == (False, None)


async def test_a_role_taken_away_by_the_operator_is_seen_at_once(app: InProcessBot) -> None:
    await register_teacher(app.database, 6004)
    users = app.dispatcher["users"]
    await users.grant_by_operator(6004, Role.LEADER, "kk")
    leader = app.person(6004, "Әсел", "kk")
    assert "атауын жазыңыз" in joined(await leader.say("/propose"))
    await users.revoke_by_operator(6004, Role.LEADER)
    assert "шеберхана жетекшілеріне арналған" in joined(await leader.say("/propose"))


def test_a_row_read_while_a_write_was_made_is_not_kept() -> None:
    cache = UserCache()
    writes = cache.writes  # a read of person 1 begins
    cache.forget(1)  # meanwhile a grant to person 1 commits
    cache.put(1, None, read_after=writes)  # the read ends with the row from before the grant
    assert cache.get(1) == (False, None)
