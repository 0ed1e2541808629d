"""Restarting the app (a new Language setting applies then): the new process starts once
this one has quit, and only when asked."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from stretchtimer.gui import app as app_module


def started_marker(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    """Make the restart command a small program that leaves a file behind."""
    marker = folder / "started"
    command = [sys.executable, "-c", f"open({str(marker)!r}, 'w').close()"]
    monkeypatch.setattr(app_module, "restart_command", lambda: command)
    return marker


# The new app is left running on its own (a new session): nobody waits for it.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_restart_asked_for_starts_the_app_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    marker = started_marker(monkeypatch, tmp_path)
    quits: list[bool] = []
    restart = app_module.Restart()
    restart.ask(lambda: quits.append(True))
    assert quits == [True]  # this one quits first
    restart.carry_out()
    deadline = time.monotonic() + 20
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists()


def test_no_restart_unless_asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    marker = started_marker(monkeypatch, tmp_path)
    app_module.Restart().carry_out()
    time.sleep(0.5)
    assert not marker.exists()
