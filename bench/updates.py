"""Benchmark: how fast the real bot answers people, against a bare aiogram bot.

    make bench                                  # bench.broadcast, then this on SQLite
    .venv/bin/python -m bench.updates           # 2,000 users, SQLite, every scenario
    .venv/bin/python -m bench.updates --users 200 --scenario signup
    .venv/bin/python -m bench.updates --scenario start --profile   # where the time goes

On PostgreSQL (the schema of that database is DROPPED and created again first, so give it a
throw-away database):

    .venv/bin/python -m bench.updates --database postgresql \\
        --database-url postgresql+asyncpg://birgemiz@127.0.0.1:54331/birgemiz_bench

A throw-away server, as .ci/run starts one (as root, run these three as the user postgres;
the binaries are in /usr/lib/postgresql/*/bin after `apt-get install postgresql`):

    initdb -D /tmp/pg -U birgemiz --auth=trust
    pg_ctl -D /tmp/pg -o "-p 54331 -k /tmp -c listen_addresses=127.0.0.1" -l /tmp/pg/log -w start
    createdb -h 127.0.0.1 -p 54331 -U birgemiz birgemiz_bench    # pg_ctl -D /tmp/pg stop after

Both bots run as their own process, one after the other, against the fake Bot API server of
tests/e2e with Telegram's flood limits off (``FakeTelegram(rate_limits=False)``), so what is
measured is the bot and not Telegram's pace: Birgemiz (``python -m bot``, with
BOT_TOKEN, TELEGRAM_API_URL, DATABASE_URL, ADMIN_IDS, LOG_LEVEL=WARNING as in production) and
bench/bare_bot.py (one handler: one sendMessage per message, answerCallbackQuery plus one
editMessageText per callback). Each scenario gets a fresh process of each bot and a fresh fake:

1. ``start``: N new people send /start at the same moment (N updates pushed at once). Answered:
   the first sendMessage to that chat (Birgemiz: the consent step of registration).
2. ``signup``: N registered teachers (seeded into the database before the bot starts, with
   approved workshops and their sessions: capacities 30, 100 and none, so both the seat and
   the waitlist paths run) each have the session card the bot sent them for the deep link
   ``/start s<id>``, and all press its "join" button at once (``SessionCb(id, "join")``).
   Answered: the first editMessageText of the card or answerCallbackQuery; "done" is the
   answerCallbackQuery, which Birgemiz sends last (after the work plan and the .ics file).
   The bare bot gets the same N presses on a button of a message of its own.
3. ``sessions``: N registered teachers send /sessions at once (the read path). Answered: the
   first sendMessage.

Before each burst the bot, otherwise idle, gets ``--probes`` (50) single updates of the same
kind one at a time (a new one only when the last is done): the p95 of those is the latency one
person sees. Memory is the bot process's VmRSS right after start (idle) and VmHWM at the end
(peak), from /proc. CPU seconds of the bot and of this process (the fake server lives here, in
one event loop) are printed too: on a 2-core machine a saturated fake caps both bots alike.

``--profile`` samples Birgemiz with py-spy during each burst (``pip install py-spy``; by default
``--gil``: Python's own CPU time by function, every thread) and prints the top 25 functions of
scenario 1 by cumulative share; without py-spy it runs the bot under cProfile (``python -m
cProfile -o FILE -m bot``, written when SIGTERM stops the bot) for its whole life. The files stay
in the work directory. A profiled bot is slower: read its rates from a run without --profile.

Checks (a failed check makes the exit status 2; goals not met make it 1): every update got
exactly the calls expected (Birgemiz sign-up: edit + plan + .ics + answer for a seat, edit +
answer for the waitlist), the fake answered no 4xx/5xx, the fake raised nothing internally, the
bot logged no traceback, and after the sign-ups every teacher holds exactly one seat of the
session they pressed, registered ones never over capacity, registered + waitlisted = N. Telegram
refuses an answerCallbackQuery more than about 15 s after the press; the fake here is told to
accept them late so that throughput can still be measured, and the late ones are counted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pstats
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.views.sessions import SessionCb
from storage.database import Database
from storage.directory_loader import ensure_directory
from storage.migrate import upgrade
from storage.models import (
    EventSession,
    Role,
    Seat,
    SeatStatus,
    User,
    UserRole,
    Workshop,
    WorkshopStatus,
)
from tests.e2e.botprocess import BotProcess
from tests.e2e.conftest import ADMIN_ID, TOKEN
from tests.e2e.fake_telegram import FakeTelegram, FakeUser, RecordedCall

SCENARIOS = ("start", "signup", "sessions")
BOTS = ("birgemiz", "bare")

FIRST_NEW = 10_000_001  # scenario 1: people the bot has never seen
PROBE_NEW = 11_000_001  # scenario 1: the idle probes
FIRST_TEACHER = 20_000_001  # scenarios 2 and 3: registered teachers
PROBE_TEACHER = 21_000_001  # scenarios 2 and 3: the idle probes
LEADER_ID = 800_000_001
CAPACITIES = (30, 100, None)  # the sessions the burst signs up for, teacher i → i % 3
PROBE_CAPACITY = 25  # the session the probes sign up for: half of 50 get a seat
WORKSHOPS = ("Функционалдық сауаттылық", "Сын тұрғысынан ойлау", "Lesson Study", "STEM сабағы")

SETUP_CHUNK = 200  # cards shown at a time before a sign-up burst
# A burst is given up when the bot has made no call for this long (SQLAlchemy's pool gives up
# waiting for a connection after 30 s, so anything that can still come has come by then).
STALL_SECONDS = 45.0
CALLBACK_LIMIT = 15.0  # seconds Telegram accepts an answerCallbackQuery after the press
GOAL_RATIO = {"start": 0.5, "signup": 0.3, "sessions": 0.5}
GOAL_IDLE_P95_MS = 50.0
GOAL_IDLE_RSS = 1.2
GOAL_PEAK_RSS = 1.4
LABEL = {"start": "/start (new users)", "signup": "sign-up tap", "sessions": "/sessions"}

ANSWER_METHODS = frozenset({"sendMessage", "editMessageText", "answerCallbackQuery"})
MESSAGE_ANSWER = frozenset({"sendMessage"})
CALLBACK_ANSWER = frozenset({"editMessageText", "answerCallbackQuery"})


# ---------------------------------------------------------------------------------- database


@dataclass
class Seeded:
    url: str
    sessions: list[int]  # the burst's sessions, in CAPACITIES order
    capacities: list[int | None]
    probe_session: int


def teacher_ids(users: int) -> list[int]:
    return list(range(FIRST_TEACHER, FIRST_TEACHER + users))


def probe_teacher_ids(probes: int) -> list[int]:
    return list(range(PROBE_TEACHER, PROBE_TEACHER + probes))


async def reset_postgresql(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def seed(url: str, users: int, probes: int) -> Seeded:
    """Migrate, then write the leader, the teachers, the workshops and their sessions."""
    database = Database(url)
    try:
        await upgrade(database)
        await ensure_directory(database)
        now = datetime.now(UTC).replace(microsecond=0)
        async with database.write() as session:
            session.add(
                User(
                    id=LEADER_ID,
                    language="kk",
                    full_name="Жетекші Ақмарал Сейітқызы",
                    consent_at=now,
                    registered_at=now,
                )
            )
            await session.flush()
            session.add(UserRole(user_id=LEADER_ID, role=Role.LEADER))
            session.add_all(
                User(
                    id=user_id,
                    language="kk",
                    full_name=f"Мұғалім {user_id}",
                    consent_at=now,
                    registered_at=now,
                )
                for user_id in teacher_ids(users) + probe_teacher_ids(probes)
            )
            events = []
            for index, title in enumerate(WORKSHOPS):
                workshop = Workshop(
                    leader_id=LEADER_ID,
                    title=title,
                    status=WorkshopStatus.APPROVED,
                    method="Lesson Study әдісі",
                    audience="5–9 сыныптар",
                    plan_text="Жылдық жоспар: қыркүйек — кіріспе, қазан — сабақты бірге жоспарлау.",
                )
                session.add(workshop)
                await session.flush()
                capacity = CAPACITIES[index] if index < len(CAPACITIES) else PROBE_CAPACITY
                event = EventSession(
                    workshop_id=workshop.id,
                    topic=f"{title}: ашық сабақ",
                    starts_at=now + timedelta(days=10 + index),
                    duration_minutes=90,
                    link="https://meet.example.kz/birgemiz",
                    capacity=capacity,
                )
                session.add(event)
                await session.flush()
                events.append(event.id)
        return Seeded(url, events[: len(CAPACITIES)], list(CAPACITIES), events[-1])
    finally:
        await database.dispose()


async def seats_of(url: str, session_ids: Iterable[int]) -> list[tuple[int, int, SeatStatus]]:
    database = Database(url)
    try:
        async with database.read() as session:
            rows = await session.execute(
                select(Seat.session_id, Seat.user_id, Seat.status).where(
                    Seat.session_id.in_(list(session_ids))
                )
            )
            return [(row[0], row[1], SeatStatus(row[2])) for row in rows]
    finally:
        await database.dispose()


# ---------------------------------------------------------------------------------- processes


def proc_status(pid: int | None, key: str) -> float:
    """VmRSS / VmHWM of a process in MB (0 when it is gone)."""
    if pid is None:
        return 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU time of a process so far."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bot_process(
    kind: str, fake: FakeTelegram, database_url: str, work: Path, profile: Path | None
) -> BotProcess:
    env = {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": fake.base_url,
        "POLLING_TIMEOUT": "10",
        "LOG_LEVEL": "WARNING",
    }
    if kind == "bare":
        argv = [sys.executable, "-m", "bench.bare_bot"]
    else:
        env.update(
            {
                "DATABASE_URL": database_url,
                "ADMIN_IDS": str(ADMIN_ID),
                "REDIS_URL": "",
                "CLOCK_OFFSET_FILE": "",
            }
        )
        argv = [sys.executable, "-m", "bot"]
        if profile is not None:
            argv = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "bot"]
    return BotProcess(env, argv=argv, log_dir=work / kind)


SPY_RATE = 100  # samples a second
EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit)\b.*)$", re.MULTILINE)
OUR_CODE = re.compile(r"\((bot|handlers|storage|scheduler)/")


async def start_spy(
    py_spy: str, pid: int | None, output: Path, extra: list[str]
) -> asyncio.subprocess.Process:
    """py-spy sampling the bot until stop_spy: the burst alone.

    By default (``--gil``) only samples of a thread holding the GIL count: Python's own CPU
    time, by function. Without it py-spy also counts threads blocked in a queue (aiosqlite's
    worker threads waiting for work), which drowns everything else. ``--native`` instead shows
    where C time goes, e.g. SQLite's busy handler sleeping while it waits for the write lock.
    """
    spy = await asyncio.create_subprocess_exec(
        py_spy, "record", "--pid", str(pid), "--rate", str(SPY_RATE), "--format", "raw",
        "--nolineno", "--output", str(output), *extra,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    await asyncio.sleep(1.0)  # attaching takes a moment
    if spy.returncode is not None:
        raise RuntimeError(f"py-spy could not attach to {pid} (exit {spy.returncode})")
    return spy


async def stop_spy(spy: asyncio.subprocess.Process) -> None:
    if spy.returncode is None:
        spy.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
    try:
        await asyncio.wait_for(spy.wait(), 30)
    except TimeoutError:
        spy.kill()
        await spy.wait()


async def wait_polling(fake: FakeTelegram, process: BotProcess, within: float = 60.0) -> None:
    deadline = time.monotonic() + within
    while not fake.calls_of("getUpdates"):
        if not process.running:
            raise RuntimeError(f"the bot exited at start:\n{process.log_tail()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the bot did not poll within {within} s:\n{process.log_tail()}")
        await asyncio.sleep(0.05)


# ---------------------------------------------------------------------------------- tracking


def fake_server() -> FakeTelegram:
    """The fake with Telegram's flood limits off; callback queries may be answered late."""
    fake = FakeTelegram(rate_limits=False, callback_timeout=3600.0)
    return fake


class Tracker:
    """Every call the bot makes, by the user it is for, read incrementally from the fake."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.fake = fake
        self.seen = 0
        self.by_user: dict[int, list[RecordedCall]] = {}
        self.query_user: dict[str, int] = {}
        self.last_call = time.monotonic()

    def scan(self) -> None:
        calls = self.fake.calls
        while self.seen < len(calls):
            call = calls[self.seen]
            self.seen += 1
            if call.method == "getUpdates":
                continue
            self.last_call = call.time
            user: int | None = None
            if call.method == "answerCallbackQuery":
                user = self.query_user.get(str(call.params.get("callback_query_id")))
            else:
                raw = call.params.get("chat_id")
                if isinstance(raw, int) or (isinstance(raw, str) and raw.lstrip("-").isdigit()):
                    user = int(raw)
            if user is not None:
                self.by_user.setdefault(user, []).append(call)

    def calls(self, user: int, since: float) -> list[RecordedCall]:
        return [c for c in self.by_user.get(user, ()) if c.time >= since]

    def first(self, user: int, since: float, methods: frozenset[str]) -> float | None:
        for call in self.by_user.get(user, ()):
            if call.time >= since and call.method in methods:
                return call.time
        return None


@dataclass
class Kind:
    """What one scenario pushes and waits for, for one bot."""

    push: Callable[[int], float]  # push the update of a user; returns its push time
    answer: frozenset[str]  # the first of these calls is the answer
    done: frozenset[str]  # all of these calls: the update is finished


@dataclass
class Burst:
    users: int
    answered: int
    seconds: float  # from the first push to the last answer
    done_seconds: float  # from the first push to the last "done"
    latencies: list[float]  # seconds, per answered update
    done_latencies: list[float]
    late_callbacks: int
    bot_cpu: float
    bench_cpu: float

    @property
    def rate(self) -> float:
        return self.answered / self.seconds if self.seconds > 0 else 0.0


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def done_at(tracker: Tracker, user: int, since: float, methods: frozenset[str]) -> float | None:
    times = []
    for method in methods:
        moment = tracker.first(user, since, frozenset({method}))
        if moment is None:
            return None
        times.append(moment)
    return max(times)


async def quiet(tracker: Tracker, seconds: float = 0.5, within: float = 30.0) -> None:
    """Wait until the bot has made no call (but polling) for `seconds`."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        tracker.scan()
        pending = any(c.pending and c.method != "getUpdates" for c in tracker.fake.calls[-50:])
        if not pending and time.monotonic() - tracker.last_call >= seconds:
            return
        await asyncio.sleep(0.05)


async def probe(
    tracker: Tracker, kind: Kind, users: list[int], within: float = 30.0
) -> list[float]:
    """One update at a time, each when the last is done: the latency of an idle bot."""
    latencies = []
    for user in users:
        pushed = kind.push(user)
        deadline = pushed + within
        while True:
            tracker.scan()
            if done_at(tracker, user, pushed, kind.done) is not None:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"probe for {user} not answered within {within} s")
            await asyncio.sleep(0.002)
        answer = tracker.first(user, pushed, kind.answer)
        assert answer is not None
        latencies.append(answer - pushed)
        await quiet(tracker, 0.05)
    return latencies


async def burst(
    tracker: Tracker, kind: Kind, users: list[int], pid: int | None, within: float
) -> tuple[Burst, dict[int, float]]:
    await quiet(tracker, 0.5)
    cpu_before, bench_before = cpu_seconds(pid), time.process_time()
    started = time.monotonic()
    pushed = {user: kind.push(user) for user in users}
    deadline = started + within
    waiting = set(users)
    answers: dict[int, float] = {}
    dones: dict[int, float] = {}
    while waiting and time.monotonic() < deadline:
        if time.monotonic() - max(started, tracker.last_call) > STALL_SECONDS:
            break  # the bot has stopped answering: the rest never will
        await asyncio.sleep(0.05)
        tracker.scan()
        for user in list(waiting):
            if user not in answers:
                moment = tracker.first(user, pushed[user], kind.answer)
                if moment is not None:
                    answers[user] = moment
            finished = done_at(tracker, user, pushed[user], kind.done)
            if finished is not None:
                dones[user] = finished
                waiting.discard(user)
    await quiet(tracker, 0.5)
    cpu_after, bench_after = cpu_seconds(pid), time.process_time()
    for user in users:
        if user not in answers:
            moment = tracker.first(user, pushed[user], kind.answer)
            if moment is not None:
                answers[user] = moment
    late = 0  # taps whose first answerCallbackQuery came too late for Telegram
    for user in users:
        answered = tracker.first(user, pushed[user], frozenset({"answerCallbackQuery"}))
        if answered is not None and answered - pushed[user] > CALLBACK_LIMIT:
            late += 1
    result = Burst(
        users=len(users),
        answered=len(answers),
        seconds=(max(answers.values()) - started) if answers else 0.0,
        done_seconds=(max(dones.values()) - started) if dones else 0.0,
        latencies=[answers[u] - pushed[u] for u in answers],
        done_latencies=[dones[u] - pushed[u] for u in dones],
        late_callbacks=late,
        bot_cpu=cpu_after - cpu_before,
        bench_cpu=bench_after - bench_before,
    )
    return result, pushed


# ---------------------------------------------------------------------------------- scenarios


@dataclass
class Run:
    bot: str
    scenario: str
    users: int
    idle_rss: float = 0.0
    peak_rss: float = 0.0
    idle: list[float] = field(default_factory=list)
    burst: Burst | None = None
    problems: list[str] = field(default_factory=list)
    profile: Path | None = None


def person(fake: FakeTelegram, user_id: int) -> FakeUser:
    return fake.user(user_id, f"Мұғалім{user_id % 1000}", "kk")


def message_kind(fake: FakeTelegram, text_of: Callable[[int], str]) -> Kind:
    def push(user_id: int) -> float:
        moment = time.monotonic()
        fake.send_text(person(fake, user_id), text_of(user_id))
        return moment

    return Kind(push, MESSAGE_ANSWER, MESSAGE_ANSWER)


def tap_kind(
    fake: FakeTelegram,
    tracker: Tracker,
    cards: dict[int, dict[str, Any]],
    data: Callable[[int], str],
) -> Kind:
    def push(user_id: int) -> float:
        moment = time.monotonic()
        query = fake.press(person(fake, user_id), cards[user_id], data(user_id))
        tracker.query_user[query] = user_id
        return moment

    return Kind(push, CALLBACK_ANSWER, frozenset({"answerCallbackQuery"}))


def holds(call: RecordedCall, data: str) -> bool:
    """A message the bot sent with a button carrying `data`."""
    if call.method != "sendMessage" or not call.ok or call.message is None:
        return False
    return data in [d for _t, d in FakeTelegram.buttons(call.message)]


async def show_cards(
    fake: FakeTelegram,
    tracker: Tracker,
    users: dict[int, str],
    wanted: Callable[[int], str],
    problems: list[str],
) -> dict[int, dict[str, Any]]:
    """Each user sends a text; the message the bot answers with (holding `wanted`) is kept.

    Set-up, not measured: sent SETUP_CHUNK at a time so that it does not overload the bot, and
    sent again (at most twice) to a user the bot failed to answer, which is noted as a problem.
    """
    cards: dict[int, dict[str, Any]] = {}
    todo = list(users)
    for attempt in range(3):
        for first in range(0, len(todo), SETUP_CHUNK):
            chunk = todo[first : first + SETUP_CHUNK]
            pushed = {}
            for user_id in chunk:
                pushed[user_id] = time.monotonic()
                fake.send_text(person(fake, user_id), users[user_id])
            waiting = set(chunk)
            while waiting and time.monotonic() - tracker.last_call < STALL_SECONDS:
                await asyncio.sleep(0.1)
                tracker.scan()
                for user_id in list(waiting):
                    for call in tracker.calls(user_id, pushed[user_id]):
                        if holds(call, wanted(user_id)):
                            assert call.message is not None
                            cards[user_id] = call.message
                            waiting.discard(user_id)
                            break
        todo = [user_id for user_id in users if user_id not in cards]
        if not todo:
            break
        problems.append(
            f"set-up: {len(todo)} of {len(users)} users got no card at try {attempt + 1}"
        )
    if todo:
        raise RuntimeError(f"{len(todo)} cards never came, e.g. for {todo[:5]}")
    await quiet(tracker, 0.5)
    return cards


async def run_scenario(
    bot: str, scenario: str, args: argparse.Namespace, seeded: Seeded, work: Path
) -> Run:
    users = args.users
    run = Run(bot, scenario, users)
    profile = None
    if args.profile and bot == "birgemiz":
        suffix = "prof" if args.profiler == "cprofile" else "pyspy.txt"
        run.profile = work / f"birgemiz-{scenario}-{args.database}.{suffix}"
        if args.profiler == "cprofile":
            profile = run.profile
    async with fake_server() as fake:
        process = bot_process(bot, fake, seeded.url, work / scenario, profile)
        await process.start()
        try:
            await wait_polling(fake, process)
            tracker = Tracker(fake)
            await quiet(tracker, 1.0)
            run.idle_rss = proc_status(process.pid, "VmRSS")
            timeout = 60.0 + users * 0.25
            expected: dict[int, Counter[str]] = {}
            if scenario == "start":
                burst_users = list(range(FIRST_NEW, FIRST_NEW + users))
                probe_users = list(range(PROBE_NEW, PROBE_NEW + args.probes))
                kind = message_kind(fake, lambda _u: "/start")
            elif scenario == "sessions":
                burst_users = teacher_ids(users)
                probe_users = probe_teacher_ids(args.probes)
                kind = message_kind(fake, lambda _u: "/sessions")
            else:
                burst_users = teacher_ids(users)
                probe_users = probe_teacher_ids(args.probes)
                target = {
                    u: seeded.sessions[i % len(seeded.sessions)] for i, u in enumerate(burst_users)
                }
                target.update({u: seeded.probe_session for u in probe_users})
                if bot == "birgemiz":

                    def data(user_id: int) -> str:
                        return SessionCb(id=target[user_id], action="join").pack()

                    typed = {u: f"/start s{target[u]}" for u in burst_users + probe_users}
                else:

                    def data(user_id: int) -> str:
                        return "tap"

                    typed = {u: "карточка" for u in burst_users + probe_users}
                cards = await show_cards(fake, tracker, typed, data, run.problems)
                kind = tap_kind(fake, tracker, cards, data)
            run.idle = await probe(tracker, kind, probe_users)
            await asyncio.sleep(0.5)
            spy = None
            if run.profile is not None and profile is None:
                spy = await start_spy(
                    args.profiler, process.pid, run.profile, args.py_spy_args.split()
                )
            try:
                run.burst, pushed = await burst(tracker, kind, burst_users, process.pid, timeout)
            finally:
                if spy is not None:
                    await stop_spy(spy)
            run.peak_rss = proc_status(process.pid, "VmHWM")
        finally:
            if process.running:
                try:
                    code = await process.stop(timeout=90.0 if profile else 15.0)
                except AssertionError:  # it ignored SIGTERM and was killed
                    code = -9
                if code != 0:
                    run.problems.append(f"{bot} exited with {code} after SIGTERM")
        tracker.scan()
        # ------------------------------------------------------------------ checks
        if run.burst.answered < users:
            run.problems.append(f"{users - run.burst.answered} of {users} updates never answered")
        seat_status: dict[int, SeatStatus] = {}
        if scenario == "signup" and bot == "birgemiz":
            seat_status = await check_seats(seeded, users, args.probes, run.problems)
        for user in burst_users:
            if scenario == "signup":
                if bot == "bare":
                    expected[user] = Counter({"answerCallbackQuery": 1, "editMessageText": 1})
                elif seat_status.get(user) == SeatStatus.REGISTERED:
                    expected[user] = Counter(
                        {
                            "editMessageText": 1,
                            "sendMessage": 1,
                            "sendDocument": 1,
                            "answerCallbackQuery": 1,
                        }
                    )
                else:
                    expected[user] = Counter({"editMessageText": 1, "answerCallbackQuery": 1})
            else:
                expected[user] = Counter({"sendMessage": 1})
        wrong = Counter()
        example = ""
        for user, want in expected.items():
            got = Counter(c.method for c in tracker.calls(user, pushed[user]))
            if got != want:
                shape = ", ".join(f"{m}×{n}" for m, n in sorted(got.items())) or "nothing"
                wrong[shape] += 1
                example = example or f"user {user}: got {shape}, expected {dict(want)}"
        if wrong:
            run.problems.append(
                f"{sum(wrong.values())} updates without exactly the expected answers "
                f"({dict(wrong.most_common(3))}; {example})"
            )
        errors = Counter(
            f"{c.status} {c.method}: {c.description}"
            for c in fake.calls
            if c.status is not None and c.status >= 400
        )
        if errors:
            run.problems.append(
                f"{sum(errors.values())} error answers from the fake: {dict(errors.most_common(3))}"
            )
        if fake.internal_errors:
            run.problems.append(f"the fake failed internally: {fake.internal_errors[0][-500:]}")
        log = process.log_text()
        if "Traceback" in log:
            raised = Counter(m.group(1)[:160] for m in EXCEPTION_LINE.finditer(log))
            run.problems.append(
                f"{bot} logged {log.count('Traceback')} tracebacks: {dict(raised.most_common(4))} "
                f"(log: {process.log_path})"
            )
    return run


async def check_seats(
    seeded: Seeded, users: int, probes: int, problems: list[str]
) -> dict[int, SeatStatus]:
    rows = await seats_of(seeded.url, [*seeded.sessions, seeded.probe_session])
    per_user = Counter(user for _s, user, _st in rows)
    doubled = [user for user, n in per_user.items() if n > 1]
    if doubled:
        problems.append(f"{len(doubled)} teachers hold more than one seat, e.g. {doubled[:3]}")
    status = {user: st for _s, user, st in rows}
    where = {user: session_id for session_id, user, _st in rows}
    teachers = teacher_ids(users)
    misplaced = [
        user
        for index, user in enumerate(teachers)
        if where.get(user) != seeded.sessions[index % len(seeded.sessions)]
    ]
    if misplaced:
        problems.append(f"{len(misplaced)} teachers without a seat where they pressed")
    burst = set(teacher_ids(users))
    holders = (SeatStatus.REGISTERED, SeatStatus.WAITLISTED)
    total = sum(1 for _s, user, st in rows if user in burst and st in holders)
    registered = sum(1 for _s, u, st in rows if u in burst and st == SeatStatus.REGISTERED)
    waitlisted = sum(1 for _s, u, st in rows if u in burst and st == SeatStatus.WAITLISTED)
    if registered + waitlisted != users or total != users:
        problems.append(f"seats: {registered} registered + {waitlisted} waitlisted ≠ {users}")
    for index, session_id in enumerate(seeded.sessions):
        assigned = len(range(index, users, len(seeded.sessions)))
        capacity = seeded.capacities[index]
        got = Counter(st for s, u, st in rows if s == session_id and u in burst)
        want_registered = assigned if capacity is None else min(capacity, assigned)
        if got[SeatStatus.REGISTERED] != want_registered or (
            got[SeatStatus.WAITLISTED] != assigned - want_registered
        ):
            problems.append(
                f"session {session_id} (capacity {capacity}): {dict(got)}, expected "
                f"{want_registered} registered and {assigned - want_registered} waitlisted"
            )
    probe_rows = Counter(st for s, _u, st in rows if s == seeded.probe_session)
    if (
        probe_rows[SeatStatus.REGISTERED] != min(PROBE_CAPACITY, probes)
        or sum(probe_rows.values()) != probes
    ):
        problems.append(f"probe session seats: {dict(probe_rows)}")
    return status


# ---------------------------------------------------------------------------------- report


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report(runs: list[Run], args: argparse.Namespace) -> bool:
    by = {(r.bot, r.scenario): r for r in runs}
    goals: list[bool] = []
    print()
    print(
        f"Updates benchmark: {args.users} users a burst, {args.probes} idle probes, "
        f"database {args.database}, Telegram's limits off"
        + (
            f" — Birgemiz profiled ({Path(args.profiler).name}): its figures are slowed down"
            if args.profile
            else ""
        )
    )
    header = (
        f"{'scenario':<20} {'bot':<9} {'answered':>9} {'upd/s':>8} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'max ms':>7} {'done p95':>8} {'idle p95':>8} {'bot CPU s':>9} {'bench CPU s':>11}"
    )
    print(header)
    print("-" * len(header))
    for scenario in args.scenarios:
        for bot in BOTS:
            run = by.get((bot, scenario))
            if run is None or run.burst is None:
                continue
            b = run.burst
            print(
                f"{LABEL[scenario]:<20} {bot:<9} {b.answered:>4}/{b.users:<4} {b.rate:8.1f} "
                f"{ms(pct(b.latencies, 0.5))} {ms(pct(b.latencies, 0.95))} "
                f"{ms(max(b.latencies, default=float('nan')))} "
                f"{ms(pct(b.done_latencies, 0.95)):>8} "
                f"{ms(pct(run.idle, 0.95)):>8} {b.bot_cpu:9.1f} {b.bench_cpu:11.1f}"
            )
        ours, bare = by.get(("birgemiz", scenario)), by.get(("bare", scenario))
        if ours and bare and ours.burst and bare.burst and bare.burst.rate:
            ratio = ours.burst.rate / bare.burst.rate
            ok = ratio >= GOAL_RATIO[scenario]
            goals.append(ok)
            idle_p95 = pct(ours.idle, 0.95) * 1000
            idle_ok = idle_p95 < GOAL_IDLE_P95_MS
            goals.append(idle_ok)
            extra = ""
            if scenario == "signup":
                extra = (
                    f"; all done (answerCallbackQuery) in {ours.burst.done_seconds:.1f} s vs "
                    f"{bare.burst.done_seconds:.1f} s; taps answered later than "
                    f"{CALLBACK_LIMIT:g} s "
                    f"(Telegram refuses those): {ours.burst.late_callbacks} vs "
                    f"{bare.burst.late_callbacks}"
                )
            if bare.burst.bench_cpu >= 0.8 * bare.burst.done_seconds:
                extra += (
                    "; NOTE the fake server (this process) was busy "
                    f"{bare.burst.bench_cpu:.1f} CPU s of the bare bot's "
                    f"{bare.burst.done_seconds:.1f} s: the bare rate is a lower bound"
                )
            print(
                f"  ratio {ratio:.2f} × bare (goal ≥ {GOAL_RATIO[scenario]}: {verdict(ok)}); "
                f"idle single-update p95 {idle_p95:.0f} ms (goal < {GOAL_IDLE_P95_MS:g} ms: "
                f"{verdict(idle_ok)}){extra}"
            )
    ours_runs = [r for r in runs if r.bot == "birgemiz"]
    bare_runs = [r for r in runs if r.bot == "bare"]
    if ours_runs and bare_runs:
        idle_ours = statistics.median(r.idle_rss for r in ours_runs)
        idle_bare = statistics.median(r.idle_rss for r in bare_runs)
        peak_ours = max(r.peak_rss for r in ours_runs)
        peak_bare = max(r.peak_rss for r in bare_runs)
        idle_ratio, peak_ratio = idle_ours / idle_bare, peak_ours / peak_bare
        goals += [idle_ratio <= GOAL_IDLE_RSS, peak_ratio <= GOAL_PEAK_RSS]
        print(
            f"memory: Birgemiz idle {idle_ours:.0f} MB, peak {peak_ours:.0f} MB; bare idle "
            f"{idle_bare:.0f} MB, peak {peak_bare:.0f} MB; idle {idle_ratio:.2f} × bare (goal ≤ "
            f"{GOAL_IDLE_RSS}: {verdict(idle_ratio <= GOAL_IDLE_RSS)}), peak {peak_ratio:.2f} × "
            f"bare (goal ≤ {GOAL_PEAK_RSS}: {verdict(peak_ratio <= GOAL_PEAK_RSS)})"
        )
        per = "; ".join(f"{r.bot} {r.scenario} {r.idle_rss:.0f}/{r.peak_rss:.0f}" for r in runs)
        print(f"  idle/peak MB per process: {per}")
    return all(goals)


def profile_parts(stack: str) -> dict[str, bool]:
    """Coarse buckets of one sampled stack. SQLAlchemy runs ORM work in greenlets, whose
    stacks py-spy shows without the event loop frames above them."""
    in_loop = "run_forever" in stack
    return {
        "event loop (aiogram, handlers, middlewares)": in_loop,
        "SQLAlchemy ORM in its greenlets (stacks that start in SQLAlchemy)": not in_loop
        and "Thread._bootstrap" not in stack,
        "other threads (aiosqlite workers, executors)": "Thread._bootstrap" in stack,
        "  in the loop: SQLAlchemy async glue (greenlet_spawn)": in_loop
        and "greenlet_spawn" in stack,
        "  in the loop: Bot API requests (aiogram Bot.__call__)": "Bot.__call__" in stack,
        "  in the loop: the dialog stack kept in FSM storage (aiogram-dialog StorageProxy)": (
            "aiogram_dialog/context/storage.py" in stack
        ),
        "  in the loop: FSM storage in the database (bot/fsm_storage.py)": (
            "bot/fsm_storage.py" in stack
        ),
        "  anywhere: pydantic building models at run time": "complete_model_class" in stack
        or "_schema_gather" in stack,
    }


def print_profile(path: Path, limit: int = 25) -> None:
    if not path.exists():
        print(f"no profile was written to {path} (did the bot exit cleanly?)")
        return
    if path.suffix == ".prof":
        print(f"\ncProfile of Birgemiz, scenario 1 (the whole process), top {limit} by cumulative")
        print("time. SQLAlchemy's greenlets confuse cProfile's call stack, so cumulative figures")
        print("above the handlers are inflated; own time (the second table) is reliable.")
        stats = pstats.Stats(str(path), stream=sys.stdout)
        stats.strip_dirs().sort_stats("cumulative").print_stats(limit)
        stats.sort_stats("tottime").print_stats(15)
        return
    cumulative: Counter[str] = Counter()
    own: Counter[str] = Counter()
    parts: Counter[str] = Counter()
    total = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        own[frames[-1]] += count
        for frame in set(frames):
            cumulative[frame] += count
        for part, found in profile_parts(stack).items():
            parts[part] += count * found
    if not total:
        print(f"py-spy recorded no sample in {path}")
        return
    print(
        f"\npy-spy of Birgemiz during the scenario 1 burst: {total} samples at {SPY_RATE}/s "
        f"(≈ {total / SPY_RATE:.1f} s; with --gil: Python running, any thread); {path}"
    )
    print("where it goes (shares overlap):")
    for part in profile_parts(""):
        count = parts[part]
        print(f"  {100 * count / total:5.1f}%  {count / SPY_RATE:6.2f} s  {part}")
    print(f"top {limit} by cumulative share (the function or anything it called was running):")
    for frame, count in cumulative.most_common(limit):
        print(f"  {100 * count / total:5.1f}%  {count / SPY_RATE:6.2f} s  {frame}")
    print("top 15 by own share (the function itself was running):")
    for frame, count in own.most_common(15):
        print(f"  {100 * count / total:5.1f}%  {count / SPY_RATE:6.2f} s  {frame}")
    print("top 15 of this project's code (bot/, handlers/, storage/, scheduler/) by cumulative:")
    ours = [(f, c) for f, c in cumulative.most_common() if OUR_CODE.search(f)]
    for frame, count in ours[:15]:
        print(f"  {100 * count / total:5.1f}%  {count / SPY_RATE:6.2f} s  {frame}")


# ---------------------------------------------------------------------------------- main


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.updates",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--users", type=int, default=2000, help="updates a burst (2000)")
    parser.add_argument("--probes", type=int, default=50, help="idle single updates (50)")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--database-url", help="postgresql+asyncpg://… (its schema is dropped and made again)"
    )
    parser.add_argument("--scenario", choices=(*SCENARIOS, "all"), default="all")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile Birgemiz: py-spy during each burst if installed (pip install py-spy), "
        "else cProfile over the whole process; profiles are saved in the work directory",
    )
    parser.add_argument("--profiler", choices=("auto", "py-spy", "cprofile"), default="auto")
    parser.add_argument(
        "--py-spy-args",
        default="--gil",
        help="extra py-spy record options (default --gil: Python CPU only; try --native)",
    )
    parser.add_argument("--work-dir", type=Path, help="logs, database, profiles (a temp dir)")
    args = parser.parse_args(argv)
    args.scenarios = SCENARIOS if args.scenario == "all" else (args.scenario,)
    if args.profiler != "cprofile":
        found = shutil.which("py-spy") or shutil.which(
            "py-spy", path=str(Path(sys.executable).parent)
        )
        if found is None and args.profiler == "py-spy":
            parser.error("py-spy is not installed: .venv/bin/pip install py-spy")
        args.profiler = found or "cprofile"
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="birgemiz-bench-updates-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.database == "postgresql":
        if not args.database_url:
            parser.error("--database postgresql needs --database-url")
        url = args.database_url
        await reset_postgresql(url)
    else:
        url = args.database_url or f"sqlite+aiosqlite:///{work / 'birgemiz.db'}"
    print(f"work directory {work}; load average now {os.getloadavg()[0]:.2f}", flush=True)
    seeded = await seed(url, args.users, args.probes)
    runs: list[Run] = []
    for scenario in args.scenarios:
        for bot in BOTS:
            started = time.monotonic()
            run = await run_scenario(bot, scenario, args, seeded, work)
            runs.append(run)
            b = run.burst
            print(
                f"{bot} {scenario}: {b.answered if b else 0}/{args.users} answered, "
                f"{b.rate if b else 0:.1f}/s, in {time.monotonic() - started:.0f} s all told"
                + ("" if not run.problems else "; PROBLEMS: " + " | ".join(run.problems)),
                flush=True,
            )
    met = report(runs, args)
    problems = [p for r in runs for p in r.problems]
    print(
        "checks: "
        + ("all passed" if not problems else f"{len(problems)} FAILED")
        + f"; load average now {os.getloadavg()[0]:.2f}"
    )
    for run in runs:
        if run.profile is not None and run.scenario == "start":
            print_profile(run.profile)
    profiles = [str(r.profile) for r in runs if r.profile is not None]
    if profiles:
        print("profiles saved: " + ", ".join(profiles))
    print("goals met" if met else "goals NOT met")
    if problems:
        return 2
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
