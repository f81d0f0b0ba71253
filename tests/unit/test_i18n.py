"""The catalogs: same keys and placeholders in kk, ru and en; every key used; Kazakh is Kazakh."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiogram_i18n import I18nContext
from aiogram_i18n.managers.memory import MemoryManager
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.i18n import LOCALES, build_core, format_date, format_datetime, language_from_telegram
from bot.settings import LANGUAGES, load_zone

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = ("bot", "handlers", "scheduler", "storage")
KAZAKH_LETTERS = set("әғқңөұүһі")


def catalog(language: str) -> dict[str, ast.Message]:
    messages: dict[str, ast.Message] = {}
    for path in sorted((LOCALES / language).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        junk = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
        assert not junk, f"{path}: unparsable entries {[j.content[:60] for j in junk]}"
        for entry in resource.body:
            if isinstance(entry, ast.Message):
                assert entry.id.name not in messages, f"{entry.id.name} twice in {language}"
                messages[entry.id.name] = entry
    return messages


def placeholders(message: ast.Message) -> set[str]:
    found: set[str] = set()

    class Collector(Visitor):
        def visit_VariableReference(self, node: ast.VariableReference) -> None:
            found.add(node.id.name)

    Collector().visit(message)
    return found


def source_code() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8")
        for folder in CODE_DIRS
        for path in (ROOT / folder).rglob("*.py")
    )


CATALOGS = {language: catalog(language) for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalog_has_the_same_keys(language: str) -> None:
    union = set().union(*(set(c) for c in CATALOGS.values()))
    assert sorted(union - set(CATALOGS[language])) == []


@pytest.mark.parametrize("language", ["ru", "en"])
def test_translations_use_the_same_placeholders_as_kazakh(language: str) -> None:
    different = {
        key: (placeholders(message), placeholders(CATALOGS[language][key]))
        for key, message in CATALOGS["kk"].items()
        if placeholders(message) != placeholders(CATALOGS[language][key])
    }
    assert different == {}


def test_every_catalog_message_is_used_by_the_code() -> None:
    code = source_code()
    literals = set(re.findall(r"""["']([a-z][a-z0-9-]+)["']""", code))
    # f"month-{n}", f"role-{role.value}": a family of keys addressed by its prefix.
    families = set(re.findall(r"""f["']([a-z][a-z0-9-]*-)\{""", code))
    unused = [
        key
        for key in CATALOGS["kk"]
        if key not in literals and not any(key.startswith(prefix) for prefix in families)
    ]
    assert unused == []


def test_every_key_the_code_asks_for_exists() -> None:
    code = source_code()
    asked = set(re.findall(r"""i18n(?:_core)?\.get\(\s*["']([a-z][a-z0-9-]+)["']""", code))
    asked |= set(re.findall(r"""code = ["'](error-[a-z-]+)["']""", code))
    missing = sorted(asked - set(CATALOGS["kk"]))
    assert missing == []


def test_kazakh_catalog_is_written_in_kazakh() -> None:
    texts = [
        key
        for key, message in CATALOGS["kk"].items()
        if len(FluentText(message)) > 60 and not KAZAKH_LETTERS & set(FluentText(message).lower())
    ]
    assert texts == [], "long kk messages without a single Kazakh letter"


def FluentText(message: ast.Message) -> str:
    parts: list[str] = []

    class Collector(Visitor):
        def visit_TextElement(self, node: ast.TextElement) -> None:
            parts.append(node.value)

    Collector().visit(message)
    return "".join(parts)


@pytest.fixture
async def core():  # type: ignore[no-untyped-def]
    loaded = build_core("kk")
    await loaded.startup()
    return loaded


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "15 желтоқсан, 15:00"), ("ru", "15 декабря, 15:00"), ("en", "15 December, 15:00")],
)
async def test_times_are_shown_in_local_words_in_almaty(core, language: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    i18n = I18nContext(language, core, MemoryManager(), {})
    moment = datetime(2026, 12, 15, 10, 0, tzinfo=UTC)
    assert format_datetime(i18n, moment, load_zone("Asia/Almaty")) == expected


async def test_a_full_date_keeps_the_year_without_grouping(core) -> None:  # type: ignore[no-untyped-def]
    i18n = I18nContext("kk", core, MemoryManager(), {})
    moment = datetime(2026, 9, 1, 3, 0, tzinfo=UTC)
    assert format_date(i18n, moment, load_zone("Asia/Almaty")) == "2026 жылғы 1 қыркүйек"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("kk", "kk"), ("ru-RU", "ru"), ("en-GB", "en"), ("de", "en"), ("uz", "en"), (None, "kk")],
)
def test_language_follows_the_telegram_app(code: str | None, expected: str) -> None:
    assert language_from_telegram(code, "kk") == expected
