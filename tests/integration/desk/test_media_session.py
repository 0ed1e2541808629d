"""A session played in the terminal steps media aside on a private session bus: the music
playing at the start pauses and comes back at the end (finished or stopped), a player the
person starts during the session is left alone, and the setting turns all of it off.

The app's sessions go through the same set-up (``runtime/session_setup.py``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.desk.desktop_session import (
    Lines,
    session_bus,
    start_service,
)

PLAY = ("--no-gui", "--mute", "--speed")


@pytest.fixture
def bus() -> Iterator[str]:
    with session_bus() as address:
        yield address


def player(bus: str, name: str) -> Lines:
    return start_service("fake_player", bus, name, "Playing")


def play(bus: str, home: Path, speed: str) -> subprocess.Popen[bytes]:
    environment = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=bus, STRETCHTIMER_HOME=str(home))
    environment.pop("DISPLAY", None)
    return subprocess.Popen(
        [sys.executable, "-m", "stretchtimer", "play", "two-minute-reset", *PLAY, speed],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # what goes wrong is in the log file under STRETCHTIMER_HOME
        env=environment,
        cwd=home,
    )


def test_music_pauses_for_the_session_and_a_player_started_meanwhile_is_left_alone(
    bus: str, tmp_path: Path
) -> None:
    music = player(bus, "music")
    # The radio's process starts now (Python and Qt take seconds on a loaded machine);
    # it shows up on the bus, as a player the person starts, only when told to, during
    # the session. So the session need not be long enough to wait for a process start.
    radio = start_service("fake_player", bus, "radio", "Playing", "--later")
    session = play(bus, tmp_path, "30")
    try:
        assert music.wait_for("called") == {"called": "Pause", "status": "Paused"}
        radio.send("appear")  # the person starts the radio during the session
        assert radio.wait_for("done") == {"done": "appear", "appeared": True}
        assert session.poll() is None  # the session was still going when the radio came
        assert session.wait(timeout=120) == 0  # finished
        assert music.wait_for("called") == {"called": "Play", "status": "Playing"}
        radio.send("status")  # the next line answers it: nothing was asked of the radio
        assert radio.line() == {"done": "status", "status": "Playing"}
    finally:
        session.kill()
        session.wait()
        music.stop()
        radio.stop()


def test_a_stopped_session_brings_the_music_back_too(bus: str, tmp_path: Path) -> None:
    music = player(bus, "music")
    session = play(bus, tmp_path, "1")
    try:
        assert music.wait_for("called")["called"] == "Pause"
        session.send_signal(signal.SIGINT)  # Ctrl+C stops the session
        session.wait(timeout=60)
        assert music.wait_for("called") == {"called": "Play", "status": "Playing"}
    finally:
        session.kill()
        session.wait()
        music.stop()


def test_with_the_setting_off_the_music_plays_on(bus: str, tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text(
        "version = 1\n[desk]\npause_media = false\n", encoding="utf-8"
    )
    music = player(bus, "music")
    # At the top speed: nothing waits on the session's length here (the music is asked
    # nothing at its start, nothing at its end).
    session = play(bus, tmp_path, "100")
    try:
        assert session.wait(timeout=120) == 0
        # The next line answers it: nothing was asked of the music (a pause and a play
        # would come first, though they leave it playing).
        music.send("status")
        assert music.line() == {"done": "status", "status": "Playing"}
    finally:
        session.kill()
        session.wait()
        music.stop()
