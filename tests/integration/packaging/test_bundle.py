"""The one-folder bundle: packaging/pyinstaller/build.py builds it and it runs a routine.

One real PyInstaller build (about 20 s here); build.py smoke-tests the bundle from a
folder of its own and checks what is inside, and this test holds it to that.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

BUILD = REPO / "packaging" / "pyinstaller" / "build.py"


def test_the_build_script_makes_a_bundle_that_runs_a_routine(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(BUILD),
            "--json",
            "--dist",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    summary = json.loads(result.stdout)
    bundle = Path(summary["bundle"])
    assert (bundle / "stretchtimer").is_file()
    assert summary["checked"][:7] == [
        "--version",
        "routines list",
        "play two-minute-reset --no-gui --mute --speed 50",
        "say --to (the bundled speech worker)",
        "the audio process (the bundle with --audio-child)",
        "the desktop app's window (offscreen)",
        "desktop install",
    ]
    assert any("pyttsx3.drivers.espeak" in line for line in summary["checked"])
    assert any("libqxcb.so" in line for line in summary["checked"])
    internal = bundle / "_internal"
    # Qt's FFmpeg media back end and FFmpeg: the audio process loads no plugin.
    assert not list(internal.rglob("libffmpegmediaplugin*"))
    assert not list(internal.rglob("libavcodec*"))
    # Left out on purpose: what the app never loads.
    assert not list(internal.rglob("libQt6WebEngine*"))
    assert not list(internal.rglob("libQt6Pdf*"))
    # Of Qt's own translations, only its standard buttons' and dialogs' words in the
    # languages the app ships (gui/language.py loads them).
    assert sorted(path.name for path in internal.rglob("*.qm")) == [
        "qtbase_de.qm",
        "qtbase_es.qm",
        "qtbase_fr.qm",
    ]
    assert not list(internal.rglob("libssl*"))
    assert not (internal / "PySide6" / "Qt" / "plugins" / "imageformats").exists()
    # The catalogues travel, compiled, where the app looks for them; it speaks German.
    for language in ("de", "es", "fr"):
        for domain in ("core", "cli", "app"):
            assert (
                internal / "stretchtimer" / "locale" / language / "LC_MESSAGES" / f"{domain}.mo"
            ).is_file()
    assert not list(internal.rglob("*.po"))
    german = subprocess.run(
        [str(bundle / "stretchtimer"), "--lang", "de", "routines", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"STRETCHTIMER_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
    )
    assert german.returncode == 0, german.stderr
    assert "Übungen" in german.stdout and "mitgeliefert" in german.stdout
