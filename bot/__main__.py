"""Entry point: `python -m bot` runs the bot; sub-commands serve the operator.

python -m bot                      migrate, then long-poll Telegram
python -m bot migrate              apply pending database migrations and exit
python -m bot grant USER_ID ROLE   give a role (teacher, leader, methodist, coordinator, admin)
python -m bot load-directory FILE  load regions, districts and schools from a CSV file
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.settings import Settings, SettingsProblem, load_settings
from storage.models import Role


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Біргеміз Telegram bot")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    sub.add_parser("migrate", help="apply pending database migrations")
    grant = sub.add_parser("grant", help="give a user a role")
    grant.add_argument("user_id", type=int, help="Telegram user id")
    grant.add_argument("role", choices=[r.value for r in Role])
    load = sub.add_parser("load-directory", help="load schools from a CSV file")
    load.add_argument("path", type=Path, help="CSV with the columns described in README.md")
    return parser


def _logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Alembic announces every plugin it loads at INFO; only the migrations themselves matter.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    logging.getLogger("aiogram.event").setLevel(max(logging.INFO, logging.getLevelName(level)))


async def _migrate(settings: Settings) -> None:
    from bot.app import prepare_database

    database = await prepare_database(settings)
    await database.dispose()
    print("database is up to date")


async def _grant(settings: Settings, user_id: int, role: str) -> None:
    from bot.app import prepare_database
    from bot.services.users import UserService

    database = await prepare_database(settings)
    try:
        users = UserService(database, settings.admin_ids)
        added = await users.grant_by_operator(user_id, Role(role), settings.default_language)
    finally:
        await database.dispose()
    print(f"user {user_id} {'is now' if added else 'already was'} {role}")


async def _load(settings: Settings, path: Path) -> None:
    from bot.app import prepare_database
    from storage.directory_loader import load_schools

    database = await prepare_database(settings)
    try:
        report = await load_schools(database, path)
    finally:
        await database.dispose()
    print(
        f"{report.regions} regions, {report.districts} districts, "
        f"{report.schools_created} schools added, {report.schools_updated} updated"
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        if args.command in (None, "run"):
            settings.token()
    except SettingsProblem as problem:
        print(f"Birgemiz cannot start: {problem}", file=sys.stderr)
        return 2
    _logging(settings.log_level)
    from storage.directory_loader import DirectoryFileError

    try:
        if args.command == "migrate":
            asyncio.run(_migrate(settings))
        elif args.command == "grant":
            asyncio.run(_grant(settings, args.user_id, args.role))
        elif args.command == "load-directory":
            asyncio.run(_load(settings, args.path))
        else:
            from bot.app import run

            asyncio.run(run(settings))
    except DirectoryFileError as exc:
        print(f"The directory file was not loaded: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        # Typically the database: a read-only folder, or PostgreSQL not reachable.
        print(f"Birgemiz stopped: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
