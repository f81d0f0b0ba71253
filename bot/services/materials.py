"""Workshop materials (rules of 000, 4.2): attached by the workshop's leader or a coordinator,
kept in an archive by workshop and month, searchable, and sent to a session's participants."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bot.services.errors import InvalidInput, NotFound, PermissionDenied
from bot.services.permissions import Actor
from storage.database import Database
from storage.models import Material, Workshop, WorkshopStatus
from storage.repositories.directory import fold
from storage.repositories.materials import MaterialRepository

MATERIAL_KINDS = ("video", "notes", "slides", "expert", "link")
LINK_KIND = "link"
FILE_TYPES = ("document", "video", "photo")
TITLE_MIN = 3
TITLE_MAX = 200
URL_MAX = 500
FILE_ID_MAX = 200
# The archive lists its workshops in one scrolling list.
ARCHIVE_MAX = 500
SEARCH_LIMIT = 20
SEARCH_WORDS_MAX = 100
# One month of one workshop rarely holds more than a handful; a keyboard holds up to 100 buttons.
MONTH_LIMIT = 50


class InvalidUrl(InvalidInput):
    code = "materials-error-url"


class InvalidTitle(InvalidInput):
    code = "materials-error-title"


class InvalidSearch(InvalidInput):
    code = "materials-expected-words"


class NotRegistered(PermissionDenied):
    code = "error-not-registered"


def normalize_url(text: str) -> str:
    """An http(s) address with a host; raises InvalidUrl for anything else."""
    url = text.strip()
    if not url or len(url) > URL_MAX or any(ch.isspace() for ch in url):
        raise InvalidUrl
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        _ = parts.port  # a port that is not a number raises ValueError
    except ValueError as exc:
        raise InvalidUrl from exc
    if parts.scheme.lower() not in ("http", "https") or "." not in host.strip("."):
        raise InvalidUrl
    return url


def normalize_title(text: str) -> str:
    title = " ".join(text.split())
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        raise InvalidTitle
    return title


def normalize_search(text: str) -> str:
    """The words to look for, spaces collapsed; raises InvalidSearch when there are none."""
    words = " ".join(text.split())[:SEARCH_WORDS_MAX].strip()
    if not words:
        raise InvalidSearch
    return words


def material_month(
    material: Material, session_starts_at: datetime | None, zone: ZoneInfo
) -> tuple[int, int]:
    """(year, month) a material is filed under: its session's, else when it was added."""
    moment = (session_starts_at or material.created_at).astimezone(zone)
    return moment.year, moment.month


@dataclass(frozen=True)
class Target:
    """Where a material is being attached: a workshop, and perhaps one of its sessions."""

    workshop_id: int
    workshop_title: str
    session_id: int | None
    session_topic: str | None
    session_starts_at: datetime | None


@dataclass(frozen=True)
class ArchiveWorkshop:
    id: int
    title: str
    materials: int


@dataclass(frozen=True)
class MonthGroup:
    year: int
    month: int
    count: int


@dataclass(frozen=True)
class WorkshopMonths:
    workshop_id: int
    title: str
    months: list[MonthGroup]  # newest first


@dataclass(frozen=True)
class MonthMaterials:
    workshop_id: int
    title: str
    year: int
    month: int
    materials: list[Material]


@dataclass(frozen=True)
class MaterialItem:
    material: Material
    workshop_title: str


@dataclass(frozen=True)
class SessionMaterials:
    session_id: int
    topic: str
    workshop_title: str
    materials: list[Material]
    participants: list[tuple[int, str]]  # (user id, language)


class MaterialService:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def target(self, actor: Actor, workshop_id: int, session_id: int | None) -> Target:
        """Check that the actor may attach materials here; session_id None is the workshop."""
        async with self.database.read() as session:
            return await self._target(MaterialRepository(session), actor, workshop_id, session_id)

    async def _target(
        self, repo: MaterialRepository, actor: Actor, workshop_id: int, session_id: int | None
    ) -> Target:
        workshop = await repo.workshop(workshop_id)
        if workshop is None:
            raise NotFound
        if not actor.manages(workshop):
            raise PermissionDenied
        if session_id is None:
            return Target(workshop.id, workshop.title, None, None, None)
        event = await repo.event_session(session_id)
        if event is None or event.workshop_id != workshop.id:
            raise NotFound
        return Target(workshop.id, workshop.title, event.id, event.topic, event.starts_at)

    async def add(
        self,
        actor: Actor,
        workshop_id: int,
        session_id: int | None,
        *,
        kind: str,
        title: str,
        file_id: str | None = None,
        file_type: str | None = None,
        url: str | None = None,
    ) -> Material:
        """Attach a Telegram file (by file_id) or, for kind "link", an http(s) address."""
        if kind not in MATERIAL_KINDS:
            raise InvalidInput
        clean_title = normalize_title(title)
        if kind == LINK_KIND:
            clean_url: str | None = normalize_url(url or "")
            file_id = file_type = None
        else:
            clean_url = None
            if not file_id or len(file_id) > FILE_ID_MAX or file_type not in FILE_TYPES:
                raise InvalidInput
        async with self.database.write() as session:
            repo = MaterialRepository(session)
            target = await self._target(repo, actor, workshop_id, session_id)
            return await repo.add(
                Material(
                    workshop_id=target.workshop_id,
                    session_id=target.session_id,
                    kind=kind,
                    title=clean_title,
                    file_id=file_id,
                    file_type=file_type,
                    url=clean_url,
                    search_text=fold(f"{clean_title} {target.workshop_title}"),
                    added_by=actor.user_id,
                )
            )

    async def archive(self, actor: Actor) -> list[ArchiveWorkshop]:
        """Approved workshops that have materials, by title."""
        _require_registered(actor)
        async with self.database.read() as session:
            rows = await MaterialRepository(session).archive_workshops(offset=0, limit=ARCHIVE_MAX)
        return [ArchiveWorkshop(w.id, w.title, count) for w, count in rows]

    async def months(self, actor: Actor, workshop_id: int, zone: ZoneInfo) -> WorkshopMonths:
        """The months a workshop's materials are filed under, newest first, with counts."""
        _require_registered(actor)
        async with self.database.read() as session:
            repo = MaterialRepository(session)
            workshop = await _archived(repo, workshop_id)
            rows = await repo.of_workshop(workshop.id)
        counts = Counter(material_month(m, starts_at, zone) for m, starts_at in rows)
        groups = [MonthGroup(y, m, n) for (y, m), n in sorted(counts.items(), reverse=True)]
        return WorkshopMonths(workshop.id, workshop.title, groups)

    async def month(
        self, actor: Actor, workshop_id: int, year: int, month: int, zone: ZoneInfo
    ) -> MonthMaterials:
        _require_registered(actor)
        async with self.database.read() as session:
            repo = MaterialRepository(session)
            workshop = await _archived(repo, workshop_id)
            rows = await repo.of_workshop(workshop.id)
        chosen = [m for m, starts_at in rows if material_month(m, starts_at, zone) == (year, month)]
        return MonthMaterials(workshop.id, workshop.title, year, month, chosen[:MONTH_LIMIT])

    async def search(self, actor: Actor, words: str) -> list[MaterialItem]:
        """Archive materials whose title or workshop title holds every word, in any order."""
        _require_registered(actor)
        query = normalize_search(words)
        async with self.database.read() as session:
            rows = await MaterialRepository(session).search(query, limit=SEARCH_LIMIT)
        return [MaterialItem(material, title) for material, title in rows]

    async def open(self, actor: Actor, material_id: int) -> MaterialItem:
        """A material to send: from the archive, or the workshop's own for its leader."""
        _require_registered(actor)
        async with self.database.read() as session:
            repo = MaterialRepository(session)
            material = await repo.get(material_id)
            workshop = await repo.workshop(material.workshop_id) if material else None
        if material is None or workshop is None:
            raise NotFound
        if workshop.status != WorkshopStatus.APPROVED and not actor.manages(workshop):
            raise NotFound
        return MaterialItem(material, workshop.title)

    async def session_materials(self, session_id: int) -> SessionMaterials | None:
        """A session's materials and who took part, for sending after it; None: no session."""
        async with self.database.read() as session:
            repo = MaterialRepository(session)
            event = await repo.event_session(session_id)
            if event is None or event.workshop_id is None:
                return None
            workshop = await repo.workshop(event.workshop_id)
            materials = list(await repo.of_session(session_id))
            participants = await repo.participants(session_id) if materials else []
        return SessionMaterials(
            session_id=event.id,
            topic=event.topic,
            workshop_title=workshop.title if workshop else "",
            materials=materials,
            participants=participants,
        )


def _require_registered(actor: Actor) -> None:
    if not actor.registered:
        raise NotRegistered


async def _archived(repo: MaterialRepository, workshop_id: int) -> Workshop:
    workshop = await repo.workshop(workshop_id)
    if workshop is None or workshop.status != WorkshopStatus.APPROVED:
        raise NotFound
    return workshop
