"""A person talking to the bot through the fake Bot API, so scenarios read like a conversation."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from tests.e2e.fake_telegram import FakeTelegram, FakeUser, RecordedCall

JSONDict = dict[str, Any]

QUIET_SECONDS = 0.35
MESSAGE_METHODS = {"sendMessage", "editMessageText", "sendDocument", "copyMessage"}


class Person:
    def __init__(self, fake: FakeTelegram, user: FakeUser) -> None:
        self.fake = fake
        self.user = user

    @property
    def id(self) -> int:
        return self.user.id

    async def settle(self, since: float, timeout: float = 15.0) -> list[RecordedCall]:
        """Wait until the bot has answered and gone quiet; the calls it made for this chat."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            mine = self.calls_since(since)
            last = max(mine, key=lambda c: c.time, default=None)
            # A 429 is followed by the bot's retry once retry_after has passed: wait for it.
            if (
                last is not None
                and last.status != 429
                and time.monotonic() - last.time >= QUIET_SECONDS
                and all(not c.pending for c in mine)
            ):
                return mine
            await asyncio.sleep(0.05)
        raise AssertionError(
            f"the bot did not answer user {self.id} within {timeout}s:\n"
            f"{self.fake.describe_calls()}"
        )

    def calls_since(self, since: float) -> list[RecordedCall]:
        return [
            c
            for c in self.fake.calls
            if c.time >= since
            and (
                c.chat_id == self.id
                or (c.method == "answerCallbackQuery" and c.params.get("callback_query_id"))
            )
            and c.method != "getUpdates"
        ]

    async def say(self, text: str) -> list[str]:
        """Type a message; returns the texts the bot showed in answer (new or edited)."""
        since = time.monotonic()
        self.fake.send_text(self.user, text)
        return texts(await self.settle(since))

    async def tap(self, button_text: str, *, message: JSONDict | None = None) -> list[str]:
        """Press the button whose label contains `button_text` on the newest message that has
        one (as a person scrolls up to the last keyboard offering it)."""
        target = message or self.with_button(button_text)
        data = self.fake.button_data(target, button_text)
        return await self.press(target, data)

    def with_button(self, button_text: str) -> JSONDict:
        for message in reversed(self.fake.messages.get(self.id, [])):
            labels = [text for text, _ in self.fake.buttons(message)]
            if any(button_text.casefold() in label.casefold() for label in labels):
                return message
        return self.fake.last_message(self.id)

    async def press(self, message: JSONDict, data: str, *, strict: bool = True) -> list[str]:
        since = time.monotonic()
        query_id = self.fake.press(self.user, message, data, strict=strict)
        await self.fake.wait_callback_answered(query_id, timeout=15)
        shown = texts(await self.settle(since))
        answer = self.fake.callback_answers.get(query_id, {})
        if answer.get("text"):
            shown.append(str(answer["text"]))
        return shown

    def last(self) -> JSONDict:
        return self.fake.last_message(self.id)

    def buttons(self) -> list[str]:
        return [text for text, _ in self.fake.buttons(self.last())]


def texts(calls: list[RecordedCall]) -> list[str]:
    return [c.text or "" for c in calls if c.ok and c.method in MESSAGE_METHODS]


def joined(shown: list[str]) -> str:
    return "\n".join(shown)
