"""The real app on a real X server (Xvfb), driven by key presses like a person would.

It launches ``stretchtimer`` exactly as a launcher does, finds the quick standing
reset with Ctrl+F and Enter, lets the session run to its end (at twenty times the speed, so
chimes without the voice), listens to it on a PulseAudio null sink, and then finds
the session in the history database the app wrote.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.xvfb import display_env, xvfb
from stretchtimer.storage.history import open_history
from stretchtimer.storage.paths import app_paths
from tests.conftest import REPO
from tests.integration.audio.onsets import Recording, match
from tests.integration.audio.pulse import PulseServer
from tests.integration.audio.test_play_heard import TOLERANCE, read_log

ARTIFACTS = REPO / "test-artifacts"
SPEED = 20


@pytest.fixture
def display() -> Iterator[str]:
    with xvfb(1400, 900) as value:
        yield value


def xdotool(display: str, *args: str) -> str:
    result = subprocess.run(
        ["xdotool", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env=display_env(display),
        check=False,
    )
    return result.stdout.strip()


def wait_for_window(display: str, title: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = xdotool(display, "search", "--onlyvisible", "--name", title).split()
        if found:
            return found[-1]
        time.sleep(0.2)
    raise AssertionError(f"no window titled {title!r} appeared")


def press(display: str, window: str, *keys: str) -> None:
    xdotool(display, "windowfocus", "--sync", window)
    for key in keys:
        xdotool(display, "key", "--clearmodifiers", key)
        time.sleep(0.15)


def type_text(display: str, window: str, text: str) -> None:
    xdotool(display, "windowfocus", "--sync", window)
    xdotool(display, "type", "--delay", "40", text)


def recorded(home: Path) -> list:  # type: ignore[type-arg]
    opened = open_history(app_paths({"STRETCHTIMER_HOME": str(home)}).history, create=False)
    if opened.database is None:
        return []
    with opened.database as database:
        return database.recent()


@pytest.mark.timeout(240)
def test_the_real_app_plays_the_quick_standing_reset_from_the_keyboard(
    display: str, home: Path, pulse: PulseServer
) -> None:
    assert shutil.which("xdotool"), "install xdotool"
    log = home / "cues.jsonl"
    listening = contextlib.ExitStack()  # closed when the session is over, or on failure
    wav = listening.enter_context(pulse.recording(home / "heard.wav"))
    app = subprocess.Popen(
        [sys.executable, "-m", "stretchtimer", "--speed", str(SPEED)],
        env=display_env(
            display, STRETCHTIMER_HOME=str(home), STRETCHTIMER_CUE_LOG=str(log), **pulse.env()
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=home,
    )
    try:
        window = wait_for_window(display, "Stretch Timer")
        time.sleep(1.0)  # the first turn of the event loop fills the window
        press(display, window, "ctrl+f")
        type_text(display, window, "quick standing")
        press(display, window, "Return")
        deadline = time.monotonic() + 120
        sessions: list = []  # type: ignore[type-arg]
        while time.monotonic() < deadline:
            sessions = recorded(home)
            if sessions and sessions[0].status.value == "completed":
                break
            assert app.poll() is None, "the app ended before the session did"
            time.sleep(0.5)
        time.sleep(1.0)  # the closing chime rings out
        listening.close()
        ARTIFACTS.mkdir(exist_ok=True)
        subprocess.run(
            [
                "import",
                "-display",
                display,
                "-window",
                "root",
                str(ARTIFACTS / "xvfb-real-app-complete.png"),
            ],
            check=False,
            timeout=30,
        )
        assert sessions, "the session never reached the history"
        session = sessions[0]
        assert session.routine_id == "two-minute-reset"
        assert session.status.value == "completed"
        assert session.segments and all(segment.outcome == "done" for segment in session.segments)

        chimes = [record for record in read_log(log) if record["what"] == "chime"]
        assert chimes[0]["name"] == "session_start" and chimes[-1]["name"] == "complete"
        assert len(chimes) >= 5  # the start, each step's chime, the end
        recording = Recording.load(wav)
        anchor = recording.first_sound()
        assert anchor is not None, "the session was silent"
        # ``due`` is on the session's clock, which runs SPEED times faster than the wall's.
        expected = [anchor + (chime["due"] - chimes[0]["due"]) / SPEED for chime in chimes]
        assert None not in match(recording.onsets(), expected, TOLERANCE)
        press(display, window, "ctrl+q")
        _, errors = app.communicate(timeout=30)
        assert app.returncode == 0
        assert "Traceback" not in errors
    finally:
        if app.poll() is None:
            app.kill()
        app.communicate(timeout=30)  # and close the pipes
        listening.close()
