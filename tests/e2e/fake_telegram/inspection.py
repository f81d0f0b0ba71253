"""What a test asks the fake afterwards: the calls recorded, the messages as they are now,
buttons, and waiting until the bot has done something.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from typing import Any

from .constants import MESSAGE_METHODS, RATE_LIMITED_METHODS, JSONDict
from .records import FakeUser, RecordedCall, id_of
from .state import ServerState


class InspectionMixin(ServerState):
    """Reading the recorded calls and the current messages."""

    @property
    def errors(self) -> list[RecordedCall]:
        """Calls answered with anything but 200 (not counting abandoned long polls)."""
        return [c for c in self.calls if c.status not in (None, 200) and not c.abandoned]

    @property
    def messages(self) -> dict[int, list[JSONDict]]:
        """Current state of every message per chat (both directions, deleted ones gone)."""
        return {chat_id: list(stored.values()) for chat_id, stored in self._messages.items()}

    def calls_of(self, method: str) -> list[RecordedCall]:
        """Recorded calls of one method."""
        name = self._canonical(method) or method
        return [c for c in self.calls if c.method == name]

    def sent_to(self, chat_id: int | FakeUser) -> list[RecordedCall]:
        """Successful message-creating calls to a chat, oldest first (``.text`` on each)."""
        target = id_of(chat_id)
        return [
            c for c in self.calls if c.ok and c.method in MESSAGE_METHODS and c.chat_id == target
        ]

    def texts_sent_to(self, chat_id: int | FakeUser) -> list[str]:
        """Texts/captions of :meth:`sent_to`, for compact assertions."""
        return [c.text or "" for c in self.sent_to(chat_id)]

    def last_message(self, chat_id: int | FakeUser) -> JSONDict:
        """The newest existing message the bot sent to a chat, in its current state.

        Raises AssertionError (listing what the chat holds) if there is none.
        """
        target = id_of(chat_id)
        for message_id in reversed(list(self._messages.get(target, {}))):
            if (target, message_id) in self._bot_messages:
                return copy.deepcopy(self._messages[target][message_id])
        raise AssertionError(
            f"the bot has no message in chat {target}. Recent calls:\n{self.describe_calls()}"
        )

    def message(self, chat_id: int | FakeUser, message_id: int) -> JSONDict | None:
        """The current state of one message, or None if it does not exist (any more)."""
        stored = self._messages.get(id_of(chat_id), {}).get(message_id)
        return copy.deepcopy(stored) if stored is not None else None

    @staticmethod
    def buttons(message: JSONDict | RecordedCall) -> list[tuple[str, str | None]]:
        """(text, callback_data) of every inline button, row by row (None for url etc.)."""
        if isinstance(message, RecordedCall):
            if message.message is None:
                raise AssertionError(f"call has no message: {message.summary()}")
            message = message.message
        markup = message.get("reply_markup") or {}
        return [
            (str(button.get("text", "")), button.get("callback_data"))
            for row in markup.get("inline_keyboard", [])
            for button in row
        ]

    @classmethod
    def button_data(cls, message: JSONDict | RecordedCall, text_contains: str) -> str:
        """callback_data of the one button whose text contains ``text_contains``."""
        buttons = cls.buttons(message)
        matches = [
            (text, data)
            for text, data in buttons
            if text_contains.casefold() in text.casefold() and data is not None
        ]
        if len({data for _text, data in matches}) != 1:
            problem = "no button" if not matches else "several buttons"
            raise AssertionError(
                f"{problem} with callback_data whose text contains {text_contains!r}; "
                f"buttons: {buttons}"
            )
        return str(matches[0][1])

    def describe_calls(self, last: int = 25) -> str:
        """The last calls, one per line, for failure messages."""
        shown = self.calls[-last:]
        if not shown:
            return "  (no calls recorded)"
        return "\n".join("  " + call.summary(self._origin) for call in shown)

    async def wait_for(
        self,
        predicate: Callable[[RecordedCall], Any],
        timeout: float = 10.0,
        *,
        since: float | None = None,
        description: str | None = None,
    ) -> RecordedCall:
        """Wait until a recorded call satisfies ``predicate``; return the first such call.

        Pending calls are included (see :class:`RecordedCall`). A predicate raising
        KeyError/TypeError/AttributeError/IndexError counts as False, so lambdas can index
        params freely. ``since`` (a ``time.monotonic()`` value) ignores older calls. On
        timeout an AssertionError lists the last calls.
        """
        deadline = time.monotonic() + timeout
        while True:
            # Rescan everything: a pending call can start matching once it is answered.
            for call in self.calls:
                if (since is None or call.time >= since) and _safe(predicate, call):
                    return call
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                what = description or getattr(predicate, "__name__", "predicate")
                raise AssertionError(
                    f"no recorded call matched {what} within {timeout}s. "
                    f"Last calls:\n{self.describe_calls()}"
                )
            await self._wait_change(remaining)

    async def wait_for_message(
        self,
        chat_id: int | FakeUser,
        contains: str | None = None,
        timeout: float = 10.0,
        *,
        since: float | None = None,
        include_edits: bool = False,
    ) -> JSONDict:
        """Wait until the bot successfully sends a message to a chat; return that Message.

        ``contains`` filters on the visible text/caption. ``include_edits`` also accepts
        an edit that produced such a text. ``since`` ignores older calls.
        """
        target = id_of(chat_id)
        methods = RATE_LIMITED_METHODS if include_edits else MESSAGE_METHODS

        def matches(call: RecordedCall) -> bool:
            if not (call.ok and call.method in methods and call.chat_id == target):
                return False
            return contains is None or contains in (call.text or "")

        what = f"a message to {target}" + (f" containing {contains!r}" if contains else "")
        call = await self.wait_for(matches, timeout, since=since, description=what)
        assert call.message is not None
        return copy.deepcopy(call.message)

    async def wait_callback_answered(self, query_id: str, timeout: float = 10.0) -> JSONDict:
        """Wait until the bot answers a callback query; return the answer's params."""

        def answered(call: RecordedCall) -> bool:
            return (
                call.method == "answerCallbackQuery"
                and call.ok
                and str(call.params.get("callback_query_id")) == query_id
            )

        try:
            await self.wait_for(answered, timeout, description=f"an answer to query {query_id}")
        except AssertionError as error:
            refused = [
                c.summary(self._origin)
                for c in self.calls
                if c.method == "answerCallbackQuery"
                and str(c.params.get("callback_query_id")) == query_id
            ]
            if refused:
                raise AssertionError(f"{error}\nrefused answers: {refused}") from None
            raise
        return copy.deepcopy(self.callback_answers[query_id])


def _safe(predicate: Callable[[RecordedCall], Any], call: RecordedCall) -> bool:
    try:
        return bool(predicate(call))
    except (KeyError, TypeError, AttributeError, IndexError):
        return False
