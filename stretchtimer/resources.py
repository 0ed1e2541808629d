"""Find the files that ship with the app: sounds and icons.

In an installed wheel (or a bundle) they live in the package as
``stretchtimer/assets``; in a source checkout they live at the top of the
repository in ``assets/``, next to the scripts that make them.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def assets_dir() -> Path:
    """The folder holding ``sounds/`` and ``icons/``."""
    packaged = PACKAGE_DIR / "assets"
    if packaged.is_dir():
        return packaged
    checkout = PACKAGE_DIR.parent / "assets"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("stretchtimer's sounds and icons are missing; reinstall stretchtimer")


def sound_path(name: str) -> Path:
    """A sound by name, e.g. ``sound_path("switch")`` → ``.../sounds/switch.wav``."""
    return assets_dir() / "sounds" / f"{name}.wav"


def icons_dir() -> Path:
    return assets_dir() / "icons"
