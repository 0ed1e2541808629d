"""Notice the sound server going away and coming back.

Qt's PulseAudio back end connects once per process: when PulseAudio (or PipeWire's
PulseAudio server) restarts, every ``QSoundEffect`` of the process goes silent for
good. So :class:`SoundServerWatch` watches the server's socket (no connection): gone
means the sound is lost; back as another socket means a new server, which the app
reaches by starting a new audio process (``runtime/audio/link.py``). A server that was
killed leaves its socket file behind: the audio process notices that one instead.

The watch is an inotify watch on the socket's folder (``QFileSystemWatcher``): no
wake-ups while nothing changes. A server that starts binds its socket and one that
stops removes it; each changes the folder. Where the folder is missing (no server has
run yet) or cannot be watched, the watch looks once every :data:`POLL_MS` until it can.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

log = logging.getLogger(__name__)

POLL_MS = 1000


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


def server_present(path: Path | None = None) -> bool:
    """Whether a sound server's socket is there (True when it cannot be known).

    A ``stat``, never a connection: the app asks this before a session without
    loading Qt Multimedia (that would connect to the server in the app's process).
    """
    where = path if path is not None else server_socket()
    return where is None or _identity(where) is not None


def _identity(path: Path) -> tuple[int, int, int] | None:
    """Which socket is there: its inode, and when it was made (inodes are reused)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino, status.st_ctime_ns)


class SoundServerWatch(QObject):
    """Watches the sound server's socket.

    Signals:
        lost(): the server went away; nothing can be heard now.
        returned(): a server is there again (a new one when ``restarted``).
    """

    lost = Signal()
    returned = Signal()

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path if path is not None else server_socket()
        self._first = _identity(self.path) if self.path is not None else None
        self._now = self._first
        self._stopped = False
        self._folder = QFileSystemWatcher(self)
        self._folder.directoryChanged.connect(self.check)
        self._timer = QTimer(self)  # only while the folder cannot be watched
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)
        self._watch_folder()

    @property
    def restarted(self) -> bool:
        """Whether the server now is another than the one this process started with."""
        return self._now is not None and self._now != self._first

    @property
    def polling(self) -> bool:
        """Whether the watch looks every second (its folder cannot be watched now)."""
        return self._timer.isActive()

    def _watch_folder(self) -> None:
        if self.path is None or self._stopped:
            return
        folder = str(self.path.parent)
        if folder in self._folder.directories() or self._folder.addPath(folder):
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()

    def check(self) -> None:
        if self.path is None or self._stopped:
            return
        self._watch_folder()  # a folder removed and made again is watched anew
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
        self._stopped = True
        self._timer.stop()
        if self._folder.directories():
            self._folder.removePaths(self._folder.directories())
