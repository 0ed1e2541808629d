"""The Debian packages the test run needs, checked before any test: one line, not 400.

Without one of them a dozen tests would fail with long tracebacks that never say what
is missing. Checked once, at the start of the run; the message names the package and
repeats the README's install line.
"""

from __future__ import annotations

import ctypes.util
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# (what to look for, how: "command" on PATH or shared "library", the Debian package)
NEEDED: tuple[tuple[str, str, str], ...] = (
    ("pulseaudio", "command", "pulseaudio"),
    ("pactl", "command", "pulseaudio-utils"),
    ("parec", "command", "pulseaudio-utils"),
    ("espeak-ng", "library", "libespeak-ng1"),
    ("espeak-ng", "command", "espeak-ng"),
    ("Xvfb", "command", "xvfb"),
    ("xauth", "command", "xauth"),
    ("xdotool", "command", "xdotool"),
    ("sox", "command", "sox"),
    ("import", "command", "imagemagick"),
    ("dbus-daemon", "command", "dbus-daemon"),
    ("desktop-file-validate", "command", "desktop-file-utils"),
    ("appstreamcli", "command", "appstream"),
    ("flatpak-builder", "command", "flatpak-builder"),
    ("git", "command", "git"),
    ("xgettext", "command", "gettext"),
    ("msgfmt", "command", "gettext"),
    ("xkbcommon-x11", "library", "libxkbcommon-x11-0"),
    ("xcb-cursor", "library", "libxcb-cursor0"),
    ("EGL", "library", "libegl1"),
    ("fontconfig", "library", "libfontconfig1"),
)


def missing_packages(needed: tuple[tuple[str, str, str], ...] = NEEDED) -> list[str]:
    """The Debian packages missing from this machine, in the order of ``needed``."""
    missing: list[str] = []
    for name, kind, package in needed:
        found = shutil.which(name) if kind == "command" else ctypes.util.find_library(name)
        if not found and package not in missing:
            missing.append(package)
    return missing


def readme_apt_line(readme: Path = REPO / "README.md") -> str:
    """The README's ``sudo apt install ...`` line, as a person would copy it."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return "sudo apt install (see README.md)"
    for line in text.splitlines():
        if line.startswith("sudo apt install "):
            return line.strip()
    return "sudo apt install (see README.md)"


def missing_message(missing: list[str]) -> str:
    """One line: what is missing and the command that installs everything."""
    names = ", ".join(missing)
    word = "package" if len(missing) == 1 else "packages"
    return f"Missing system {word} {names}: install with the README's line: {readme_apt_line()}"
