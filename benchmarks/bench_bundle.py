"""``bundle_size`` and ``bundle_size_natural``: the one-folder PyInstaller bundle without
and with the natural voice, each built and smoke-tested by packaging/pyinstaller/build.py
(some 25-40 s each), and how long the builds took.

What the megabytes buy (Debian 12, PySide6 6.11.3, PyInstaller 6.x; build.py --measure
and packaging/pyinstaller/README.md give the detail):

- Without the natural voice, 129.4 MB: Qt's Core, Gui, Widgets and window-system
  libraries with their Python bindings (about 45 MB), ICU, which Qt Core links (39 MB),
  Python (8 MB), QtMultimedia (2 MB: the audio process plays every cue and chime through
  it; Qt's FFmpeg back end, FFmpeg and the Qt Quick libraries that back end linked, 37 MB,
  stay out since the audio process loads no plugin), Qt's own words in the three
  languages we ship (0.5 MB); speech comes from the system's espeak-ng. The target,
  135 MB, leaves the app's own growth a few megabytes and fails when a dependency drags
  in a Qt module, plugin or library the spec means to leave out.
- With the natural voice, 294.8 MB: the same plus the voice model (63 MB), onnxruntime
  (35 MB), numpy with OpenBLAS (42 MB), Piper with the espeak-ng data it phonemizes with
  (21 MB, every language, for voices a person adds) and their Python: about 165 MB more,
  which buys a voice people can listen to for a whole session instead of espeak-ng's.
  Piper's Hebrew and Arabic diacritics models (26 MB) stay out: they serve only voices
  in those languages. Its target, 300 MB, again leaves a few megabytes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks.harness import Result, at_most, reported

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "packaging" / "pyinstaller" / "build.py"
TARGET_MB = 135.0  # measured 129.4 MB (166.6 MB with Qt's FFmpeg back end)
TARGET_NATURAL_MB = 300.0  # measured 294.8 MB (332.0 MB with it)


def build(*options: str) -> dict[str, object] | str:
    """The build's JSON summary, or the end of its error output."""
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as folder:
        result = subprocess.run(
            [
                sys.executable,
                str(BUILD),
                "--json",
                "--dist",
                f"{folder}/dist",
                "--work",
                f"{folder}/work",
                *options,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        return result.stderr[-500:]
    summary: dict[str, object] = json.loads(result.stdout)
    return summary


def run() -> Iterator[Result]:
    for name, target, options in (
        ("bundle_size", TARGET_MB, ()),
        ("bundle_size_natural", TARGET_NATURAL_MB, ("--natural-voice",)),
    ):
        summary = build(*options)
        if isinstance(summary, str):
            yield Result(name, 0.0, "MB", target, False, {"error": summary})
            continue
        megabytes = summary["megabytes"]
        assert isinstance(megabytes, float | int)
        yield at_most(name, megabytes, "MB", target, files=summary["files"])
        seconds = summary["build_seconds"]
        assert isinstance(seconds, float | int)
        yield reported(name.replace("size", "build"), seconds, "s")
