"""Run the real bot as a child process for end-to-end tests.

The e2e tests talk to the bot only the way Telegram does (over HTTP, through
:class:`~.fake_telegram.FakeTelegram`), so the bot must run as a separate process with
its own event loop, settings and signal handling: that is what catches start-up,
shutdown and crash bugs that an in-process dispatcher would hide.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The repository root: ``python -m bot`` must run from here to find the packages."""

_LOG_TAIL_CHARS = 4000


def _brief(arg: str) -> str:
    """An argv item for the log header; an inline script would drown the real output."""
    return "<script>" if "\n" in arg or len(arg) > 80 else arg


class BotProcess:
    """The bot (or a stand-in command) running as a subprocess, output captured to a file.

    Output goes to a file rather than a pipe so that a chatty bot can never block on a full
    pipe buffer, and so that the log survives a crash for the failure message. The same
    file is appended to across restarts, with a marker line per start, so a restart test
    can read the whole story.
    """

    def __init__(
        self,
        env: Mapping[str, str],
        cwd: str | os.PathLike[str] | None = None,
        *,
        argv: Sequence[str] | None = None,
        log_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        """Prepare (but do not start) the process.

        :param env: variables added on top of ``os.environ`` (BOT_TOKEN, TELEGRAM_API_URL…).
        :param cwd: working directory, the project root by default.
        :param argv: the command; ``[sys.executable, "-m", "bot"]`` by default. Tests of
            this helper pass a tiny stand-in script instead.
        :param log_dir: where ``bot.log`` goes; a fresh temporary directory by default
            (deliberately not removed, so a failed run's log can still be read).
        """
        self.env: dict[str, str] = dict(env)
        self.cwd = Path(cwd) if cwd is not None else PROJECT_ROOT
        self.argv: list[str] = list(argv) if argv is not None else [sys.executable, "-m", "bot"]
        directory = (
            Path(log_dir) if log_dir is not None else Path(tempfile.mkdtemp(prefix="birgemiz-e2e-"))
        )
        directory.mkdir(parents=True, exist_ok=True)
        self.log_path: Path = directory / "bot.log"
        self._process: asyncio.subprocess.Process | None = None
        self._starts = 0

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Start the process; it inherits ``os.environ`` plus :attr:`env`.

        ``PYTHONUNBUFFERED=1`` is set (unless the caller sets it) so that the log is
        complete at the moment a test reads it, not only when the process exits.
        """
        if self.running:
            raise RuntimeError(f"bot process {self.pid} is already running")
        self._starts += 1
        environment = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        command = " ".join(_brief(arg) for arg in self.argv)
        log = self._open_log(f"--- start #{self._starts}: {command} ---\n")
        try:
            self._process = await asyncio.create_subprocess_exec(
                *self.argv,
                cwd=str(self.cwd),
                env=environment,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
            )
        finally:
            log.close()  # the child has its own descriptor now

    async def stop(self, timeout: float = 10.0) -> int:
        """Ask the process to exit with SIGTERM, as systemd/docker would, and wait.

        Returns the exit code. A process that does not exit within ``timeout`` seconds is
        killed with SIGKILL and an AssertionError is raised: a bot that ignores SIGTERM
        would be killed the same way in production, losing whatever it was doing.
        Stopping a process that has already exited just returns its exit code.
        """
        process = self._require_process()
        if process.returncode is not None:
            return process.returncode
        process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(process.wait(), timeout)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise AssertionError(
                f"bot process {process.pid} did not exit within {timeout}s after SIGTERM "
                f"and was killed with SIGKILL. Log tail:\n{self.log_tail()}"
            ) from None

    def kill(self) -> None:
        """SIGKILL the process at once, simulating a crash (OOM killer, power loss)."""
        process = self._require_process()
        if process.returncode is None:
            process.kill()

    async def wait(self, timeout: float = 10.0) -> int:
        """Wait for the process to exit on its own (or after :meth:`kill`); its exit code.

        Raises AssertionError with the log tail if it is still running after ``timeout``.
        """
        process = self._require_process()
        try:
            return await asyncio.wait_for(process.wait(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"bot process {process.pid} still running after {timeout}s. "
                f"Log tail:\n{self.log_tail()}"
            ) from None

    # ------------------------------------------------------------------ inspection

    @property
    def pid(self) -> int | None:
        """The OS process id of the current (or last) run, None before the first start."""
        return self._process.pid if self._process is not None else None

    @property
    def returncode(self) -> int | None:
        """Exit code of the last run (negative signal number if killed), None if running."""
        return self._process.returncode if self._process is not None else None

    @property
    def running(self) -> bool:
        """Whether the process has been started and has not exited yet."""
        return self._process is not None and self._process.returncode is None

    def log_text(self) -> str:
        """Everything the process printed (stdout and stderr), across all starts."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, chars: int = _LOG_TAIL_CHARS) -> str:
        """The end of :meth:`log_text`, sized for an assertion message."""
        return self.log_text()[-chars:]

    # ------------------------------------------------------------------ context manager

    async def __aenter__(self) -> BotProcess:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.running:
            await self.stop()

    # ------------------------------------------------------------------ internals

    def _open_log(self, header: str) -> IO[bytes]:
        """Open the log for appending (sync on purpose: it is a local file, opened once)."""
        log = self.log_path.open("ab")
        log.write(header.encode())
        log.flush()
        return log

    def _require_process(self) -> asyncio.subprocess.Process:
        if self._process is None:
            raise RuntimeError("bot process was never started")
        return self._process
