"""What the app loads before its window is ready: not the sound, speech or editor stack,
which come with the first session, voice test or editor (see the startup benchmarks)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

STARTUP = """
import json, sys
sys.path.insert(0, sys.argv[1])
from benchmarks.app_window import open_window
from PySide6.QtCore import QCoreApplication, QElapsedTimer
app, window, services = open_window()
timer = QElapsedTimer(); timer.start()
while timer.elapsed() < 1500:  # the window's first turns: pages, desk, reminders
    QCoreApplication.processEvents()
services.tasks.wait()
print(json.dumps([window.current_place(), sorted(sys.modules)]))
"""
LATER = (
    "PySide6.QtMultimedia",
    "stretchtimer.gui.editor.window",
    "stretchtimer.gui.voice_preview",
    "stretchtimer.player.cue_player",
    "stretchtimer.speech.renderer",
    "stretchtimer.gui.session_controller",
    "stretchtimer.gui.history_view",
    "_hashlib",  # OpenSSL: 3 MB resident
    "tomli_w",  # for writing routine files
    "html.entities",  # 0.5 MB of named entities
)


def test_startup_leaves_sound_speech_editor_and_history_page_for_later(home: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    environment = dict(os.environ, STRETCHTIMER_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    shown = subprocess.run(
        [sys.executable, "-c", STARTUP, str(root)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    place, modules = json.loads(shown.stdout.strip().splitlines()[-1])
    assert place == "routines"
    assert "stretchtimer.gui.routines_view" in modules  # the page is there, working
    assert "stretchtimer.gui.routine_actions" in modules
    assert [name for name in LATER if name in modules] == []
