"""What the fake records and keeps: the users a test plays, files, every call, 429s given and
retry_after violations; and the small state of injected faults and callback queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .constants import JSONDict


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user the test plays; pass it to the update-pushing helpers."""

    id: int
    first_name: str = "Test"
    language_code: str | None = "kk"
    username: str | None = None
    last_name: str | None = None

    def to_dict(self) -> JSONDict:
        """The ``User`` object as Telegram puts it in ``from`` fields."""
        user: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def private_chat(self) -> JSONDict:
        """The ``Chat`` object of this user's private chat with the bot."""
        chat: JSONDict = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.username:
            chat["username"] = self.username
        return chat


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request, kept so tests can check what the bot sent."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class StoredFile:
    """A file the fake knows by file_id (uploaded by the bot or sent by a fake user)."""

    file_id: str
    file_unique_id: str
    kind: str
    file_name: str | None = None
    mime_type: str | None = None
    data: bytes | None = None
    file_size: int | None = None
    file_path: str | None = None


@dataclass
class RecordedCall:
    """One HTTP request to the Bot API, recorded the moment it arrives.

    ``status``/``response`` stay None while the call is being answered (a long poll, an
    injected delay); predicates given to :meth:`FakeTelegram.wait_for` see such pending
    calls too, so "the bot is polling" can be detected without waiting for the poll.
    """

    method: str
    params: JSONDict
    token: str
    time: float
    http_method: str = "POST"
    files: dict[str, UploadedFile] = field(default_factory=dict)
    status: int | None = None
    response: JSONDict | None = None
    answered_at: float | None = None
    chat_id: int | str | None = None
    message: JSONDict | None = None
    """For successful send/edit calls: the resulting Message (a snapshot at that time)."""
    abandoned: bool = False
    """The client had disconnected before the answer (e.g. a killed bot's pending poll)."""

    @property
    def pending(self) -> bool:
        """Whether the call has not been answered yet."""
        return self.status is None

    @property
    def ok(self) -> bool:
        """Whether the call was answered 200."""
        return self.status == 200

    @property
    def result(self) -> Any:
        """The ``result`` of a successful answer (None otherwise)."""
        return self.response.get("result") if self.response else None

    @property
    def description(self) -> str | None:
        """The error description of a failed answer."""
        return self.response.get("description") if self.response else None

    @property
    def text(self) -> str | None:
        """Text as the user sees it (after parse_mode), else the raw text/caption param."""
        if self.message is not None:
            value = self.message.get("text", self.message.get("caption"))
            if isinstance(value, str):
                return value
        raw = self.params.get("text", self.params.get("caption"))
        return raw if isinstance(raw, str) else None

    def summary(self, origin: float = 0.0) -> str:
        """A one-line description for assertion messages."""
        state = "pending" if self.status is None else str(self.status)
        if self.abandoned:
            state += " (client gone)"
        detail = ""
        if self.status not in (None, 200):
            detail = f" {self.description!r}"
        elif self.text is not None:
            detail = f" {shorten(self.text)!r}"
        elif self.method == "getUpdates" and isinstance(self.result, list):
            detail = f" {len(self.result)} update(s)"
        elif "callback_data" in self.params or "callback_query_id" in self.params:
            detail = f" {self.params.get('callback_query_id')!r}"
        chat = f" chat={self.chat_id}" if self.chat_id is not None else ""
        return f"{self.time - origin:8.3f}s {self.method}{chat} -> {state}{detail}"


@dataclass(frozen=True)
class RateLimitHit:
    """A 429 the fake gave (flood limit, a violation, or an injected error)."""

    time: float
    method: str
    chat_id: int | str | None
    retry_after: int | None
    reason: str
    """``global``, ``private``, ``group``, ``still_limited`` (a violation) or ``injected``."""


@dataclass(frozen=True)
class RetryAfterViolation:
    """A request that arrived before the ``retry_after`` it had been given expired."""

    time: float
    method: str
    chat_id: int | str | None
    scope: str
    """``chat``, ``global`` or ``method`` (an injected 429 on a method without a chat)."""
    deadline: float
    early_by: float


@dataclass
class Injection:
    status: int
    remaining: int
    description: str
    retry_after: int | None
    raw_body: str | None


@dataclass
class Delay:
    seconds: float
    remaining: int | None


@dataclass
class CallbackState:
    user_id: int
    created: float
    answered: bool = False


def id_of(chat: int | FakeUser) -> int:
    return chat.id if isinstance(chat, FakeUser) else int(chat)


def shorten(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
