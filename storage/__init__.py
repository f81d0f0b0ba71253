"""Persistence: SQLAlchemy 2 models, repositories and migrations. Never imports aiogram."""

from storage.database import Database, create_database

__all__ = ["Database", "create_database"]
