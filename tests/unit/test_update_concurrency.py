"""A burst of updates is handled a few at a time, and every one of them is handled."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.middlewares.concurrency import UpdateConcurrency


async def test_a_burst_never_runs_more_than_the_limit_at_once_and_none_is_dropped() -> None:
    middleware = UpdateConcurrency(limit=4)
    running = 0
    peak = 0
    done: list[int] = []

    async def handler(event: Any, data: dict[str, Any]) -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.001)
        running -= 1
        done.append(event)

    await asyncio.gather(*(middleware(handler, n, {}) for n in range(200)))
    assert peak == 4
    assert sorted(done) == list(range(200))
