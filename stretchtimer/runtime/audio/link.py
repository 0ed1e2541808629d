"""The app's end of the audio process (``runtime/audio/child.py``): start it, send it short
commands, hear its replies, and start it again when it dies, hangs or a new sound server
came.

Every wait is bounded and every descriptor is owned here: the notifier on the child's
output is disabled and deleted before that pipe is closed (a notifier left on a closed
descriptor is what makes GLib's loop spin), writes never block (a child that stops
reading is a hung child), a command not answered within :data:`ANSWER_MS` means a hung
child, and a child is reaped with a bounded wait, then killed.

The link remembers every sound it was asked to load, so a new child gets the same
clips and chimes: that is how sound comes back after a crash or a server restart. It
also watches the sound server (``runtime/sound_server.py``): when the server goes, the
child goes too (its connection is dead); when a server comes back, a new child connects
to it and loads the same sounds.

One link serves the whole app (:func:`shared_link`): the first sound a session, a voice
preview or a reminder needs starts the child, and the next ones find it running. It
ends a minute after the last sound was let go, and with the app.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from stretchtimer.runtime.audio.pipe_lines import WATCHABLE, PipeLines
from stretchtimer.runtime.audio.sound_server import SoundServerWatch, server_socket

log = logging.getLogger(__name__)

MODULE = "stretchtimer.runtime.audio.child"
CHILD_FLAG = "--audio-child"


def child_command() -> tuple[str, ...]:
    """How to start the audio process: ``python -m ...``, or the bundled app itself with
    a flag (in a PyInstaller bundle ``sys.executable`` is the app, which has no ``-m``)."""
    if getattr(sys, "frozen", False):
        return (sys.executable, CHILD_FLAG)
    return (sys.executable, "-m", MODULE)


ANSWER_MS = 2000  # a command unanswered this long: the child hangs
REAP_SECONDS = 0.5  # for a child asked to quit, before it is killed
RESTARTS = 5  # at most this many restarts ...
RESTART_WINDOW = 60.0  # ... in this many seconds, then the sound stays off
IDLE_MS = 60_000  # no sound held this long: the child ends (a session starts it again)
BACK_DELAY_MS = 300  # a new server's socket is there: give it a moment to set up its sinks
BACK_TRIES = 10  # a child that sees no output on a new server is tried again, each second


@dataclass
class _Sound:
    path: str
    volume: float
    loaded: bool = False


class AudioLink(QObject):
    """One audio child at a time, started on demand.

    Signals:
        connected(int): a child started and sees this many audio outputs.
        loaded(int, bool): the child has loaded one sound (key, whether it could).
        all_loaded(int): the child has loaded (or failed to load) every sound asked for
            so far; the number of those that failed.
        restarted(): the child died or hung and a new one was started.
        lost(): the sound server went away; nothing can be heard now.
        back(): a sound server is back and a new child has loaded every sound.
    """

    connected = Signal(int)
    loaded = Signal(int, bool)
    all_loaded = Signal(int)
    restarted = Signal()
    lost = Signal()
    back = Signal()

    def __init__(self, parent: QObject | None = None, *, thread: bool = not WATCHABLE) -> None:
        super().__init__(parent)
        self.thread_reader = thread  # pipes read by a thread (Windows), else a notifier
        self._sounds: dict[int, _Sound] = {}
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: PipeLines | None = None
        self._sent = 0  # number of the last command sent
        self._answered = 0  # and of the last one the child said it did
        self._failed = 0  # sounds the current child could not load
        self._restarts: list[float] = []
        self._started = 0.0  # monotonic time the child was started
        self._closed = False
        self._next_key = 0
        self._server_gone = False  # the server went away and no new one has loaded all
        self._back_tries = 0
        self.server = server_socket()  # the socket of the server the child talks to
        self._watch: SoundServerWatch | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self.stop_child)
        self._answer = QTimer(self)
        self._answer.setSingleShot(True)
        self._answer.setInterval(ANSWER_MS)
        self._answer.timeout.connect(self._hung)

    # -- what the cue player asks ---------------------------------------------------

    def new_key(self) -> int:
        self._next_key += 1
        return self._next_key

    def load(self, key: int, path: str, volume: float) -> None:
        """Load a sound (starting the child if none runs); ``loaded`` says when."""
        self._idle.stop()
        self._sounds[key] = _Sound(path, volume)
        if self._process is None and not self._server_gone:
            self.start()  # loads every sound held, this one too
        else:
            self._send({"do": "load", "id": key, "path": path, "volume": volume})

    def unload(self, keys: list[int]) -> None:
        """Let sounds go (a player is done with them); the child ends when none are left."""
        for key in keys:
            if self._sounds.pop(key, None) is not None:
                self._send({"do": "unload", "id": key})
        if not self._sounds and self._process is not None:
            self._idle.start()

    def play(self, key: int) -> None:
        self._send({"do": "play", "id": key})

    def stop(self, key: int) -> None:
        self._send({"do": "stop", "id": key})

    def set_volume(self, key: int, volume: float) -> None:
        sound = self._sounds.get(key)
        if sound is not None:
            sound.volume = volume
        self._send({"do": "volume", "id": key, "volume": volume})

    def warm(self) -> None:
        """A sound is about to be needed (the pointer reached Start): start the child now,
        so that the first sound loads at once. It ends after ``IDLE_MS`` if nothing is
        loaded meanwhile, as after the last sound was let go."""
        if self._process is None and not self._server_gone:
            self.start()
        if not self._sounds and self._process is not None:
            self._idle.start()

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
        if self._watch is None and self.server is not None:
            self._watch = SoundServerWatch(self.server, parent=self)
            self._watch.lost.connect(self._server_lost)
            self._watch.returned.connect(self._server_back)
        environment = {**os.environ, "QT_NO_GLIB": "1"}
        try:
            process = subprocess.Popen(
                [*child_command(), *(["--thread"] if self.thread_reader else [])],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=environment,
            )
        except OSError as error:
            log.warning("cannot start the audio process: %s", error)
            return
        assert process.stdin is not None and process.stdout is not None
        if not self.thread_reader:
            os.set_blocking(process.stdin.fileno(), False)  # a child that stops reading
        self._process = process
        self._started = time.monotonic()
        self._sent = self._answered = 0
        self._failed = 0
        reader = PipeLines(process.stdout, thread=self.thread_reader, parent=self)
        reader.lines.connect(self._read)
        reader.ended.connect(lambda: QTimer.singleShot(0, self, self._died))  # outside its call
        self._reader = reader
        for key, sound in self._sounds.items():
            sound.loaded = False
            self._send({"do": "load", "id": key, "path": sound.path, "volume": sound.volume})
        log.info("audio process %d started", process.pid)

    def stop_child(self) -> None:
        """End the child (the sound server went away: its connection is dead anyway)."""
        self._end_child(ask=True)

    def close(self) -> None:
        self._closed = True
        self._idle.stop()
        if self._watch is not None:
            self._watch.stop()
        self._end_child(ask=True)

    def end_at_exit(self) -> None:
        """At the interpreter's exit: the child goes with the app (no Qt object touched:
        the application may be gone already)."""
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(OSError):
            if process.stdin is not None:
                process.stdin.close()
        with contextlib.suppress(OSError):
            if process.stdout is not None:
                process.stdout.close()
        try:
            process.wait(timeout=REAP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=REAP_SECONDS)

    # -- the sound server ---------------------------------------------------------------

    def _child_lost_server(self) -> None:
        """Qt in the child lost its server. Gone for real (a killed server leaves its socket
        file: nothing changes for the watch) when its socket refuses a connection; else
        the child alone is at fault and is replaced."""
        if self._server_gone:
            return
        if self.server is not None and not _answers(self.server):
            log.warning("the sound server went away (%s refuses connections)", self.server)
            QTimer.singleShot(0, self, self._server_lost)  # not inside the pipe's own call
        else:
            QTimer.singleShot(0, self, self._restart)

    def _server_lost(self) -> None:
        if self._server_gone:
            return
        self._server_gone = True
        self._back_tries = 0
        self._end_child(ask=True)
        self.lost.emit()

    def _server_back(self) -> None:
        self._server_gone = True  # until a new child has loaded every sound
        self._end_child(ask=True)
        if self._sounds:
            QTimer.singleShot(BACK_DELAY_MS, self, self.start)
        else:
            self._server_gone = False

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

    def _read(self, lines: list[bytes]) -> None:
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
            key = int(reply.get("id", -1))
            sound = self._sounds.get(key)
            if sound is not None and not sound.loaded:
                sound.loaded = True
                if not reply.get("ok"):
                    self._failed += 1
                self.loaded.emit(key, bool(reply.get("ok")))
                if all(one.loaded for one in self._sounds.values()):
                    self._all_loaded()
        elif what == "hello":
            self._hello(int(reply.get("outputs", 0)))
        elif what == "lost":
            self._child_lost_server()
        elif what == "log":
            log.log(int(reply.get("level", logging.INFO)), "audio: %s", reply.get("text", ""))

    def _hello(self, outputs: int) -> None:
        self.connected.emit(outputs)
        if outputs == 0:
            log.warning("the audio process sees no audio output")
            if self._server_gone and self._back_tries < BACK_TRIES:
                self._back_tries += 1  # a new server without its sinks yet: ask again soon
                self._end_child(ask=True)
                QTimer.singleShot(1000, self, self.start)
                return
        if not self._sounds:
            self._all_loaded()

    def _all_loaded(self) -> None:
        log.debug(
            "audio process loaded %d sounds in %.0f ms",
            len(self._sounds),
            (time.monotonic() - self._started) * 1000,
        )
        self.all_loaded.emit(self._failed)
        if self._server_gone and (self._failed < len(self._sounds) or not self._sounds):
            self._server_gone = False
            self.back.emit()

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
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.close()  # out of the event loop before its pipe closes
            reader.setParent(None)  # the last reference goes with this function
        if process is None:
            return
        if ask and process.stdin is not None:
            with contextlib.suppress(OSError):
                os.write(process.stdin.fileno(), b'{"do": "quit"}\n')
        with contextlib.suppress(OSError):
            if process.stdin is not None:
                process.stdin.close()  # end of input: a child that reads it quits
        try:
            process.wait(timeout=REAP_SECONDS if ask else 0.05)
        except subprocess.TimeoutExpired:
            process.kill()  # also a stopped (SIGSTOP) child
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=REAP_SECONDS)


def _answers(path: Path) -> bool:
    """Whether a server listens on the Unix socket ``path`` (connect and close, at once)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.2)
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


_shared: AudioLink | None = None


def shared_link() -> AudioLink:
    """The app's one audio link (made on first use: nothing starts with the app).

    Made again when the sound server named by the environment changed (tests give
    each their own server; the app's environment does not change).
    """
    global _shared  # noqa: PLW0603 - one link per process, made when first needed
    if _shared is not None and (
        not shiboken6.isValid(_shared) or _shared.server != server_socket()
    ):
        if shiboken6.isValid(_shared):
            _shared.close()
        _shared = None
    if _shared is None:
        _shared = AudioLink()
        atexit.register(_shared.end_at_exit)
    return _shared
