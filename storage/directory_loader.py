"""Load the directory (regions → districts → schools, and subjects) from CSV files.

Loading is an upsert by code, so the same file can be loaded again after corrections, and a
school's id — which users point at — never changes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from storage.database import Database
from storage.models import District, Region
from storage.repositories.directory import DirectoryRepository

DATA = Path(__file__).parent / "data"
SAMPLE_SCHOOLS = DATA / "schools.csv"
SUBJECTS = DATA / "subjects.csv"
SCHOOL_COLUMNS = (
    "region_code",
    "region_kk",
    "region_ru",
    "district_code",
    "district_kk",
    "district_ru",
    "school_code",
    "school_kk",
    "school_ru",
)
SUBJECT_COLUMNS = ("code", "name_kk", "name_ru", "name_en")


class DirectoryFileError(ValueError):
    """The CSV file is not in the expected shape; the message names the file and line."""


@dataclass(frozen=True)
class LoadReport:
    regions: int
    districts: int
    schools_created: int
    schools_updated: int


def _read(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise DirectoryFileError(f"{path}: missing columns {', '.join(missing)}")
            rows = []
            for line, row in enumerate(reader, start=2):
                cleaned = {c: (row.get(c) or "").strip() for c in columns}
                empty = [c for c, v in cleaned.items() if not v]
                if empty:
                    raise DirectoryFileError(f"{path}:{line}: empty {', '.join(empty)}")
                rows.append(cleaned)
            return rows
    except OSError as exc:
        raise DirectoryFileError(f"{path}: {exc.strerror}") from exc


async def load_subjects(database: Database, path: Path = SUBJECTS) -> int:
    rows = _read(path, SUBJECT_COLUMNS)
    async with database.write() as session:
        repo = DirectoryRepository(session)
        for position, row in enumerate(rows):
            await repo.upsert_subject(
                row["code"], row["name_kk"], row["name_ru"], row["name_en"], position
            )
    return len(rows)


async def load_schools(database: Database, path: Path = SAMPLE_SCHOOLS) -> LoadReport:
    rows = _read(path, SCHOOL_COLUMNS)
    regions: set[str] = set()
    districts: set[str] = set()
    created = updated = 0
    async with database.write() as session:
        repo = DirectoryRepository(session)
        region_cache: dict[str, Region] = {}
        district_cache: dict[str, District] = {}
        for row in rows:
            region = region_cache.get(row["region_code"])
            if region is None:
                region = await repo.upsert_region(
                    row["region_code"], row["region_kk"], row["region_ru"]
                )
                region_cache[row["region_code"]] = region
            district = district_cache.get(row["district_code"])
            if district is None:
                district = await repo.upsert_district(
                    region, row["district_code"], row["district_kk"], row["district_ru"]
                )
                district_cache[row["district_code"]] = district
            _, was_created = await repo.upsert_school(
                district, row["school_code"], row["school_kk"], row["school_ru"]
            )
            regions.add(row["region_code"])
            districts.add(row["district_code"])
            created += was_created
            updated += not was_created
    return LoadReport(len(regions), len(districts), created, updated)


async def ensure_directory(database: Database) -> LoadReport | None:
    """Subjects always in sync with the shipped list; the sample schools only into an empty DB."""
    await load_subjects(database)
    async with database.read() as session:
        if await DirectoryRepository(session).has_schools():
            return None
    return await load_schools(database)
