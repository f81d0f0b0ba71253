"""Flood limits as Telegram applies them, and retry_after deadlines.

Rate-limit model (all numbers are per-instance attributes, settable at any time):

* globally at most ``global_per_second`` (30) message sends/edits in any sliding second;
* a private chat is a token bucket of ``private_burst`` (3) tokens refilled at
  ``private_per_second`` (1) per second: Telegram's documented "about one message per
  second" in a chat, with the short bursts it tolerates in practice;
* a group/supergroup/channel allows ``group_per_minute`` (20) in any sliding minute.

A refused request consumes nothing. Every 429 is recorded in :attr:`rate_limit_hits`;
any later send to that chat (or anywhere, for the global limit, or the same method for
an injected 429 on a non-sending method) before its ``retry_after`` has passed is
answered 429 again and recorded in :attr:`retry_after_violations`. ``rate_limits=False``
switches off the built-in limiter only; deadlines from injected 429s are still enforced.
"""

from __future__ import annotations

import math
import time
from collections import deque

from .constants import RATE_LIMITED_METHODS, JSONDict
from .errors import ApiError
from .records import RateLimitHit, RecordedCall, RetryAfterViolation
from .state import ServerState


class RateLimitsMixin(ServerState):
    """429s: the built-in limiter and the retry_after deadlines."""

    def _deadline_key(self, call: RecordedCall) -> tuple[str, int | str | None]:
        if call.method in RATE_LIMITED_METHODS:
            return ("chat", call.chat_id) if call.chat_id is not None else ("global", None)
        return ("method", call.method)

    def _check_deadlines(self, call: RecordedCall) -> None:
        """A request before its retry_after expired: a violation, answered 429 again."""
        if call.method in RATE_LIMITED_METHODS:
            keys: list[tuple[str, int | str | None]] = [("global", None)]
            if call.chat_id is not None:
                keys.append(("chat", call.chat_id))
        else:
            keys = [("method", call.method)]
        now = time.monotonic()
        for key in keys:
            deadline = self._deadlines.get(key)
            if deadline is None or now >= deadline:
                continue
            violation = RetryAfterViolation(
                now, call.method, call.chat_id, key[0], deadline, deadline - now
            )
            self.retry_after_violations.append(violation)
            retry_after = max(1, math.ceil(deadline - now))
            self._record_429(call, retry_after, "still_limited", None)
            raise ApiError(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )

    def _record_429(
        self,
        call: RecordedCall,
        retry_after: int | None,
        reason: str,
        key: tuple[str, int | str | None] | None,
    ) -> None:
        now = time.monotonic()
        hit = RateLimitHit(now, call.method, call.chat_id, retry_after, reason)
        self.rate_limit_hits.append(hit)
        if key is not None and retry_after:
            self._deadlines[key] = max(self._deadlines.get(key, 0.0), now + retry_after)

    def _too_many(
        self, call: RecordedCall, retry_after: int, reason: str, chat_id: int | None
    ) -> ApiError:
        key: tuple[str, int | str | None] = ("chat", chat_id)
        if chat_id is None:
            key = ("global", None)
        self._record_429(call, retry_after, reason, key)
        return ApiError(
            429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
        )

    def _consume_rate(self, call: RecordedCall, chat: JSONDict) -> None:
        """Refuse (429) or account one message to ``chat``; nothing is consumed on refusal."""
        if not self.rate_limits:
            return
        now = time.monotonic()
        window = self._global_window
        while window and now - window[0] >= 1.0:
            window.popleft()
        if len(window) >= self.global_per_second:
            raise self._too_many(call, max(1, math.ceil(window[0] + 1.0 - now)), "global", None)
        chat_id = int(chat["id"])
        if chat["type"] == "private":
            capacity = float(self.private_burst)
            tokens, last = self._buckets.get(chat_id, (capacity, now))
            tokens = min(capacity, tokens + (now - last) * self.private_per_second)
            if tokens < 1.0:
                self._buckets[chat_id] = (tokens, now)
                retry = max(1, math.ceil((1.0 - tokens) / self.private_per_second))
                raise self._too_many(call, retry, "private", chat_id)
            self._buckets[chat_id] = (tokens - 1.0, now)
        else:
            group_window = self._group_windows.setdefault(chat_id, deque())
            while group_window and now - group_window[0] >= 60.0:
                group_window.popleft()
            if len(group_window) >= self.group_per_minute:
                retry = max(1, math.ceil(group_window[0] + 60.0 - now))
                raise self._too_many(call, retry, "group", chat_id)
            group_window.append(now)
        window.append(now)
