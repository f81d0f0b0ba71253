"""Reading the directory for the registration and profile forms."""

from __future__ import annotations

from dataclasses import dataclass

from storage.database import Database
from storage.models import District, Region, School, Subject
from storage.repositories.directory import DirectoryRepository

SCHOOLS_PER_PAGE = 8


@dataclass(frozen=True)
class SchoolPage:
    schools: list[School]
    page: int
    pages: int


class DirectoryService:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def regions(self) -> list[Region]:
        async with self.database.read() as session:
            return await DirectoryRepository(session).regions()

    async def region(self, region_id: int) -> Region | None:
        async with self.database.read() as session:
            return await DirectoryRepository(session).region(region_id)

    async def districts(self, region_id: int) -> list[District]:
        async with self.database.read() as session:
            return await DirectoryRepository(session).districts(region_id)

    async def district(self, district_id: int) -> District | None:
        async with self.database.read() as session:
            return await DirectoryRepository(session).district(district_id)

    async def school(self, school_id: int) -> School | None:
        async with self.database.read() as session:
            return await DirectoryRepository(session).school(school_id)

    async def school_page(self, district_id: int, page: int) -> SchoolPage:
        async with self.database.read() as session:
            repo = DirectoryRepository(session)
            total = await repo.count_schools(district_id)
            pages = max(1, -(-total // SCHOOLS_PER_PAGE))
            page = min(max(page, 0), pages - 1)
            schools = await repo.schools(
                district_id, offset=page * SCHOOLS_PER_PAGE, limit=SCHOOLS_PER_PAGE
            )
            return SchoolPage(schools, page, pages)

    async def search_schools(self, district_id: int, words: str) -> list[School]:
        async with self.database.read() as session:
            return await DirectoryRepository(session).search_schools(
                district_id, words, limit=SCHOOLS_PER_PAGE
            )

    async def subjects(self) -> list[Subject]:
        async with self.database.read() as session:
            return await DirectoryRepository(session).subjects()
