"""Shared fixtures: a real database (SQLite file, or PostgreSQL when TEST_DATABASE_URL is set)
with the migrations applied, exactly as the bot runs it, and the test clock.

On SQLite the migrations (and the sample directory) are applied once per test run to a
template file that each test copies: the same schema the bot builds, in a millisecond instead
of a second per test.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.database import Database
from storage.directory_loader import load_schools, load_subjects
from storage.migrate import upgrade
from tests.support.clock import ManualClock

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
SQLITE_FILE = "birgemiz.db"


async def _reset_postgres(url: str) -> None:
    database = Database(url)
    try:
        async with database.engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await database.dispose()


def _sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def _build_templates(empty: Path, full: Path) -> None:
    database = Database(_sqlite_url(empty))
    await upgrade(database)
    await database.dispose()
    shutil.copy(empty, full)
    database = Database(_sqlite_url(full))
    await load_subjects(database)
    await load_schools(database)
    await database.dispose()


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(migrated, migrated with the directory) template files, built once per run."""
    folder = tmp_path_factory.mktemp("templates")
    empty, full = folder / "empty.db", folder / "directory.db"
    # Its own event loop in its own thread: it may be asked for while a test's loop runs.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, _build_templates(empty, full)).result()
    for template in (empty, full):
        # Closing the last connection checkpoints WAL into the file; nothing else to copy.
        assert not template.with_name(template.name + "-wal").exists()
    return empty, full


@pytest.fixture
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """An empty, migrated database that is thrown away after the test (with the directory
    already in it when the test also asks for `directory`)."""
    if TEST_DATABASE_URL:
        await _reset_postgres(TEST_DATABASE_URL)
        db = Database(TEST_DATABASE_URL)
        await upgrade(db)
    else:
        empty, full = request.getfixturevalue("sqlite_templates")
        with_directory = "directory" in request.fixturenames
        path = tmp_path / SQLITE_FILE
        shutil.copy(full if with_directory else empty, path)
        db = Database(_sqlite_url(path))
    yield db
    await db.dispose()


@pytest.fixture
async def directory(database: Database) -> Database:
    """The migrated database with the shipped subjects and sample schools loaded."""
    if TEST_DATABASE_URL:
        await load_subjects(database)
        await load_schools(database)
    return database


@pytest.fixture
def clock() -> ManualClock:
    """The test's clock, standing still at a fixed moment until the test sets or advances it."""
    return ManualClock()
