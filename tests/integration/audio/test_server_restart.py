"""The sound server restarts in the middle of a real ``play --no-gui`` session: the person is
told the sound was lost, then that it is back, and the cues after the restart are heard
(recorded from the new server's null sink)."""

from __future__ import annotations

import array
import json
import os
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import pytest

from tests.integration.audio.pulse import HEARD, PulseServer, wait_to_hear
from tests.integration.audio.test_play_heard import read_log

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


def sent_since(log: Path, moment: float, within: float) -> None:
    """Until the timing log has a spoken cue sent after ``moment`` (the test checks the log
    after), or ``within`` seconds have passed."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        lines = log.read_text(encoding="utf-8").splitlines(keepends=True) if log.exists() else []
        records = [json.loads(line) for line in lines if line.endswith("\n")]
        if any(record["what"] == "voice" and record["at"] > moment for record in records):
            return
        time.sleep(0.05)


class Told:
    """What the player says on stderr, read as it comes (a thread of the test's own)."""

    def __init__(self, player: subprocess.Popen[bytes]) -> None:
        assert player.stderr is not None
        self._stream = player.stderr
        self._text = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while chunk := os.read(self._stream.fileno(), 4096):
            with self._lock:
                self._text.extend(chunk)

    def text(self) -> str:
        with self._lock:
            return self._text.decode(errors="replace")

    def wait_for(self, words: str, timeout: float) -> None:
        """Until the player has said ``words``; at most ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while words not in self.text():
            assert time.monotonic() < deadline, f"not told {words!r} within {timeout} s:\n" + (
                self.text()
            )
            time.sleep(0.05)

    def close(self) -> str:
        self._reader.join(timeout=10)
        self._stream.close()
        return self.text()


def test_sound_comes_back_after_the_server_restarts(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Off the test run's session bus: the run's own server holds PulseAudio's name there.
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    server = PulseServer(tmp_path / "pulse").start()
    routine = home / "restart.toml"
    routine.write_text(ROUTINE)
    log = home / "cues.jsonl"
    environment = {
        **os.environ,
        **server.env(),
        "STRETCHTIMER_HOME": str(home),
        "STRETCHTIMER_CUE_LOG": str(log),
    }
    player = subprocess.Popen(
        [sys.executable, "-m", "stretchtimer", "play", str(routine), "--no-gui"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
        cwd=home,
    )
    told = Told(player)
    try:
        assert player.stdout is not None
        shown = b""
        while b"1/1" not in shown:  # the session has begun
            chunk = os.read(player.stdout.fileno(), 4096)
            assert chunk, "the player ended before its session began"
            shown += chunk
        time.sleep(1.0)  # its first words are playing
        server.stop()  # PulseAudio goes away ...
        told.wait_for("The sound stopped", timeout=20)  # (within a second or two)
        assert "Sound is back." not in told.text()
        server = PulseServer(tmp_path / "pulse").start()  # ... and a new one comes
        told.wait_for("Sound is back.", timeout=20)
        back = time.monotonic()  # the clock of the player's timing log too
        # A breath's cue (one every 2 s) is sent after the sound came back, and heard from
        # the new server (the cue that was playing as the test read "back" may have been
        # sent just before it).
        peaks: list[int] = []
        with server.recording(tmp_path / "after.wav", peaks) as after:
            sent_since(log, back, within=9)
            wait_to_hear(peaks, 3, since=len(peaks))
        player.terminate()
        player.wait(timeout=30)
    finally:
        if player.poll() is None:
            player.kill()
            player.wait()
        said = told.close()
        if player.stdout is not None:
            player.stdout.close()
        server.stop()
    assert said.index("The sound stopped") < said.index("Sound is back."), said
    assert peak(after) > HEARD, "nothing was heard after the restart"
    # ... and what was heard includes the steps' words: the voice plays on the new server.
    spoken = [record for record in read_log(log) if record["what"] == "voice"]
    assert any(record["at"] > back for record in spoken), spoken
