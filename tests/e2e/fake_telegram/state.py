"""Everything the fake knows, in one place: configuration, recorded calls, updates, users,
chats, messages, files, commands, callback queries, injected faults and rate-limit windows;
and the helpers every part uses to wake waiters and to resolve a chat as Telegram does.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import time
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

from aiohttp import web

from .constants import JSONDict
from .errors import ApiError, bad_request
from .records import (
    CallbackState,
    Delay,
    Injection,
    RateLimitHit,
    RecordedCall,
    RetryAfterViolation,
    StoredFile,
)


class ServerState:
    """The fake's state; the mixins in the sibling modules add behaviour to it."""

    def __init__(
        self,
        *,
        rate_limits: bool = True,
        global_per_second: int = 30,
        private_burst: int = 3,
        private_per_second: float = 1.0,
        group_per_minute: int = 20,
        callback_timeout: float = 15.0,
        token: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        """Configure the fake; nothing listens until :meth:`start`.

        :param rate_limits: enforce the flood limits described in :mod:`.ratelimits`.
        :param callback_timeout: seconds after which a callback query can no longer be
            answered (Telegram's exact limit is undocumented; clients give up in ~15 s).
        :param token: if set, any other token is answered 401 Unauthorized; by default
            every token is accepted (and recorded in :attr:`RecordedCall.token`).
        """
        self.rate_limits = rate_limits
        self.global_per_second = global_per_second
        self.private_burst = private_burst
        self.private_per_second = private_per_second
        self.group_per_minute = group_per_minute
        self.callback_timeout = callback_timeout
        self.token = token
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self._origin = time.monotonic()
        self._stopping = False

        self.calls: list[RecordedCall] = []
        self.updates: list[JSONDict] = []
        """Every update ever pushed, in order (delivered or not)."""
        self._pending: list[JSONDict] = []
        self._update_ids = itertools.count(500_000_001)
        self._allowed_updates: frozenset[str] | None = None
        self._current_poll: RecordedCall | None = None
        self._webhook_url = ""
        self._waiters: list[asyncio.Future[None]] = []

        self._users: dict[int, JSONDict] = {}
        self._chats: dict[int, JSONDict] = {}
        self._usernames: dict[str, int] = {}
        self._blocked: set[int] = set()
        self._deactivated: set[int] = set()
        self._bot_status: dict[int, str] = {}
        self._members: dict[tuple[int, int], str] = {}
        self._migrated: dict[int, int] = {}

        self._messages: dict[int, dict[int, JSONDict]] = {}
        self._bot_messages: set[tuple[int, int]] = set()
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._files: dict[str, StoredFile] = {}
        self._file_counter = itertools.count(1)

        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.menu_buttons: dict[int | None, JSONDict] = {}
        """setChatMenuButton results: chat id (None = the default button) → MenuButton."""
        self._callbacks: dict[str, CallbackState] = {}
        self.callback_answers: dict[str, JSONDict] = {}
        """Accepted answerCallbackQuery params by callback query id."""

        self._injections: dict[str, deque[Injection]] = {}
        self._delays: dict[str, Delay] = {}
        self.internal_errors: list[str] = []
        """Tracebacks of exceptions inside the fake itself (should stay empty)."""
        self.rate_limit_hits: list[RateLimitHit] = []
        self.retry_after_violations: list[RetryAfterViolation] = []
        self._deadlines: dict[tuple[str, int | str | None], float] = {}
        self._global_window: deque[float] = deque()
        self._group_windows: dict[int, deque[float]] = {}
        self._buckets: dict[int, tuple[float, float]] = {}

        self._handlers = self._routes()
        self._method_names = {name.lower(): name for name in self._handlers}

    def _routes(self) -> dict[str, Callable[[RecordedCall], Any]]:
        """Bot API method name → its handler; the server (:class:`FakeTelegram`) has the table."""
        raise NotImplementedError

    def _canonical(self, method: str) -> str | None:
        return self._method_names.get(method.lower())

    def _notify(self) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def _wait_change(self, timeout: float) -> None:
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(waiter, timeout)

    async def _sleep(self, seconds: float) -> None:
        """Sleep, but wake up early when the server stops."""
        deadline = time.monotonic() + seconds
        while not self._stopping:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            await self._wait_change(remaining)

    def _remember_user(self, user: Mapping[str, Any]) -> None:
        if not isinstance(user, Mapping) or "id" not in user or user.get("is_bot"):
            return
        self._users[int(user["id"])] = dict(user)

    def _remember_chat(self, chat: Mapping[str, Any]) -> JSONDict:
        chat_id = int(chat["id"])
        stored = {**self._chats.get(chat_id, {}), **chat}
        self._chats[chat_id] = stored
        if stored.get("username"):
            self._usernames[str(stored["username"]).lower()] = chat_id
        return copy.deepcopy(stored)

    def _peek_chat(self, raw: Any) -> int | str | None:
        """Best-effort chat id of a call for recording/deadlines (never raises)."""
        if isinstance(raw, bool) or raw is None or raw == "":
            return None
        if isinstance(raw, int):
            return raw
        if isinstance(raw, str) and raw.startswith("@"):
            return self._usernames.get(raw[1:].lower(), raw)
        return str(raw)

    def _resolve_chat(self, raw: Any, *, for_write: bool = False) -> JSONDict:
        """The stored Chat for a chat_id param, or the error Telegram gives."""
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        chat_id: int | None
        if isinstance(raw, int) and not isinstance(raw, bool):
            chat_id = raw
        elif isinstance(raw, str) and raw.startswith("@"):
            chat_id = self._usernames.get(raw[1:].lower())
        else:
            chat_id = None
        if chat_id is None:
            raise bad_request("chat not found")
        if chat_id in self._migrated:
            raise bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        chat = self._chats.get(chat_id)
        if chat is None:
            if for_write and chat_id in self._users:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            raise bad_request("chat not found")
        if for_write:
            self._check_can_write(chat)
        return chat

    def _check_can_write(self, chat: JSONDict) -> None:
        chat_id = int(chat["id"])
        if chat["type"] == "private":
            if chat_id in self._deactivated:
                raise ApiError(403, "Forbidden: user is deactivated")
            if chat_id in self._blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            return
        status = self._bot_status.get(chat_id)
        if status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat['type']} chat")
        if status == "left":
            raise ApiError(403, f"Forbidden: bot is not a member of the {chat['type']} chat")

    def _target(self, call: RecordedCall, name: str = "chat_id") -> JSONDict:
        chat = self._resolve_chat(call.params.get(name), for_write=True)
        if name == "chat_id":
            call.chat_id = int(chat["id"])
        return chat
