"""Find the files that ship with the app: sounds, icons and the Linux desktop files.

In an installed wheel (or a bundle) they live in the package as
``stretchtimer/assets``; in a source checkout they live at the top of the
repository in ``assets/`` (next to the scripts that make them) and, for the
launcher and AppStream files, in ``packaging/linux/``. ``pyproject.toml`` maps the
second layout onto the first when it builds the wheel.
"""

from __future__ import annotations

from pathlib import Path

from stretchtimer import APP_ID
from stretchtimer.core.i18n import N_, _

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # stretchtimer/, where the wheel puts assets/
CHECKOUT_DIR = PACKAGE_DIR.parent

ICON_NAME = "stretchtimer"
# The PNG sizes assets/icons/make_icons.py renders: the hicolor theme's usual sizes.
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)

MISSING = N_("stretchtimer's {what} are missing; reinstall stretchtimer")


def _first_folder(candidates: tuple[Path, ...], what: str) -> Path:
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise FileNotFoundError(_(MISSING).format(what=_(what)))


def assets_dir() -> Path:
    """The folder holding ``sounds/`` and ``icons/``."""
    return _first_folder((PACKAGE_DIR / "assets", CHECKOUT_DIR / "assets"), N_("sounds and icons"))


def sound_path(name: str) -> Path:
    """A sound by name, e.g. ``sound_path("switch")`` → ``.../sounds/switch.wav``."""
    return assets_dir() / "sounds" / f"{name}.wav"


def icons_dir() -> Path:
    return assets_dir() / "icons"


def app_icon_svg() -> Path:
    """The scalable app icon (drawn for 32 px and up)."""
    return icons_dir() / f"{ICON_NAME}.svg"


def app_icon_png(size: int) -> Path:
    """The app icon rendered at ``size`` px, one of :data:`ICON_SIZES`."""
    if size not in ICON_SIZES:
        raise ValueError(f"the app icon comes in {ICON_SIZES} px, not {size}")
    return icons_dir() / f"{ICON_NAME}-{size}.png"


def app_icon_pngs() -> dict[int, Path]:
    """Every rendered size of the app icon, smallest first."""
    return {size: app_icon_png(size) for size in ICON_SIZES}


def desktop_files_dir() -> Path:
    """The folder holding the launcher (``.desktop``) and AppStream metainfo files."""
    return _first_folder(
        (PACKAGE_DIR / "assets" / "linux", CHECKOUT_DIR / "packaging" / "linux"),
        N_("desktop launcher files"),
    )


def desktop_entry_path() -> Path:
    """The launcher file, named for the app id as the desktop specification wants."""
    return desktop_files_dir() / f"{APP_ID}.desktop"


def metainfo_path() -> Path:
    """The AppStream file that software centres read."""
    return desktop_files_dir() / f"{APP_ID}.metainfo.xml"
