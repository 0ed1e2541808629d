"""The app's end of the audio process (``runtime/audio_child.py``): start it, send it short
commands, hear its replies, and start it again when it dies, hangs or a new sound server
came.

Every wait is bounded and every descriptor is owned here: the notifier on the child's
output is disabled and deleted before that pipe is closed (a notifier left on a closed
descriptor is what makes GLib's loop spin), writes never block (a child that stops
reading is a hung child), a command not answered within :data:`ANSWER_MS` means a hung
child, and a child is reaped with a bounded wait, then killed.

The link remembers every sound it was asked to load, so a new child gets the same
clips and chimes: that is how sound comes back after a crash or a server restart.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import IO, Any

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

log = logging.getLogger(__name__)

MODULE = "stretchtimer.runtime.audio_child"
ANSWER_MS = 2000  # a command unanswered this long: the child hangs
REAP_SECONDS = 0.5  # for a child asked to quit, before it is killed
RESTARTS = 5  # at most this many restarts ...
RESTART_WINDOW = 60.0  # ... in this many seconds, then the sound stays off


@dataclass
class _Sound:
    path: str
    volume: float
    loaded: bool = False


class AudioLink(QObject):
    """One audio child at a time, started on demand.

    Signals:
        connected(int): a child started and sees this many audio outputs.
        all_loaded(int): the child has loaded (or failed to load) every sound asked for
            so far; the number of those that failed.
        restarted(): the child died or hung and a new one was started.
    """

    connected = Signal(int)
    all_loaded = Signal(int)
    restarted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sounds: dict[int, _Sound] = {}
        self._process: subprocess.Popen[bytes] | None = None
        self._output: IO[bytes] | None = None
        self._notifier: QSocketNotifier | None = None
        self._received = bytearray()
        self._sent = 0  # number of the last command sent
        self._answered = 0  # and of the last one the child said it did
        self._failed = 0  # sounds the current child could not load
        self._restarts: list[float] = []
        self._closed = False
        self._answer = QTimer(self)
        self._answer.setSingleShot(True)
        self._answer.setInterval(ANSWER_MS)
        self._answer.timeout.connect(self._hung)

    # -- what the cue player asks ---------------------------------------------------

    def load(self, key: int, path: str, volume: float) -> None:
        self._sounds[key] = _Sound(path, volume)
        self._send({"do": "load", "id": key, "path": path, "volume": volume})

    def play(self, key: int) -> None:
        self._send({"do": "play", "id": key})

    def stop(self, key: int) -> None:
        self._send({"do": "stop", "id": key})

    def set_volume(self, key: int, volume: float) -> None:
        sound = self._sounds.get(key)
        if sound is not None:
            sound.volume = volume
        self._send({"do": "volume", "id": key, "volume": volume})

    @property
    def running(self) -> bool:
        return self._process is not None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Start a child (if none runs) and give it every sound asked for so far."""
        if self._process is not None or self._closed:
            return
        environment = {**os.environ, "QT_NO_GLIB": "1"}
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", MODULE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=environment,
            )
        except OSError as error:
            log.warning("cannot start the audio process: %s", error)
            return
        assert process.stdin is not None and process.stdout is not None
        os.set_blocking(process.stdin.fileno(), False)
        self._process = process
        self._output = process.stdout
        self._received.clear()
        self._sent = self._answered = 0
        self._failed = 0
        notifier = QSocketNotifier(process.stdout.fileno(), QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._readable)
        self._notifier = notifier
        for key, sound in self._sounds.items():
            sound.loaded = False
            self._send({"do": "load", "id": key, "path": sound.path, "volume": sound.volume})
        log.info("audio process %d started", process.pid)

    def stop_child(self) -> None:
        """End the child (the sound server went away: its connection is dead anyway)."""
        self._end_child(ask=True)

    def close(self) -> None:
        self._closed = True
        self._end_child(ask=True)

    # -- the pipe ---------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        process = self._process
        if process is None or process.stdin is None:
            return
        self._sent += 1
        line = (json.dumps({**message, "n": self._sent}) + "\n").encode()
        try:
            written = os.write(process.stdin.fileno(), line)
        except BlockingIOError:
            written = 0
        except OSError as error:  # the child is gone: its output's end says so too
            log.info("the audio process is gone (%s)", error)
            return
        if written != len(line):  # its pipe is full: it stopped reading
            log.warning("the audio process stopped reading its commands")
            self._restart()
            return
        if not self._answer.isActive():
            self._answer.start()

    def _readable(self) -> None:
        output = self._output
        if output is None:
            return
        try:
            chunk = os.read(output.fileno(), 65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            if self._notifier is not None:
                self._notifier.setEnabled(False)  # no more turns of the loop on this pipe
            QTimer.singleShot(0, self, self._died)  # outside the notifier's own call
            return
        self._received.extend(chunk)
        *lines, rest = self._received.split(b"\n")
        self._received[:] = rest
        for line in lines:
            try:
                reply = json.loads(line)
            except ValueError:
                log.warning("the audio process said %r", line[:80])
                continue
            self._heard(reply)

    def _heard(self, reply: dict[str, Any]) -> None:
        what = reply.get("is")
        if what == "ack":
            self._answered = max(self._answered, int(reply.get("n", 0)))
            if self._answered >= self._sent:
                self._answer.stop()
            else:
                self._answer.start()
        elif what == "loaded":
            sound = self._sounds.get(int(reply.get("id", -1)))
            if sound is not None and not sound.loaded:
                sound.loaded = True
                if not reply.get("ok"):
                    self._failed += 1
                if all(one.loaded for one in self._sounds.values()):
                    self.all_loaded.emit(self._failed)
        elif what == "hello":
            self.connected.emit(int(reply.get("outputs", 0)))
            if not self._sounds:
                self.all_loaded.emit(0)
        elif what == "log":
            log.log(int(reply.get("level", logging.INFO)), "audio: %s", reply.get("text", ""))

    def _died(self) -> None:
        if self._process is None:
            return
        log.warning("the audio process ended (%s)", self._process.poll())
        self._restart()

    def _hung(self) -> None:
        if self._process is not None:
            log.warning("the audio process did not answer for %d ms", ANSWER_MS)
            self._restart()

    def _restart(self) -> None:
        self._end_child(ask=False)
        now = time.monotonic()
        self._restarts = [at for at in self._restarts if now - at < RESTART_WINDOW]
        if len(self._restarts) >= RESTARTS:
            log.warning("the audio process failed %d times in a minute; no sound", RESTARTS)
            return
        self._restarts.append(now)
        self.start()
        if self._process is not None:
            self.restarted.emit()

    def _end_child(self, *, ask: bool) -> None:
        """Stop listening, close the pipes (notifier first), and reap the child, bounded."""
        self._answer.stop()
        process, self._process = self._process, None
        notifier, self._notifier = self._notifier, None
        output, self._output = self._output, None
        if notifier is not None:
            notifier.setEnabled(False)
            notifier.activated.disconnect()
            if shiboken6.isValid(notifier):
                shiboken6.delete(notifier)  # gone from the event loop before its fd closes
        if process is None:
            return
        if ask and process.stdin is not None:
            with contextlib.suppress(OSError):
                os.write(process.stdin.fileno(), b'{"do": "quit"}\n')
        with contextlib.suppress(OSError):
            if process.stdin is not None:
                process.stdin.close()  # end of input: a child that reads it quits
        if output is not None:
            output.close()
        try:
            process.wait(timeout=REAP_SECONDS if ask else 0.05)
        except subprocess.TimeoutExpired:
            process.kill()  # also a stopped (SIGSTOP) child
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=REAP_SECONDS)
