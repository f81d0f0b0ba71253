"""Feedback on workshop sessions (кері байланыс), on a real database with the migrations applied."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram_i18n import I18nContext
from aiogram_i18n.managers.memory import MemoryManager
from sqlalchemy import select, update

from bot.delivery.outbox import Outbox
from bot.i18n import build_core
from bot.notices.feedback import queue_feedback_nudges, queue_feedback_requests
from bot.notices.purposes import feedback_nudge as nudge_purpose
from bot.notices.purposes import feedback_request as request_purpose
from bot.services.errors import InvalidInput, NotFound, PermissionDenied
from bot.services.feedback import (
    COMMENT_MAX,
    CommentTooLong,
    FeedbackClosed,
    FeedbackNotOpen,
    FeedbackService,
    NotParticipant,
)
from bot.services.permissions import Actor
from bot.settings import load_zone
from bot.views.feedback import (
    FeedbackEditCb,
    FeedbackScoreCb,
    FeedbackSummaryCb,
    score_keyboard,
)
from handlers.feedback import MESSAGE_MAX, render_summary
from storage.database import Database
from storage.models import (
    ApplyAnswer,
    EventSession,
    Feedback,
    Role,
    Seat,
    SeatStatus,
    SessionStatus,
    User,
    UserRole,
)
from storage.repositories.outbox import OutboxRepository
from tests.support.clock import ManualClock
from tests.support.factories import (
    actor,
    add_seat,
    approved_workshop,
    scheduled_session,
    teacher_row,
)

ZONE = load_zone("Asia/Almaty")
STARTS = datetime(2026, 12, 15, 10, 0, tzinfo=UTC)  # 15:00 in Almaty
ENDS = STARTS + timedelta(minutes=90)
LEADER, COORDINATOR = 100, 900
AIGUL, BOLAT, DANA, ERLAN = 1, 2, 3, 4  # registered, registered, registered, waitlisted
BIG_ID = 2**63 - 1


@dataclass
class Scene:
    database: Database
    clock: ManualClock
    service: FeedbackService
    session_id: int


LEADER_ACTOR = actor(LEADER, Role.LEADER)
COORDINATOR_ACTOR = actor(COORDINATOR, Role.COORDINATOR)


async def mark_attended(db: Database, session_id: int, *user_ids: int) -> None:
    async with db.write() as session:
        await session.execute(
            update(Seat)
            .where(Seat.session_id == session_id, Seat.user_id.in_(user_ids))
            .values(attended=True)
        )


@pytest.fixture
async def scene(database: Database, clock: ManualClock) -> Scene:
    """A workshop session that ended at 11:30 UTC: three registered teachers, one waitlisted."""
    async with database.write() as session:
        session.add_all(
            [
                teacher_row(LEADER, name="Сапарова Гүлнар Әбдуқызы"),
                teacher_row(COORDINATOR, name="Жұмабеков Нұрлан Асқарұлы"),
                teacher_row(AIGUL, name="Ахметова Айгүл Серікқызы"),
                teacher_row(BOLAT, name="Болатов Болат Ерланұлы", language="ru"),
                teacher_row(DANA, name="Dana Smith", language="en"),
                teacher_row(ERLAN, name="Ерланов Ерлан Бекұлы"),
            ]
        )
        await session.flush()
        session.add(UserRole(user_id=COORDINATOR, role=Role.COORDINATOR))
    workshop = await approved_workshop(
        database,
        LEADER,
        title="Оқу сауаттылығы <бастауыш>",
        method="Lesson Study",
        audience="1-4 сыныптар",
    )
    event = await scheduled_session(
        database, workshop.id, STARTS, topic="Мәтінмен жұмыс & сұрақ қою", duration_minutes=90
    )
    for user_id in (AIGUL, BOLAT, DANA):
        await add_seat(database, event.id, user_id)
    await add_seat(database, event.id, ERLAN, SeatStatus.WAITLISTED)
    clock.set(ENDS + timedelta(hours=1))
    return Scene(database, clock, FeedbackService(database, clock), event.id)


async def feedback_rows(db: Database, session_id: int) -> list[Feedback]:
    async with db.read() as session:
        rows = await session.scalars(
            select(Feedback).where(Feedback.session_id == session_id).order_by(Feedback.user_id)
        )
        return list(rows)


async def outbox_chats(db: Database, purpose: str) -> list[int]:
    async with db.read() as session:
        return sorted(item.chat_id for item in await OutboxRepository(session).items(purpose))


@pytest.fixture
async def core() -> Any:
    loaded = build_core("kk")
    await loaded.startup()
    return loaded


def i18n_for(core: Any, language: str) -> I18nContext:
    return I18nContext(language, core, MemoryManager(), {})


# Answering.


async def test_a_second_answer_from_the_same_person_updates_the_first(scene: Scene) -> None:
    await scene.service.record_score(AIGUL, scene.session_id, 3)
    await scene.service.record_apply(AIGUL, scene.session_id, ApplyAnswer.PARTLY)
    await scene.service.record_comment(AIGUL, scene.session_id, "  Пайдалы болды  ")

    await scene.service.record_score(AIGUL, scene.session_id, 5)
    await scene.service.record_apply(AIGUL, scene.session_id, "yes")

    rows = await feedback_rows(scene.database, scene.session_id)
    assert [(r.user_id, r.usefulness, r.apply, r.comment) for r in rows] == [
        (AIGUL, 5, ApplyAnswer.YES, "Пайдалы болды")
    ]


async def test_feedback_after_seven_days_is_refused(scene: Scene) -> None:
    scene.clock.set(ENDS + timedelta(days=7) - timedelta(minutes=1))
    await scene.service.record_score(AIGUL, scene.session_id, 4)

    scene.clock.set(ENDS + timedelta(days=7, minutes=1))
    with pytest.raises(FeedbackClosed):
        await scene.service.record_score(AIGUL, scene.session_id, 2)
    with pytest.raises(FeedbackClosed):
        await scene.service.record_comment(AIGUL, scene.session_id, "Кеш қалдым")
    with pytest.raises(FeedbackClosed):
        await scene.service.ensure_can_answer(AIGUL, scene.session_id)

    rows = await feedback_rows(scene.database, scene.session_id)
    assert [(r.usefulness, r.comment) for r in rows] == [(4, None)]


async def test_feedback_before_the_session_ends_is_not_taken(scene: Scene) -> None:
    scene.clock.set(ENDS - timedelta(minutes=5))
    with pytest.raises(FeedbackNotOpen):
        await scene.service.record_score(AIGUL, scene.session_id, 5)


async def test_someone_who_was_not_at_the_session_cannot_answer(scene: Scene) -> None:
    with pytest.raises(NotParticipant):
        await scene.service.record_score(ERLAN, scene.session_id, 5)  # waitlisted
    with pytest.raises(NotParticipant):
        await scene.service.record_score(LEADER, scene.session_id, 5)  # no seat at all

    # Once attendance is marked, a registered teacher who did not come is no longer a participant.
    await mark_attended(scene.database, scene.session_id, AIGUL)
    with pytest.raises(NotParticipant):
        await scene.service.record_apply(BOLAT, scene.session_id, ApplyAnswer.NO)
    await scene.service.record_score(AIGUL, scene.session_id, 4)

    assert [r.user_id for r in await feedback_rows(scene.database, scene.session_id)] == [AIGUL]


async def test_unknown_and_cancelled_sessions_take_no_answers(scene: Scene) -> None:
    with pytest.raises(NotFound):
        await scene.service.record_score(AIGUL, scene.session_id + 1000, 5)
    async with scene.database.write() as session:
        event = await session.get(EventSession, scene.session_id)
        assert event is not None
        event.status = SessionStatus.CANCELLED
    with pytest.raises(NotFound):
        await scene.service.record_score(AIGUL, scene.session_id, 5)


@pytest.mark.parametrize("score", [0, 6, -1, 100])
async def test_a_score_outside_one_to_five_is_refused(scene: Scene, score: int) -> None:
    with pytest.raises(InvalidInput):
        await scene.service.record_score(AIGUL, scene.session_id, score)
    assert await feedback_rows(scene.database, scene.session_id) == []


async def test_an_unknown_apply_answer_and_an_overlong_comment_are_refused(scene: Scene) -> None:
    with pytest.raises(InvalidInput):
        await scene.service.record_apply(AIGUL, scene.session_id, "maybe")
    with pytest.raises(CommentTooLong) as refused:
        await scene.service.record_comment(AIGUL, scene.session_id, "ә" * (COMMENT_MAX + 1))
    # The message names the limit and the length sent.
    assert refused.value.params == {"max": str(COMMENT_MAX), "length": str(COMMENT_MAX + 1)}
    with pytest.raises(InvalidInput):
        await scene.service.record_comment(AIGUL, scene.session_id, "   ")
    await scene.service.record_comment(AIGUL, scene.session_id, "ә" * COMMENT_MAX)


async def test_participants_are_the_attendees_when_attendance_was_marked_else_everyone_registered(
    scene: Scene,
) -> None:
    everyone = await scene.service.participants(scene.session_id)
    assert [u.id for u in everyone] == [AIGUL, BOLAT, DANA]

    await mark_attended(scene.database, scene.session_id, AIGUL, DANA)
    attendees = await scene.service.participants(scene.session_id)
    assert [u.id for u in attendees] == [AIGUL, DANA]


# Requests and the nudge, through a real outbox.


async def test_requests_go_to_participants_each_in_their_own_language_and_only_once(
    scene: Scene, core: Any
) -> None:
    db = scene.database
    outbox = Outbox(db)

    queued = await queue_feedback_requests(db, outbox, core, ZONE, scene.session_id)

    assert queued == 3
    purpose = request_purpose(scene.session_id)
    assert await outbox_chats(db, purpose) == [AIGUL, BOLAT, DANA]
    async with db.read() as session:
        items = await OutboxRepository(session).items(purpose)
    texts = {item.chat_id: item.content.text or "" for item in items}
    assert "15 желтоқсан, 15:00" in texts[AIGUL]
    assert "15 декабря, 15:00" in texts[BOLAT]
    assert "15 December, 15:00" in texts[DANA]
    for text in texts.values():
        assert "Оқу сауаттылығы &lt;бастауыш&gt;" in text  # the leader's words, escaped
        assert "Мәтінмен жұмыс &amp; сұрақ қою" in text
    markup = json.loads(items[0].content.reply_markup or "{}")
    buttons = [b["callback_data"] for row in markup["inline_keyboard"] for b in row]
    assert buttons == [
        FeedbackScoreCb(session_id=scene.session_id, score=s).pack() for s in range(1, 6)
    ]

    # The job retried, or ran twice: nothing new.
    assert await queue_feedback_requests(db, outbox, core, ZONE, scene.session_id) == 0
    assert await outbox_chats(db, purpose) == [AIGUL, BOLAT, DANA]


async def test_requests_skip_people_who_blocked_the_bot_and_cancelled_sessions(
    scene: Scene, core: Any
) -> None:
    db = scene.database
    async with db.write() as session:
        dana = await session.get(User, DANA)
        assert dana is not None
        dana.is_active = False
    outbox = Outbox(db)
    assert await queue_feedback_requests(db, outbox, core, ZONE, scene.session_id) == 2
    assert await queue_feedback_requests(db, outbox, core, ZONE, 999_999) == 0


async def test_the_nudge_goes_only_to_those_who_have_not_answered(scene: Scene, core: Any) -> None:
    db = scene.database
    outbox = Outbox(db)
    await queue_feedback_requests(db, outbox, core, ZONE, scene.session_id)
    await scene.service.record_score(BOLAT, scene.session_id, 4)

    assert await queue_feedback_nudges(db, outbox, core, ZONE, scene.session_id) == 2
    assert await outbox_chats(db, nudge_purpose(scene.session_id)) == [AIGUL, DANA]

    # Exactly one reminder: answering or not, a second run adds nothing.
    assert await queue_feedback_nudges(db, outbox, core, ZONE, scene.session_id) == 0
    assert await outbox_chats(db, nudge_purpose(scene.session_id)) == [AIGUL, DANA]


async def test_no_nudge_for_people_who_were_never_asked(scene: Scene, core: Any) -> None:
    outbox = Outbox(scene.database)
    assert await queue_feedback_nudges(scene.database, outbox, core, ZONE, scene.session_id) == 0


# The summary.


async def answer_all(scene: Scene) -> None:
    service, sid = scene.service, scene.session_id
    await service.record_score(AIGUL, sid, 5)
    await service.record_apply(AIGUL, sid, ApplyAnswer.YES)
    await service.record_comment(AIGUL, sid, "Сұрақ қою тәсілі <өте> ұнады")
    await service.record_score(BOLAT, sid, 4)
    await service.record_apply(BOLAT, sid, ApplyAnswer.NO)
    await service.record_score(DANA, sid, 4)
    await service.record_apply(DANA, sid, ApplyAnswer.PARTLY)
    await service.record_comment(DANA, sid, "More examples, please")


async def test_the_summary_counts_scores_and_answers(scene: Scene, core: Any) -> None:
    outbox = Outbox(scene.database)
    await queue_feedback_requests(scene.database, outbox, core, ZONE, scene.session_id)
    await answer_all(scene)

    summary = await scene.service.summary(LEADER_ACTOR, scene.session_id)

    assert (summary.asked, summary.answered, summary.average) == (3, 3, 4.3)
    assert summary.scores == {1: 0, 2: 0, 3: 0, 4: 2, 5: 1}
    assert summary.apply == {ApplyAnswer.YES: 1, ApplyAnswer.PARTLY: 1, ApplyAnswer.NO: 1}
    text = render_summary(i18n_for(core, "kk"), summary, ZONE)
    assert "4,3" in text
    assert "иә — 1, ішінара — 1, жоқ — 1" in text


async def test_the_leaders_summary_hides_names_the_coordinators_shows_them(
    scene: Scene, core: Any
) -> None:
    await answer_all(scene)
    i18n = i18n_for(core, "kk")

    for_leader = await scene.service.summary(LEADER_ACTOR, scene.session_id)
    assert [c.author_name for c in for_leader.comments] == [None, None]
    leader_text = render_summary(i18n, for_leader, ZONE)
    assert "Сұрақ қою тәсілі &lt;өте&gt; ұнады" in leader_text
    assert "Ахметова" not in leader_text
    assert "Dana Smith" not in leader_text

    for_coordinator = await scene.service.summary(COORDINATOR_ACTOR, scene.session_id)
    assert [c.author_name for c in for_coordinator.comments] == [
        "Ахметова Айгүл Серікқызы",
        "Dana Smith",
    ]
    coordinator_text = render_summary(i18n, for_coordinator, ZONE)
    assert "Ахметова Айгүл Серікқызы" in coordinator_text
    assert "Dana Smith" in coordinator_text


async def test_only_the_leader_and_coordinators_see_the_summary(scene: Scene) -> None:
    with pytest.raises(PermissionDenied):
        await scene.service.summary(actor(AIGUL), scene.session_id)
    another_leader = Actor(user_id=AIGUL, roles=frozenset({Role.LEADER}), registered=True)
    with pytest.raises(PermissionDenied):
        await scene.service.summary(another_leader, scene.session_id)
    with pytest.raises(NotFound):
        await scene.service.summary(COORDINATOR_ACTOR, scene.session_id + 1000)


async def test_a_long_summary_stays_under_telegrams_limit(scene: Scene, core: Any) -> None:
    async with scene.database.write() as session:
        for user_id in range(1000, 1030):
            session.add(teacher_row(user_id, name=f"Мұғалім Нөмір{user_id}"))
        await session.flush()
        for user_id in range(1000, 1030):
            session.add(
                Seat(session_id=scene.session_id, user_id=user_id, status=SeatStatus.REGISTERED)
            )
    for user_id in range(1000, 1030):
        await scene.service.record_score(user_id, scene.session_id, 3)
        await scene.service.record_comment(user_id, scene.session_id, "<&>" * 333)

    for reader in (LEADER_ACTOR, COORDINATOR_ACTOR):
        summary = await scene.service.summary(reader, scene.session_id)
        for language in ("kk", "ru", "en"):
            text = render_summary(i18n_for(core, language), summary, ZONE)
            assert len(text) <= MESSAGE_MAX
            assert text.count("&lt;&amp;&gt;") > 0
        assert "пікір сыймады" in render_summary(i18n_for(core, "kk"), summary, ZONE)


async def test_an_empty_summary_says_nobody_answered(scene: Scene, core: Any) -> None:
    summary = await scene.service.summary(COORDINATOR_ACTOR, scene.session_id)
    assert (summary.answered, summary.average) == (0, None)
    assert "ешкім жауап бермеді" in render_summary(i18n_for(core, "kk"), summary, ZONE)


# Buttons.


@pytest.mark.parametrize(
    "item",
    [
        FeedbackScoreCb(session_id=BIG_ID, score=5),
        FeedbackEditCb(session_id=BIG_ID),
        FeedbackSummaryCb(session_id=BIG_ID),
    ],
    ids=lambda item: type(item).__name__,
)
def test_feedback_callback_data_with_the_largest_ids_fits(item: CallbackData) -> None:
    packed = item.pack()
    assert len(packed.encode("utf-8")) <= 64
    assert type(item).unpack(packed) == item


def test_the_summary_button_is_what_other_features_render() -> None:
    assert FeedbackSummaryCb(session_id=12).pack() == "fbs:12"
    markup = score_keyboard(BIG_ID)
    assert all(len((b.callback_data or "").encode()) <= 64 for b in markup.inline_keyboard[0])
