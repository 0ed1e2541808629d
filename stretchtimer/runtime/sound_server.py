"""Notice the sound server going away and coming back, and play past Qt when it does.

Qt's PulseAudio backend connects once per process: when PulseAudio (or PipeWire's
PulseAudio server) restarts, every ``QSoundEffect`` of the process goes silent for
good, new ones too, and Qt says nothing. So :class:`SoundServerWatch` looks at the
server's socket once a second (a ``stat``, no connection): gone means the sound is
lost; back with another inode means a new server, which Qt will never reach. From
then on sounds are played by ``paplay`` (pulseaudio-utils, also served by PipeWire),
one short process per clip, through :class:`ExternalSound`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

POLL_MS = 1000
PLAYER = "paplay"
FULL_VOLUME = 65536  # paplay's 100 %


def server_socket(environ: os._Environ[str] | dict[str, str] | None = None) -> Path | None:
    """Where the PulseAudio protocol socket is, as libpulse finds it; None if unknown."""
    env = os.environ if environ is None else environ
    server = env.get("PULSE_SERVER", "")
    if server:
        for part in server.split():
            if part.startswith("unix:"):
                return Path(part[len("unix:") :])
            if part.startswith("/"):
                return Path(part)
        return None  # a network server: not ours to watch
    runtime = env.get("PULSE_RUNTIME_PATH")
    if runtime:
        return Path(runtime) / "native"
    xdg = env.get("XDG_RUNTIME_DIR")
    return Path(xdg) / "pulse" / "native" if xdg else None


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


class SoundServerWatch(QObject):
    """Watches the sound server's socket.

    Signals:
        lost(): the server went away; nothing can be heard now.
        returned(): a server is there again (a new one: Qt cannot reach it).
    """

    lost = Signal()
    returned = Signal()

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path if path is not None else server_socket()
        self._first = _identity(self.path) if self.path is not None else None
        self._now = self._first
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)
        if self.path is not None and self._first is not None:
            self._timer.start()

    @property
    def restarted(self) -> bool:
        """Whether the server now is another than the one this process started with."""
        return self._now is not None and self._now != self._first

    def check(self) -> None:
        if self.path is None:
            return
        now = _identity(self.path)
        if now == self._now:
            return
        before, self._now = self._now, now
        if now is None:
            log.warning("the sound server went away (%s)", self.path)
            self.lost.emit()
        elif before is None or now != before:
            log.info("a sound server is back (%s)", self.path)
            self.returned.emit()

    def stop(self) -> None:
        self._timer.stop()


def external_player() -> str | None:
    return shutil.which(PLAYER)


class ExternalSound:
    """A sound played by ``paplay``: what :class:`QSoundEffect` offers the cue player.

    No pipes are opened (no socket notifier can be left on a closed descriptor); a
    finished player is reaped on the next call.
    """

    def __init__(self, path: Path, volume: float, program: str) -> None:
        self.path = path
        self.volume = volume
        self.program = program
        self._process: subprocess.Popen[bytes] | None = None

    def setVolume(self, volume: float) -> None:  # noqa: N802 - QSoundEffect's name
        self.volume = volume

    def play(self) -> None:
        self.stop()
        if self.volume <= 0:
            return
        try:
            self._process = subprocess.Popen(
                [self.program, f"--volume={round(self.volume * FULL_VOLUME)}", str(self.path)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            log.warning("cannot play %s with %s: %s", self.path, self.program, error)
            self._process = None

    def isPlaying(self) -> bool:  # noqa: N802 - QSoundEffect's name
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            if process.poll() is None:
                process.kill()
            process.wait(timeout=1.0)
