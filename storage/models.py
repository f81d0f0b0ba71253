"""The database schema. Times are stored in UTC; shown in the configured zone by bot/."""

from __future__ import annotations

import enum
from datetime import UTC, datetime, timedelta

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that always comes back timezone-aware in UTC.

    SQLite has no time zones and returns naive values; PostgreSQL returns aware ones. Normalising
    here means no caller ever compares a naive time with an aware one.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC time")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Role(enum.StrEnum):
    TEACHER = "teacher"
    LEADER = "leader"
    METHODIST = "methodist"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class SchoolRequestStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Region(Base):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))

    districts: Mapped[list[District]] = relationship(back_populates="region")


class District(Base):
    """A district (аудан) or a city (қала) of regional significance."""

    __tablename__ = "districts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))

    region: Mapped[Region] = relationship(back_populates="districts")


class School(Base):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    district_id: Mapped[int] = mapped_column(
        ForeignKey("districts.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name_kk: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    # Lower-cased kk + ru names: SQLite's lower() only folds ASCII, so Cyrillic search needs this.
    search_text: Mapped[str] = mapped_column(Text, default="")

    district: Mapped[District] = relationship()


class Subject(Base):
    __tablename__ = "subjects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_kk: Mapped[str] = mapped_column(String(120))
    name_ru: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)


class User(Base):
    """A person who wrote to the bot and consented, or whom an operator granted a role.

    A row exists only after consent to personal-data processing (or an operator's grant, which
    stores nothing but the id and the role).
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(2), default="kk")
    full_name: Mapped[str | None] = mapped_column(String(200))
    username: Mapped[str | None] = mapped_column(String(64))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # False after Telegram said 403 (the user blocked the bot); true again when they write.
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    school: Mapped[School | None] = relationship()
    district: Mapped[District | None] = relationship()
    roles: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", back_populates="user"
    )
    subjects: Mapped[list[Subject]] = relationship(secondary="user_subjects", lazy="selectin")

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r.role) for r in self.roles)

    @property
    def is_registered(self) -> bool:
        return self.registered_at is not None


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        primary_key=True,
    )
    granted_by: Mapped[int | None] = mapped_column(BigInteger)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship(back_populates="roles")


class UserSubject(Base):
    __tablename__ = "user_subjects"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    subject_id: Mapped[int] = mapped_column(
        ForeignKey("subjects.id", ondelete="CASCADE"), primary_key=True
    )


class SchoolRequest(Base):
    """A teacher's "my school is not listed", checked by a coordinator before it is added."""

    __tablename__ = "school_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    name: Mapped[str] = mapped_column(String(300))
    status: Mapped[SchoolRequestStatus] = mapped_column(
        Enum(
            SchoolRequestStatus,
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=SchoolRequestStatus.PENDING,
    )
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    district: Mapped[District] = relationship(lazy="joined")


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for its turn (or for a retry_after / backoff to pass)
    SENDING = "sending"  # handed to Telegram; the answer is not recorded yet
    SENT = "sent"
    BLOCKED = "blocked"  # 403: the person blocked the bot, or the bot left the group
    FAILED = "failed"  # Telegram refused it for good (400), or retries ran out
    UNCERTAIN = "uncertain"  # the request may have reached Telegram: never resent blindly
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # its moment passed (e.g. a reminder for a session already begun)


class ContentKind(enum.StrEnum):
    TEXT = "text"
    COPY = "copy"  # copyMessage of a message someone sent the bot: photos, documents, video


def _str_enum(kind: type[enum.StrEnum]) -> Enum:
    return Enum(kind, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])


class OutboxContent(Base):
    """What to send: shared by every outbox row of one purpose and language."""

    __tablename__ = "outbox_contents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[ContentKind] = mapped_column(_str_enum(ContentKind))
    text: Mapped[str | None] = mapped_column(Text)
    from_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    from_message_id: Mapped[int | None] = mapped_column(BigInteger)
    reply_markup: Mapped[str | None] = mapped_column(Text)  # JSON of an InlineKeyboardMarkup
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OutboxItem(Base):
    """One message to one chat for one purpose. Unique, so nothing is ever queued twice."""

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("purpose", "chat_id", "thread_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(100))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # Forum topic; 0 for none (a NULL would make the unique constraint let duplicates in).
    thread_id: Mapped[int] = mapped_column(BigInteger, default=0)
    content_id: Mapped[int] = mapped_column(ForeignKey("outbox_contents.id", ondelete="CASCADE"))
    priority: Mapped[int] = mapped_column(Integer, default=0)  # lower goes first
    status: Mapped[DeliveryStatus] = mapped_column(
        _str_enum(DeliveryStatus), default=DeliveryStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Not worth sending after this moment: the engine marks it expired instead.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    content: Mapped[OutboxContent] = relationship(lazy="joined")


Index("ix_outbox_due", OutboxItem.status, OutboxItem.not_before, OutboxItem.priority)
Index("ix_outbox_purpose_status", OutboxItem.purpose, OutboxItem.status)


class Broadcast(Base):
    """A coordinator's announcement to an audience; its figures live in the outbox rows (purpose
    `broadcast:<id>`, built in bot/notices/purposes.py)."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int] = mapped_column(BigInteger)
    audience_kind: Mapped[str] = mapped_column(String(32))
    audience_id: Mapped[str | None] = mapped_column(String(64))
    audience_label: Mapped[str] = mapped_column(String(300))
    content_id: Mapped[int] = mapped_column(ForeignKey("outbox_contents.id"))
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    progress_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class WorkshopStatus(enum.StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"


class SessionStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class SeatStatus(enum.StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class ApplyAnswer(enum.StrEnum):
    """«Will you apply this in your practice?» — with the right not to (rules of 000, 5.3)."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class EventKind(Base):
    """Kinds of network events (workshop session, seminar, master class, …): data, not code."""

    __tablename__ = "event_kinds"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_kk: Mapped[str] = mapped_column(String(120))
    name_ru: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Workshop(Base):
    """An online workshop (онлайн-шеберхана) proposed by a leader, opened by the council."""

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("subjects.id"))
    method: Mapped[str] = mapped_column(Text)  # the authorial method, in the leader's words
    audience: Mapped[str] = mapped_column(String(300))  # subjects, grades
    plan_text: Mapped[str | None] = mapped_column(Text)
    plan_file_id: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[WorkshopStatus] = mapped_column(
        _str_enum(WorkshopStatus), default=WorkshopStatus.PROPOSED
    )
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    rejection_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class EventSession(Base):
    """One dated event: a workshop's monthly session, or another kind of network event."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(ForeignKey("event_kinds.code"), default="workshop")
    topic: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=90)
    link: Mapped[str | None] = mapped_column(String(500))
    place: Mapped[str | None] = mapped_column(String(300))
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: unlimited
    status: Mapped[SessionStatus] = mapped_column(
        _str_enum(SessionStatus), default=SessionStatus.SCHEDULED
    )
    # A coordinator's leave for a second session in one calendar month (rules of 000, 3.4).
    extra_allowed_by: Mapped[int | None] = mapped_column(BigInteger)
    checkin_code: Mapped[str | None] = mapped_column(String(16))
    feedback_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    feedback_nudged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    workshop: Mapped[Workshop | None] = relationship(lazy="joined")

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class Seat(Base):
    """A teacher's place in a session: registered, on the waitlist (in order), or cancelled."""

    __tablename__ = "seats"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[SeatStatus] = mapped_column(_str_enum(SeatStatus))
    # Waitlist order: the time of joining it, ties broken by id.
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    attended: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


Index("ix_seats_session_status", Seat.session_id, Seat.status, Seat.queued_at)


class Feedback(Base):
    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    usefulness: Mapped[int | None] = mapped_column(Integer)
    apply: Mapped[ApplyAnswer | None] = mapped_column(_str_enum(ApplyAnswer))
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class Material(Base):
    """Video lessons, lesson notes, presentations, expert materials (rules of 000, 4.2)."""

    __tablename__ = "materials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))  # video, notes, slides, expert, link
    title: Mapped[str] = mapped_column(String(300))
    file_id: Mapped[str | None] = mapped_column(String(200))
    file_type: Mapped[str | None] = mapped_column(String(16))  # document, video, photo
    url: Mapped[str | None] = mapped_column(String(500))
    search_text: Mapped[str] = mapped_column(Text, default="")
    added_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class FsmRecord(Base):
    """Conversation state of one chat/user, so a half-filled form survives a restart."""

    __tablename__ = "fsm_states"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


Index("ix_users_active_registered", User.is_active, User.registered_at)
__all__ = [
    "ApplyAnswer",
    "Base",
    "Broadcast",
    "ContentKind",
    "DeliveryStatus",
    "District",
    "EventKind",
    "EventSession",
    "Feedback",
    "FsmRecord",
    "Material",
    "OutboxContent",
    "OutboxItem",
    "Region",
    "Role",
    "School",
    "SchoolRequest",
    "SchoolRequestStatus",
    "Seat",
    "SeatStatus",
    "SessionStatus",
    "Subject",
    "User",
    "UserRole",
    "UserSubject",
    "Workshop",
    "WorkshopStatus",
    "utcnow",
]
