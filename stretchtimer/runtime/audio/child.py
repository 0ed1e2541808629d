"""The audio process: plays the session's clips and chimes for the app, on Qt's own loop.

Started by :class:`stretchtimer.runtime.audio.link.AudioLink` as
``python -m stretchtimer.runtime.audio.child`` when a session first needs sound. Why a
process of its own: Qt 6's PulseAudio back end leaves a socket notifier on a descriptor
it has closed when the sound server goes away. Under GLib's event loop (the desktop app
needs it for the system's file dialogs) that notifier makes ``g_main_context_check``
spin at full speed for ever; Qt's own loop (``QT_NO_GLIB=1``, set here before QtCore
loads) warns once and goes on. And a connection to a sound server that restarted never
comes back in a process: a new process simply connects to the new server.

The protocol is one JSON object a line. In (stdin), each with ``"n"``, a rising number:
``load`` (id, path, volume), ``play`` (id), ``stop`` (id), ``volume`` (id, volume),
``unload`` (id), ``quit``. Out (stdout): ``hello`` (outputs: how many audio outputs Qt
sees), ``loaded`` (id, ok), ``ack`` (n: every command up to it is done), ``log`` (level,
text), ``lost`` (Qt says the sound server went away). The end of stdin ends the
process: it never outlives the app.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtMultimedia import QSoundEffect

log = logging.getLogger(__name__)
_write_lock = threading.Lock()


def send(message: dict[str, Any]) -> None:
    """One line to the app (from any thread: Qt logs from its audio threads too)."""
    line = (json.dumps(message) + "\n").encode()
    with _write_lock, contextlib.suppress(OSError):  # the app gone: stdin's end stops us
        os.write(1, line)


# What Qt's PulseAudio back end says when its server goes (also when it was killed and
# its socket file stays behind, which the app's watch of that file cannot see); and
# what Qt says when that back end left a notifier on a closed connection, where its
# event loop then spins (the link replaces a child that says so).
SERVER_GONE = (
    "PulseAudioService: Context terminated",
    "PulseAudioService: Connection failure",
    "pa_context_connect() failed",
    "QSocketNotifier: Invalid socket",
)


# What Qt says when it finds no media back end plugin: expected here, where none is
# looked for (see ``main``), so it is not passed on as a warning.
NO_BACK_END = "No QtMultimedia backends found"


class _ToApp(logging.Handler):
    """Log records travel to the app, which logs them in its own log; the first that says
    the sound server went away is also told as ``lost``."""

    def __init__(self) -> None:
        super().__init__()
        self.told_lost = False

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if NO_BACK_END in text:
            return
        send({"is": "log", "level": record.levelno, "text": text})
        if not self.told_lost and any(words in text for words in SERVER_GONE):
            self.told_lost = True
            send({"is": "lost"})


class AudioChild:
    """Reads commands from stdin with a notifier on Qt's own loop and plays sounds."""

    def __init__(self, app: QCoreApplication, *, thread: bool) -> None:
        from stretchtimer.runtime.audio.pipe_lines import PipeLines

        self.app = app
        self.effects: dict[int, QSoundEffect] = {}
        self.reader = PipeLines(sys.stdin.buffer, thread=thread, parent=app)
        self.reader.lines.connect(self.commands)
        self.reader.ended.connect(self.stop)

    def loaded(self, key: int, effect: QSoundEffect) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        status = effect.status()
        if status in (QSoundEffect.Status.Ready, QSoundEffect.Status.Error):
            effect.statusChanged.disconnect()
            ok = status is QSoundEffect.Status.Ready
            if not ok:
                log.warning("could not load sound %s", effect.source().toLocalFile())
            send({"is": "loaded", "id": key, "ok": ok})

    def load(self, key: int, path: str, volume: float) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QSoundEffect

        effect = QSoundEffect(self.app)
        effect.setVolume(volume)
        self.effects[key] = effect
        effect.statusChanged.connect(lambda: self.loaded(key, effect))
        effect.setSource(QUrl.fromLocalFile(path))

    def do(self, command: dict[str, Any]) -> bool:
        """Carry out one command; False for ``quit``."""
        what = command.get("do")
        key = int(command.get("id", -1))
        effect = self.effects.get(key)
        if what == "load" and effect is None:
            self.load(key, str(command["path"]), float(command["volume"]))
        elif what == "play" and effect is not None:
            effect.play()
        elif what == "stop" and effect is not None:
            effect.stop()
        elif what == "volume" and effect is not None:
            effect.setVolume(float(command["volume"]))
        elif what == "unload" and effect is not None:
            del self.effects[key]
            effect.stop()
            effect.deleteLater()
        return what != "quit"

    def commands(self, lines: list[bytes]) -> None:
        done = None
        for line in lines:
            try:
                command = json.loads(line)
            except ValueError:
                log.warning("not a command: %r", line[:80])
                continue
            done = command.get("n", done)
            if not self.do(command):
                self.stop()
                return
        if done is not None:
            send({"is": "ack", "n": done})

    def stop(self) -> None:
        self.reader.close()  # before anything closes stdin
        for effect in self.effects.values():
            effect.stop()
        self.app.quit()


def main() -> int:
    os.environ["QT_NO_GLIB"] = "1"  # read once, as the application is made
    root = logging.getLogger()
    root.addHandler(_ToApp())
    root.setLevel(logging.INFO)

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtMultimedia import QMediaDevices

    from stretchtimer.runtime.qt_setup import audio_application

    # No plugins: Qt Multimedia would load its FFmpeg media back end (libavcodec and
    # friends: time and memory) for QSoundEffect too, yet plays WAV files and reaches
    # the sound server without it (QSoundEffect, QAudioSink and QMediaDevices are Qt
    # Multimedia's own). A display-less process needs no other plugin.
    QCoreApplication.setLibraryPaths([])
    app = audio_application()
    child = AudioChild(app, thread="--thread" in sys.argv[1:])
    send({"is": "hello", "outputs": len(QMediaDevices.audioOutputs())})
    app.exec()
    child.reader.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
