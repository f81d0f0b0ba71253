"""Feedback on workshop sessions (кері байланыс): the measure of a workshop's effectiveness.

Rules of the regional online workshop (000): effectiveness is measured through the feedback of
the teachers who took part (5.5), and a participant has the right not to adopt the practice
presented (5.3), so «no» is an answer like any other.

- Participants of a session are the registered seats marked as attended; when nobody was marked
  at all, every registered seat.
- One answer per person per session; answering again changes the same answer. Answers are taken
  from the end of the session for FEEDBACK_WINDOW.
- The workshop's leader sees the figures and the comments without names; coordinators see who
  wrote each comment.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.notices import purposes
from bot.services.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from bot.services.permissions import Actor
from storage.database import Database
from storage.models import ApplyAnswer, EventSession, Feedback, SessionStatus, User
from storage.repositories.feedback import FeedbackRepository

FEEDBACK_WINDOW = timedelta(days=7)
COMMENT_MAX = 1000
SCORES = (1, 2, 3, 4, 5)


def feedback_deadline(session: EventSession) -> datetime:
    """The last moment an answer can be given or changed."""
    return session.ends_at + FEEDBACK_WINDOW


class FeedbackNotOpen(DomainError):
    """The session has not ended yet."""

    code = "feedback-not-open"


class FeedbackClosed(DomainError):
    """More than FEEDBACK_WINDOW has passed since the session ended."""

    code = "feedback-closed"


class NotParticipant(DomainError):
    code = "feedback-not-participant"


class CommentTooLong(DomainError):
    """Raised with `max` and `length`, which the message names."""

    code = "feedback-comment-too-long"


def normalize_comment(text: str) -> str:
    """A comment as stored: trimmed, not empty, at most COMMENT_MAX characters."""
    comment = text.strip()
    if not comment:
        raise InvalidInput
    if len(comment) > COMMENT_MAX:
        raise CommentTooLong(max=str(COMMENT_MAX), length=str(len(comment)))
    return comment


@dataclass(frozen=True)
class FeedbackComment:
    text: str
    # Filled for coordinators only: the leader never receives who wrote what.
    author_name: str | None = None
    author_id: int | None = None


@dataclass(frozen=True)
class FeedbackSummary:
    session: EventSession
    asked: int
    answered: int
    average: float | None  # usefulness, 1..5, rounded to one decimal; None without scores
    scores: dict[int, int]  # 1..5 -> how many gave it
    apply: dict[ApplyAnswer, int]
    comments: tuple[FeedbackComment, ...]
    names_shown: bool


class FeedbackService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    async def event_session(self, session_id: int) -> EventSession:
        """The session, with its workshop; NotFound if there is none by that id."""
        async with self.database.read() as session:
            found = await FeedbackRepository(session).event_session(session_id)
        if found is None:
            raise NotFound
        return found

    async def participants(self, session_id: int) -> list[User]:
        async with self.database.read() as session:
            repo = FeedbackRepository(session)
            return await repo.users(await repo.participant_ids(session_id))

    async def unanswered(self, session_id: int) -> list[User]:
        """Participants whom the request reached and who have not answered yet."""
        async with self.database.read() as session:
            repo = FeedbackRepository(session)
            asked = await repo.queued_chat_ids(
                purposes.feedback_request(session_id), delivered_only=True
            )
            participants = set(await repo.participant_ids(session_id))
            waiting = (asked & participants) - await repo.answered_ids(session_id)
            return await repo.users(waiting)

    async def already_queued(self, purpose: str) -> set[int]:
        """Chats that already have a message of this purpose in the outbox."""
        async with self.database.read() as session:
            return await FeedbackRepository(session).queued_chat_ids(purpose)

    async def answer(self, user_id: int, session_id: int) -> Feedback | None:
        async with self.database.read() as session:
            return await FeedbackRepository(session).get(session_id, user_id)

    async def ensure_can_answer(self, user_id: int, session_id: int) -> EventSession:
        """The session, if this person may answer about it now; raises the reason otherwise."""
        async with self.database.read() as session:
            return await self._check(FeedbackRepository(session), user_id, session_id)

    async def record_score(self, user_id: int, session_id: int, score: int) -> Feedback:
        if isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
            raise InvalidInput
        return await self._save(user_id, session_id, usefulness=score)

    async def record_apply(
        self, user_id: int, session_id: int, answer: ApplyAnswer | str
    ) -> Feedback:
        try:
            value = ApplyAnswer(answer)
        except ValueError:
            raise InvalidInput from None
        return await self._save(user_id, session_id, apply=value)

    async def record_comment(self, user_id: int, session_id: int, text: str) -> Feedback:
        return await self._save(user_id, session_id, comment=normalize_comment(text))

    async def summary(self, actor: Actor, session_id: int) -> FeedbackSummary:
        async with self.database.read() as session:
            repo = FeedbackRepository(session)
            event = await repo.event_session(session_id)
            if event is None:
                raise NotFound
            if not actor.manages(event.workshop):
                raise PermissionDenied
            answers = await repo.answers(session_id)
            asked = await repo.queued_chat_ids(
                purposes.feedback_request(session_id), delivered_only=True
            )
        names_shown = actor.is_coordinator
        scores = Counter(f.usefulness for f, _ in answers if f.usefulness in SCORES)
        applied = Counter(f.apply for f, _ in answers if f.apply is not None)
        total = sum(scores.values())
        average = round(sum(s * n for s, n in scores.items()) / total, 1) if total else None
        comments = tuple(
            FeedbackComment(
                text=f.comment or "",
                author_name=(u.full_name or None) if names_shown else None,
                author_id=u.id if names_shown else None,
            )
            for f, u in answers
            if f.comment
        )
        return FeedbackSummary(
            session=event,
            asked=len(asked | {u.id for _, u in answers}),
            answered=len(answers),
            average=average,
            scores={score: scores.get(score, 0) for score in SCORES},
            apply={answer: applied.get(answer, 0) for answer in ApplyAnswer},
            comments=comments,
            names_shown=names_shown,
        )

    async def _save(self, user_id: int, session_id: int, **values: object) -> Feedback:
        async with self.database.write() as session:
            repo = FeedbackRepository(session)
            await self._check(repo, user_id, session_id)
            return await repo.save(session_id, user_id, **values)

    async def _check(self, repo: FeedbackRepository, user_id: int, session_id: int) -> EventSession:
        event = await repo.event_session(session_id)
        if event is None or event.status == SessionStatus.CANCELLED:
            raise NotFound
        if user_id not in await repo.participant_ids(session_id):
            raise NotParticipant
        now = self.clock.now()
        if now < event.ends_at:
            raise FeedbackNotOpen
        if now > feedback_deadline(event):
            raise FeedbackClosed
        return event
