"""The pacer: even spacing across chats, one a second per person, retry_after honoured.

The pacer reads a monotonic clock (seconds, like time.monotonic), not the wall clock the
services read: it gets the test clock's monotonic reading, which advance() moves.
"""

from __future__ import annotations

from bot.delivery.limiter import CATCH_UP_SENDS, RateLimiter
from tests.support.clock import ManualClock


def test_global_slots_are_spaced_evenly_at_the_configured_rate(clock: ManualClock) -> None:
    limiter = RateLimiter(per_second=25, clock=clock.monotonic)
    for chat in range(CATCH_UP_SENDS + 1):  # missed slots are caught up, then the spacing holds
        assert limiter.global_wait() == 0
        limiter.take(chat)
    assert abs(limiter.global_wait() - 0.04) < 1e-9
    clock.advance(0.04)
    assert limiter.global_wait() == 0


def test_catching_up_never_puts_telegrams_thirty_in_one_second(clock: ManualClock) -> None:
    limiter = RateLimiter(per_second=25, clock=clock.monotonic)
    sent: list[float] = []
    for chat in range(200):
        clock.advance(limiter.global_wait())
        limiter.take(chat)
        sent.append(clock.monotonic())
        if chat % 50 == 0:
            clock.advance(0.5)  # the engine was busy reading the next batch
    worst = max(sum(1 for t in sent if start <= t < start + 1) for start in sent)
    assert worst <= 25 + CATCH_UP_SENDS + 1 < 30


def test_a_person_gets_at_most_one_message_a_second(clock: ManualClock) -> None:
    limiter = RateLimiter(per_second=30, clock=clock.monotonic)
    limiter.take(42)
    assert not limiter.is_chat_ready(42)
    assert limiter.is_chat_ready(43)
    clock.advance(1.0)
    assert limiter.is_chat_ready(42)


def test_a_group_gets_at_most_twenty_a_minute(clock: ManualClock) -> None:
    limiter = RateLimiter(per_second=30, clock=clock.monotonic)
    limiter.take(-100123)
    clock.advance(2.9)
    assert not limiter.is_chat_ready(-100123)
    clock.advance(0.1)
    assert limiter.is_chat_ready(-100123)


def test_retry_after_holds_only_that_chat(clock: ManualClock) -> None:
    limiter = RateLimiter(per_second=30, clock=clock.monotonic)
    limiter.hold_chat(7, 12)
    clock.advance(11.9)
    assert not limiter.is_chat_ready(7)
    assert limiter.is_chat_ready(8)
    assert limiter.global_wait() == 0
    clock.advance(0.1)
    assert limiter.is_chat_ready(7)


def test_a_shorter_retry_after_never_shortens_a_longer_hold(clock: ManualClock) -> None:
    limiter = RateLimiter(per_second=30, clock=clock.monotonic)
    limiter.hold_chat(7, 10)
    limiter.hold_chat(7, 2)
    clock.advance(5)
    assert not limiter.is_chat_ready(7)


def test_idle_chats_are_forgotten(clock: ManualClock) -> None:
    limiter = RateLimiter(per_second=30, clock=clock.monotonic)
    for chat in range(100):
        limiter.take(chat)
    clock.advance(1.0)
    limiter.forget_idle()
    assert limiter._next_chat == {}
