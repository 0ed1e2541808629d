"""The sound server restarts in the middle of a real ``play --no-gui`` session: the person is
told the sound was lost, then that it is back, and the cues after the restart are heard
(recorded from the new server's null sink)."""

from __future__ import annotations

import array
import os
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest

from tests.integration.audio.pulse import PulseServer

ROUTINE = """\
format = 1
title = "Restart check"

[pace]
prepare = 1
rest = 1
inhale = 2
exhale = 2

[[step]]
name = "Breathe"
breaths = 8
"""


def peak(path: Path) -> int:
    with wave.open(str(path)) as recording:
        samples = array.array("h", recording.readframes(recording.getnframes()))
    return max((abs(sample) for sample in samples), default=0)


def test_sound_comes_back_after_the_server_restarts(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Off the test run's session bus: the run's own server holds PulseAudio's name there.
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    server = PulseServer(tmp_path / "pulse").start()
    routine = home / "restart.toml"
    routine.write_text(ROUTINE)
    environment = {**os.environ, **server.env(), "STRETCHTIMER_HOME": str(home)}
    player = subprocess.Popen(
        [sys.executable, "-m", "stretchtimer", "play", str(routine), "--no-gui"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
        cwd=home,
    )
    try:
        assert player.stdout is not None
        shown = b""
        while b"1/1" not in shown:  # the session has begun
            chunk = os.read(player.stdout.fileno(), 4096)
            assert chunk, "the player ended before its session began"
            shown += chunk
        time.sleep(2.0)
        server.stop()  # PulseAudio goes away ...
        time.sleep(2.5)
        server = PulseServer(tmp_path / "pulse").start()  # ... and a new one comes
        time.sleep(2.0)  # the player notices within a second or two
        with server.recording(tmp_path / "after.wav") as after:
            time.sleep(8.0)  # breaths, each with its cue
        player.terminate()
        _, errors = player.communicate(timeout=30)
    finally:
        if player.poll() is None:
            player.kill()
            player.communicate()
        server.stop()
    told = errors.decode()
    assert "The sound stopped" in told, told
    assert "Sound is back." in told, told
    assert told.index("The sound stopped") < told.index("Sound is back.")
    assert peak(after) > 1000, "nothing was heard after the restart"
