"""Shared fixtures: a real database (SQLite file, or PostgreSQL when TEST_DATABASE_URL is set)
with the migrations applied, exactly as the bot runs it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.database import Database
from storage.directory_loader import load_schools, load_subjects
from storage.migrate import upgrade

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


async def _reset_postgres(url: str) -> None:
    database = Database(url)
    try:
        async with database.engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await database.dispose()


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    """An empty, migrated database that is thrown away after the test."""
    if TEST_DATABASE_URL:
        await _reset_postgres(TEST_DATABASE_URL)
        url = TEST_DATABASE_URL
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'birgemiz.db'}"
    db = Database(url)
    await upgrade(db)
    yield db
    await db.dispose()


@pytest.fixture
async def directory(database: Database) -> Database:
    """The migrated database with the shipped subjects and sample schools loaded."""
    await load_subjects(database)
    await load_schools(database)
    return database
