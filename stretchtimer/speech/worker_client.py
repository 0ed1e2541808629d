"""The app's end of the speech worker: start it, ask it things, kill it when it misbehaves.

Replies are read on a small thread into a queue so that every request can have
a timeout on any platform. Lines on the worker's stdout that are not protocol
replies are logged and ignored; its stderr is kept (the last lines) for the log.
"""

from __future__ import annotations

import collections
import contextlib
import json
import logging
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from typing import IO, Any

from stretchtimer.speech.problems import SpeechNotice, SpeechProblem

log = logging.getLogger(__name__)

WORKER_FLAG = "--speech-worker"


def worker_command() -> tuple[str, ...]:
    """How to start the worker: ``python -m ...``, or the bundled app itself with a flag
    (in a PyInstaller bundle ``sys.executable`` is the app, which has no ``-m``)."""
    if getattr(sys, "frozen", False):
        return (sys.executable, WORKER_FLAG)
    return (sys.executable, "-m", "stretchtimer.speech.worker")


WORKER_COMMAND = worker_command()
STDERR_LINES = 20
_CLOSED = object()  # put on the queue when the worker's stdout ends


class WorkerDiedError(Exception):
    """The worker exited (or closed its output) before answering."""


class WorkerHungError(Exception):
    """The worker did not answer in time."""


class WorkerFailedError(Exception):
    """The worker started but said it cannot work; carries its notice."""

    def __init__(self, notice: SpeechNotice) -> None:
        super().__init__(notice.sentence)
        self.notice = notice


class WorkerProcess:
    """One running worker. Not thread-safe: use it from one thread at a time."""

    def __init__(self, command: Sequence[str] = WORKER_COMMAND, *, start_timeout: float) -> None:
        self.command = tuple(command)
        self._replies: queue.Queue[object] = queue.Queue()
        self._stderr: collections.deque[str] = collections.deque(maxlen=STDERR_LINES)
        self._next_id = 0
        self.engine = ""
        started = time.monotonic()
        self.process = subprocess.Popen(
            self.command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            bufsize=1,
        )
        assert self.process.stdout is not None and self.process.stderr is not None
        for target, stream in (
            (self._read_replies, self.process.stdout),
            (self._read_stderr, self.process.stderr),
        ):
            threading.Thread(target=target, args=(stream,), daemon=True).start()
        try:
            hello = self._next_message(start_timeout)
        except BaseException:
            self.kill()
            raise
        if hello.get("type") == "failed":
            problem = self._startup_problem(str(hello.get("problem", "")))
            self.kill()
            notice = SpeechNotice(
                problem, str(hello.get("detail", "")), reason=str(hello.get("reason", ""))
            )
            raise WorkerFailedError(notice)
        if hello.get("type") != "ready":
            self.kill()
            raise WorkerDiedError(f"unexpected greeting {hello!r}")
        self.engine = str(hello.get("engine", ""))
        log.info(
            "speech worker %s ready in %.0f ms (engine %s)",
            self.process.pid,
            (time.monotonic() - started) * 1000,
            self.engine,
        )

    @property
    def fresh(self) -> bool:
        """Nothing was asked of it yet (a Piper worker loads its model on the first clip)."""
        return self._next_id == 0

    def request(self, message: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Send ``message`` and wait for its reply; raises WorkerDiedError or WorkerHungError."""
        return self.request_many([message], timeout)[0]

    def request_many(
        self, messages: Sequence[dict[str, Any]], timeout: float
    ) -> list[dict[str, Any]]:
        """Send every message at once (a worker that renders side by side takes them
        together) and return their replies in the same order. ``timeout`` bounds the
        wait for each next reply. Raises WorkerDiedError or WorkerHungError."""
        numbers = self.send(messages)
        replies: dict[int, dict[str, Any]] = {}
        while len(replies) < len(numbers):
            reply = self.receive(timeout)
            number = reply.get("id")
            if isinstance(number, int) and number in numbers:
                replies[number] = reply
            else:
                log.warning("speech worker: ignoring a reply to another request: %r", reply)
        return [replies[number] for number in numbers]

    def send(self, messages: Sequence[dict[str, Any]]) -> list[int]:
        """Send ``messages`` without waiting; returns the ids their replies will carry.
        Raises WorkerDiedError."""
        numbers = []
        stdin = self.process.stdin
        assert stdin is not None
        try:
            for message in messages:
                self._next_id += 1
                numbers.append(self._next_id)
                stdin.write(json.dumps({**message, "id": self._next_id}, ensure_ascii=False) + "\n")
            stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as error:
            raise WorkerDiedError(f"could not write to the worker: {error}") from error
        return numbers

    def receive(self, timeout: float) -> dict[str, Any]:
        """The next reply, whichever request it answers (its ``id`` says); raises
        WorkerDiedError or WorkerHungError after ``timeout`` seconds."""
        return self._next_message(timeout)

    def _next_message(self, timeout: float) -> dict[str, Any]:
        try:
            item = self._replies.get(timeout=timeout)
        except queue.Empty:
            raise WorkerHungError(f"no answer within {timeout:.1f} s") from None
        if item is _CLOSED:
            code = self._exit_code()
            raise WorkerDiedError(f"the worker exited (status {code}); {self.stderr_tail()}")
        assert isinstance(item, dict)
        return item

    def _exit_code(self) -> int | None:
        try:
            return self.process.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            return None

    def _read_replies(self, stream: IO[str]) -> None:
        try:
            with stream:
                for line in stream:
                    self._take_line(line.strip())
        except (OSError, ValueError):
            log.debug("speech worker output closed", exc_info=True)
        finally:
            self._replies.put(_CLOSED)

    def _take_line(self, text: str) -> None:
        if not text:
            return
        try:
            message = json.loads(text)
        except ValueError:
            message = None
        if isinstance(message, dict):
            self._replies.put(message)
        else:
            log.warning("speech worker printed something that is not a reply: %.200r", text)

    def _read_stderr(self, stream: IO[str]) -> None:
        try:
            with stream:
                for line in stream:
                    self._stderr.append(line.rstrip())
        except (OSError, ValueError):
            log.debug("speech worker stderr closed", exc_info=True)

    def stderr_tail(self) -> str:
        lines = [line for line in self._stderr if line.strip()]
        return " | ".join(lines[-5:]) if lines else "it printed nothing"

    def _startup_problem(self, name: str) -> SpeechProblem:
        try:
            return SpeechProblem(name)
        except ValueError:
            return SpeechProblem.ENGINE_FAILED

    def close(self) -> None:
        """Ask the worker to exit (end of its input); kill it if it does not.

        Never raises: the worker may be gone already, its pipes broken, or reaped by
        someone else; closing happens on the way out, where nobody can act on an error.
        """
        try:
            if self.process.poll() is None:
                with contextlib.suppress(OSError, ValueError):
                    assert self.process.stdin is not None
                    self.process.stdin.close()
                try:
                    self.process.wait(timeout=2.0)
                except subprocess.TimeoutExpired:
                    self.kill()
        except OSError as error:
            log.warning("closing the speech worker: %s", error)
        self._close_stdin()

    def kill(self) -> None:
        """Stop the worker at once; never raises."""
        try:
            if self.process.poll() is None:
                self.process.kill()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(timeout=5.0)
        except OSError as error:
            log.warning("killing the speech worker: %s", error)
        self._close_stdin()

    def _close_stdin(self) -> None:
        """Its stdout and stderr are closed by their reader threads when they end."""
        if self.process.stdin is not None:
            with contextlib.suppress(OSError, ValueError):
                self.process.stdin.close()
