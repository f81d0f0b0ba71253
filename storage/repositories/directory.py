"""Regions, districts, schools and subjects: the directory teachers pick from."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import District, Region, School, Subject


def fold(text: str) -> str:
    """Case- and spacing-insensitive form used for school search (Cyrillic included)."""
    return " ".join(text.casefold().replace("ё", "е").split())


def like_escape(text: str) -> str:
    """Text safe inside a LIKE pattern that uses backslash as its escape character."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class DirectoryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def regions(self) -> list[Region]:
        return list(await self.session.scalars(select(Region).order_by(Region.name_kk)))

    async def region(self, region_id: int) -> Region | None:
        return await self.session.get(Region, region_id)

    async def districts(self, region_id: int) -> list[District]:
        rows = await self.session.scalars(
            select(District).where(District.region_id == region_id).order_by(District.name_kk)
        )
        return list(rows)

    async def district(self, district_id: int) -> District | None:
        return await self.session.get(District, district_id)

    async def school(self, school_id: int) -> School | None:
        return await self.session.get(School, school_id)

    async def schools(self, district_id: int, *, offset: int = 0, limit: int = 8) -> list[School]:
        rows = await self.session.scalars(
            select(School)
            .where(School.district_id == district_id)
            .order_by(School.name_kk, School.id)
            .offset(offset)
            .limit(limit)
        )
        return list(rows)

    async def search_schools(self, district_id: int, words: str, *, limit: int = 8) -> list[School]:
        """Schools of the district whose names contain every word given, in any order."""
        query = select(School).where(School.district_id == district_id)
        for word in fold(words).split()[:6]:
            query = query.where(School.search_text.like(f"%{like_escape(word)}%", escape="\\"))
        rows = await self.session.scalars(query.order_by(School.name_kk, School.id).limit(limit))
        return list(rows)

    async def subjects(self) -> list[Subject]:
        rows = await self.session.scalars(select(Subject).order_by(Subject.position, Subject.id))
        return list(rows)

    async def subjects_by_ids(self, ids: list[int]) -> list[Subject]:
        if not ids:
            return []
        rows = await self.session.scalars(
            select(Subject).where(Subject.id.in_(ids)).order_by(Subject.position, Subject.id)
        )
        return list(rows)

    async def has_schools(self) -> bool:
        return (await self.session.scalar(select(School.id).limit(1))) is not None

    async def upsert_region(self, code: str, name_kk: str, name_ru: str) -> Region:
        region = await self.session.scalar(select(Region).where(Region.code == code))
        if region is None:
            region = Region(code=code, name_kk=name_kk, name_ru=name_ru)
            self.session.add(region)
        else:
            region.name_kk, region.name_ru = name_kk, name_ru
        await self.session.flush()
        return region

    async def upsert_district(
        self, region: Region, code: str, name_kk: str, name_ru: str
    ) -> District:
        district = await self.session.scalar(select(District).where(District.code == code))
        if district is None:
            district = District(region_id=region.id, code=code, name_kk=name_kk, name_ru=name_ru)
            self.session.add(district)
        else:
            district.region_id = region.id
            district.name_kk, district.name_ru = name_kk, name_ru
        await self.session.flush()
        return district

    async def upsert_school(
        self, district: District, code: str, name_kk: str, name_ru: str
    ) -> tuple[School, bool]:
        school = await self.session.scalar(select(School).where(School.code == code))
        created = school is None
        if school is None:
            school = School(district_id=district.id, code=code)
            self.session.add(school)
        school.district_id = district.id
        school.name_kk, school.name_ru = name_kk, name_ru
        school.search_text = fold(f"{name_kk} {name_ru}")
        await self.session.flush()
        return school, created

    async def upsert_subject(
        self, code: str, name_kk: str, name_ru: str, name_en: str, position: int
    ) -> Subject:
        subject = await self.session.scalar(select(Subject).where(Subject.code == code))
        if subject is None:
            subject = Subject(code=code)
            self.session.add(subject)
        subject.name_kk, subject.name_ru, subject.name_en = name_kk, name_ru, name_en
        subject.position = position
        await self.session.flush()
        return subject
