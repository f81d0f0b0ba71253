"""Reading the directory for the registration and profile forms."""

from __future__ import annotations

from storage.database import Database
from storage.models import District, Region, School, Subject
from storage.repositories.directory import DirectoryRepository

SEARCH_RESULTS = 8


# A district or a city has at most a few hundred schools; the picker scrolls through them.
DISTRICT_SCHOOLS_MAX = 1000


class DirectoryService:
    """The directory as the forms read it. Regions, districts and subjects change only when an
    operator loads a directory file, which is done with the bot stopped (`python -m bot
    load-directory`), so they are read once and kept; schools change at run time (an approved
    request adds one) and are always read."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._regions: list[Region] | None = None
        self._districts: dict[int, list[District]] = {}
        self._subjects: list[Subject] | None = None

    async def regions(self) -> list[Region]:
        if self._regions is None:
            async with self.database.read() as session:
                self._regions = await DirectoryRepository(session).regions()
        return self._regions

    async def region(self, region_id: int) -> Region | None:
        return next((r for r in await self.regions() if r.id == region_id), None)

    async def districts(self, region_id: int) -> list[District]:
        if region_id not in self._districts:
            async with self.database.read() as session:
                self._districts[region_id] = await DirectoryRepository(session).districts(region_id)
        return self._districts[region_id]

    async def district(self, district_id: int) -> District | None:
        async with self.database.read() as session:
            return await DirectoryRepository(session).district(district_id)

    async def school(self, school_id: int) -> School | None:
        async with self.database.read() as session:
            return await DirectoryRepository(session).school(school_id)

    async def schools(self, district_id: int) -> list[School]:
        async with self.database.read() as session:
            return await DirectoryRepository(session).schools(
                district_id, limit=DISTRICT_SCHOOLS_MAX
            )

    async def search_schools(self, district_id: int, words: str) -> list[School]:
        async with self.database.read() as session:
            return await DirectoryRepository(session).search_schools(
                district_id, words, limit=SEARCH_RESULTS
            )

    async def subjects(self) -> list[Subject]:
        if self._subjects is None:
            async with self.database.read() as session:
                self._subjects = await DirectoryRepository(session).subjects()
        return self._subjects
