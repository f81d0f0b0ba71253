"""Benchmark: a broadcast to 3,000 simulated teachers through the real bot process.

    make bench            # or: .venv/bin/python -m bench.broadcast --users 3000

The bot runs as `python -m bot` against the fake Bot API server of tests/e2e with Telegram's
limits on (30 messages a second in all, about one a second per chat, 429 with retry_after).
A coordinator sends the broadcast through the bot's own dialogue. Printed per run:

- sustained rate: deliveries per second between the first and the last delivery, and its ratio
  to the configured DELIVERY_PER_SECOND (the goal is ≥ 0.95);
- 429s the fake answered, and retry_after violations (a send before retry_after expired; goal 0);
- lost (a teacher with no copy) and duplicated (more than one copy) messages (goal 0 and 0);
- the bot's peak resident memory.

The second run kills the bot with SIGKILL halfway and starts it again. Rows that were in flight
at the kill are the one window Telegram's API leaves open (see bot/delivery/engine.py): they are
sent again after the restart, and are counted as "resent"; a duplicate can only come from them.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.conftest import ADMIN_ID, RunningBot
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.steps import coordinator, seed_teachers

FIRST_ID = 10_000_001


@dataclass
class Result:
    label: str
    users: int
    delivered: int
    seconds: float
    limit: float
    hits_429: int
    violations: int
    lost: int
    duplicated: int
    resent: int
    peak_rss_mb: float

    def show(self) -> str:
        rate = self.delivered / self.seconds if self.seconds else 0.0
        return (
            f"{self.label}: {self.delivered}/{self.users} delivered in {self.seconds:.1f} s; "
            f"rate {rate:.2f}/s = {rate / self.limit:.3f} x limit {self.limit:g}/s; "
            f"429s {self.hits_429}; retry_after violations {self.violations}; "
            f"lost {self.lost}; duplicated {self.duplicated}; resent after the kill {self.resent}; "
            f"bot peak RSS {self.peak_rss_mb:.0f} MB"
        )


def peak_rss_mb(pid: int | None) -> float:
    if pid is None:
        return 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def run_once(users: int, limit: float, kill_halfway: bool) -> Result:
    ids = range(FIRST_ID, FIRST_ID + users)
    async with FakeTelegram() as fake:
        bot = RunningBot(fake, Path(tempfile.mkdtemp(prefix="birgemiz-bench-")))
        bot.process.env["DELIVERY_PER_SECOND"] = str(limit)
        bot.process.env["LOG_LEVEL"] = "WARNING"
        await bot.start()
        await seed_teachers(bot, [(i, f"Мұғалім {i}") for i in ids])
        admin = await coordinator(bot)
        await admin.say("/broadcast")
        await admin.say("Құрметті әріптестер! Аудандық онлайн-шеберхана 15 желтоқсанда өтеді.")
        await admin.tap("Барлық мұғалімдер")
        await admin.tap("Жіберу")

        def delivered() -> list[float]:
            return [
                c.answered_at or c.time
                for c in fake.calls
                if c.method == "copyMessage" and c.ok and c.chat_id != ADMIN_ID
            ]

        peak = 0.0
        if kill_halfway:
            while len(delivered()) < users // 2:
                await asyncio.sleep(0.05)
            peak = peak_rss_mb(bot.process.pid)
            await bot.crash_and_restart()
        deadline = time.monotonic() + users / limit * 3 + 60
        while time.monotonic() < deadline:
            left = bot.query("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')")
            if left == [(0,)]:
                break
            await asyncio.sleep(0.5)
        peak = max(peak, peak_rss_mb(bot.process.pid))
        # A 429 is not counted as an attempt: a second attempt here is a resend after the kill.
        resent = bot.query("SELECT count(*) FROM outbox WHERE attempts > 1")[0][0]
        await bot.stop()

        times = sorted(delivered())
        per_user = {user_id: 0 for user_id in ids}
        for call in fake.calls:
            if call.method == "copyMessage" and call.ok and call.chat_id in per_user:
                per_user[call.chat_id] += 1  # type: ignore[index]
        return Result(
            label="killed and restarted halfway" if kill_halfway else "uninterrupted",
            users=users,
            delivered=len(times),
            seconds=(times[-1] - times[0]) if len(times) > 1 else 0.0,
            limit=limit,
            hits_429=len(fake.rate_limit_hits),
            violations=len(fake.retry_after_violations),
            lost=sum(1 for n in per_user.values() if n == 0),
            duplicated=sum(1 for n in per_user.values() if n > 1),
            resent=int(resent),  # type: ignore[call-overload]
            peak_rss_mb=peak,
        )


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.broadcast", description=__doc__)
    parser.add_argument("--users", type=int, default=3000)
    parser.add_argument("--rate", type=float, default=25.0, help="DELIVERY_PER_SECOND")
    parser.add_argument("--skip-kill", action="store_true")
    args = parser.parse_args(argv)
    results = [await run_once(args.users, args.rate, kill_halfway=False)]
    print(results[-1].show(), flush=True)
    if not args.skip_kill:
        results.append(await run_once(args.users, args.rate, kill_halfway=True))
        print(results[-1].show(), flush=True)
    met = all(
        r.delivered / r.seconds >= 0.95 * r.limit
        and r.violations == 0
        and r.lost == 0
        and r.duplicated == 0
        for r in results
        if r.seconds
    )
    print("goals met" if met else "goals NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
