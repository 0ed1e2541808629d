"""``desk``: what the desk companion costs. One reading of every presence probe (a private
D-Bus bus with a stand-in idle monitor and screen saver, a private PulseAudio server and X
server), and pausing and resuming three MPRIS players at a session's start and end.

The reading runs every 15 s on Qt's thread pool, never on the GUI thread; the media calls
run on the GUI thread as a session starts and ends, so they must stay short.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from benchmarks.harness import Result, at_most, median_ms

READ_TARGET_MS = 150.0  # on the pool: a bound on how long a reading holds a thread
MEDIA_TARGET_MS = 100.0  # on the GUI thread: about six frames


@contextmanager
def service(module: str, bus: str, *arguments: str) -> Iterator[None]:
    from tests.conftest import REPO
    from tests.integration.desk.desktop_session import Lines

    process = subprocess.Popen(
        [sys.executable, "-m", module, *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, DBUS_SESSION_BUS_ADDRESS=bus),
        cwd=REPO,
    )
    lines = Lines(process, module)
    try:
        lines.wait_for("ready")
        yield
    finally:
        lines.stop()


def run() -> list[Result]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtDBus import QDBusConnection

    from stretchtimer.runtime.desk.media import MediaControl
    from stretchtimer.system.presence.dbus_idle import MutterIdle, ScreenSaverIdle
    from stretchtimer.system.presence.desk_probes import DeskProbes
    from stretchtimer.system.presence.do_not_disturb import GnomeDoNotDisturb
    from stretchtimer.system.presence.full_screen import FullScreenWindow
    from stretchtimer.system.presence.meeting import CameraInUse, MicrophoneInUse
    from stretchtimer.system.presence.x11_idle import X11Idle
    from tests.integration.audio.pulse import PulseServer
    from tests.integration.desk.desktop_session import session_bus, x_server

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        pulse = PulseServer(folder).start()
        stack.callback(pulse.stop)
        bus_address = stack.enter_context(session_bus())
        display = stack.enter_context(x_server())
        stack.enter_context(service("tests.integration.desk.fake_presence", bus_address))
        for name in ("music", "podcast", "video"):
            stack.enter_context(service("tests.integration.desk.fake_player", bus_address, name))
        bus = QDBusConnection.connectToBus(bus_address, "bench-desk")
        probes = DeskProbes(
            idle=[MutterIdle(bus), ScreenSaverIdle(bus), X11Idle(display)],
            meeting=[MicrophoneInUse({**os.environ, **pulse.env()}), CameraInUse()],
            full_screen=[FullScreenWindow(display)],
            do_not_disturb=[GnomeDoNotDisturb()],
        )
        reading = median_ms(lambda: probes.read(0.0), runs=15)
        media = MediaControl(bus)

        def pause_and_resume() -> None:
            token = media.pause_playing()
            assert len(token.players) == 3
            media.resume(token)

        stepping = median_ms(pause_and_resume, runs=15)
    del app
    return [
        at_most("desk_probes_read", reading, "ms", READ_TARGET_MS, sources=7),
        at_most("media_pause_resume", stepping, "ms", MEDIA_TARGET_MS, players=3),
    ]
