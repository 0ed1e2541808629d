"""Restarting the app (a new Language setting applies then): the new process starts once
this one has quit, and only when asked. Starting afresh in the tray: the same process
becomes a start in the tray, once what its exit would run has run."""

from __future__ import annotations

import json
import os
import subprocess
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


# A process that starts afresh in its own place: what it ran at exit, and what it became.
BECOMES = """
import atexit, json, os, sys
from pathlib import Path
from stretchtimer.gui.app import Restart

folder = Path(sys.argv[1])
atexit.register(lambda: (folder / "exit-ran").write_text(str(os.getpid())))
became = [sys.executable, "-c",
          "import json, os, sys; print(json.dumps([os.getpid(), sys.argv[1:], "
          "os.environ.get('XDG_ACTIVATION_TOKEN'), os.environ.get('KEEP')]))",
          "--tray", "--lang", "de"]
restart = Restart()
quits = []
command = json.loads(sys.argv[2]) if len(sys.argv) > 2 else became
restart.renew_in_tray(command, lambda: quits.append(1))
assert quits == [1]
print("pid", os.getpid(), flush=True)
restart.carry_out()
print("still here", flush=True)
"""


def run_becoming(folder: Path, *command: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", BECOMES, str(folder), *command],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={
            **os.environ,
            "XDG_ACTIVATION_TOKEN": "launcher-token",
            "KEEP": "kept",
        },
    )
    return result.stdout.splitlines()


def test_starting_afresh_in_place_keeps_the_process_and_runs_the_exit_first(
    tmp_path: Path,
) -> None:
    lines = run_becoming(tmp_path)
    pid = int(lines[0].split()[1])
    became_pid, arguments, token, kept = json.loads(lines[1])
    assert became_pid == pid  # the same process: a session manager still sees the app
    assert arguments == ["--tray", "--lang", "de"]
    assert (tmp_path / "exit-ran").read_text() == str(pid)  # its children ended, files flushed
    assert token is None  # a launcher's one-time focus token is not handed on
    assert kept == "kept"
    assert "still here" not in lines


@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_when_it_cannot_start_afresh_in_place_it_starts_a_new_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    marker = tmp_path / "started"
    command = [sys.executable, "-c", f"open({str(marker)!r}, 'w').close()"]
    # The system refusing to replace the program (too little memory, say) cannot be
    # made to happen here: the refusal is handed back as the real one would be.
    monkeypatch.setattr(app_module, "become", lambda _command: OSError(12, "Out of memory"))
    restart = app_module.Restart()
    restart.renew_in_tray(command, lambda: None)
    restart.carry_out()
    deadline = time.monotonic() + 20
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists()  # the app in the tray again, as a process of its own


def test_a_folder_as_the_program_is_refused_and_the_app_ends_as_a_quit_does(
    tmp_path: Path,
) -> None:
    lines = run_becoming(tmp_path, json.dumps([str(tmp_path), "--tray"]))
    assert lines[-1] == "still here"  # back from the refusal, to the app's normal end
    assert (tmp_path / "exit-ran").exists()


def test_a_bundled_app_starts_itself_again_without_python_s_module_flag(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert app_module.restart_command() == [sys.executable, "-m", "stretchtimer"]
    assert app_module.tray_command("fr", 2.0) == [
        sys.executable,
        "-m",
        "stretchtimer",
        "--tray",
        "--lang",
        "fr",
        "--speed",
        "2.0",
    ]
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # as in a PyInstaller bundle
    assert app_module.restart_command() == [sys.executable]
    assert app_module.tray_command("de") == [sys.executable, "--tray", "--lang", "de"]


# A command still running on a helper thread when the program is replaced would end as
# a child the new program never waits for (a zombie for as long as the app runs).
WAITS_FOR_READINGS = """
import sys, subprocess, threading
from PySide6.QtCore import QRunnable, QThreadPool
from stretchtimer.gui.app import Restart

started = threading.Event()

class Reading(QRunnable):  # as a desk probe runs pactl or xprop
    def run(self):
        command = subprocess.Popen(["sleep", "0.4"])
        started.set()
        command.wait()

QThreadPool.globalInstance().start(Reading())
started.wait(10)
became = [sys.executable, "-c",
          "import os, time; time.sleep(1); print([e.name for e in os.scandir('/proc') "
          "if e.name.isdigit() and open(f'/proc/{e.name}/stat').read().rpartition(')')[2]"
          ".split()[:2] == ['Z', str(os.getpid())]])"]
restart = Restart()
restart.renew_in_tray(became, lambda: None)
restart.carry_out()
"""


def test_starting_afresh_in_place_waits_for_commands_still_running_on_helper_threads() -> None:
    result = subprocess.run(
        [sys.executable, "-c", WAITS_FOR_READINGS],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"  # no child left behind to the new program
