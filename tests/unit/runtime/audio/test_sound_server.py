"""The sound server's socket is watched: gone is "lost", a new one is "back" (a restart)."""

from __future__ import annotations

import socket
from pathlib import Path

from pytestqt.qtbot import QtBot

from stretchtimer.runtime.audio.sound_server import SoundServerWatch, server_socket


def listening(path: Path) -> socket.socket:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    return server


def test_the_socket_is_found_as_libpulse_finds_it() -> None:
    assert server_socket({"PULSE_SERVER": "unix:/run/p/native"}) == Path("/run/p/native")
    assert server_socket({"PULSE_SERVER": "tcp:host:4713"}) is None
    assert server_socket({"PULSE_RUNTIME_PATH": "/r/pulse"}) == Path("/r/pulse/native")
    assert server_socket({"XDG_RUNTIME_DIR": "/run/user/7"}) == Path("/run/user/7/pulse/native")
    assert server_socket({}) is None


def test_a_server_that_goes_and_comes_back_is_lost_then_back_and_restarted(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "native"
    first = listening(path)
    watch = SoundServerWatch(path)
    watch.check()
    assert not watch.restarted
    with qtbot.waitSignal(watch.lost, timeout=3000):
        first.close()
        path.unlink()
    with qtbot.waitSignal(watch.returned, timeout=3000):
        second = listening(path)
    assert watch.restarted
    second.close()
    watch.stop()


def test_the_watch_wakes_only_on_changes_and_polls_only_while_its_folder_is_missing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "pulse"
    path = folder / "native"
    watch = SoundServerWatch(path)
    assert watch.polling  # no folder yet (no server has run): a look every second
    with qtbot.waitSignal(watch.returned, timeout=3000):
        folder.mkdir()
        server = listening(path)
    assert not watch.polling  # the folder is there: inotify, no wake-ups
    with qtbot.waitSignal(watch.lost, timeout=500):  # sooner than a once-a-second poll
        server.close()
        path.unlink()
    watch.stop()
