"""Faults a test injects: error answers (any status, JSON or not) and slow answers."""

from __future__ import annotations

from collections import deque

from .constants import CONFLICT_OTHER_POLL
from .errors import ApiError, InjectedRaw
from .ratelimits import RateLimitsMixin
from .records import Delay, Injection, RecordedCall


class FaultsMixin(RateLimitsMixin):
    """inject_errors() and delay(), and applying them to calls."""

    def inject_errors(
        self,
        method: str,
        status: int,
        count: int = 1,
        description: str | None = None,
        retry_after: int | None = None,
        *,
        raw_body: str | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` (``"*"`` = any) fail this way.

        The call is not processed. A 429 with ``retry_after`` behaves like a real flood
        wait: it is recorded, and an early retry is a violation. ``raw_body`` replaces the
        JSON answer (e.g. nginx's HTML 502 page, which aiogram cannot decode).
        """
        if description is None:
            description = {
                400: "Bad Request: injected error",
                401: "Unauthorized",
                403: "Forbidden: injected error",
                404: "Not Found",
                409: CONFLICT_OTHER_POLL,
                429: f"Too Many Requests: retry after {retry_after}"
                if retry_after
                else "Too Many Requests",
                500: "Internal Server Error",
                502: "Bad Gateway",
                503: "Service Unavailable",
                504: "Gateway Timeout",
            }.get(status, f"Error {status}")
        key = self._canonical(method) or method
        self._injections.setdefault(key, deque()).append(
            Injection(status, count, description, retry_after, raw_body)
        )

    def delay(
        self, method: str, seconds: float, count: int | None = None, *, before: bool = False
    ) -> None:
        """Answer ``method`` (``"*"`` = any) only after ``seconds``; 0 removes the delay.

        By default the call takes effect at once and only the answer is late, which is the
        nasty real case: the client times out although the message *was* sent. With
        ``before=True`` nothing happens until the delay has passed. ``count`` limits how
        many calls are delayed (None: until removed).
        """
        key = self._canonical(method) or method
        if seconds <= 0:
            self._delays.pop(key, None)
            self._delays.pop(f"{key}:before", None)
        else:
            self._delays[f"{key}:before" if before else key] = Delay(seconds, count)

    def _apply_injection(self, call: RecordedCall) -> None:
        for key in (call.method, "*"):
            queue = self._injections.get(key)
            if not queue:
                continue
            injection = queue[0]
            injection.remaining -= 1
            if injection.remaining <= 0:
                queue.popleft()
            if injection.status == 429:
                self._record_429(call, injection.retry_after, "injected", self._deadline_key(call))
            if injection.raw_body is not None:
                raise InjectedRaw(injection.status, injection.raw_body)
            parameters = {"retry_after": injection.retry_after} if injection.retry_after else None
            raise ApiError(injection.status, injection.description, parameters)

    async def _apply_delay(self, method: str, *, before: bool) -> None:
        for key in (method, "*"):
            name = f"{key}:before" if before else key
            delay = self._delays.get(name)
            if delay is None:
                continue
            if delay.remaining is not None:
                delay.remaining -= 1
                if delay.remaining <= 0:
                    self._delays.pop(name, None)
            await self._sleep(delay.seconds)
            return
