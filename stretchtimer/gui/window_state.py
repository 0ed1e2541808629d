"""What the app remembers about its windows between runs (``window.ini`` in the config
folder): where the window was and how big, what the tray has told, and the system's
colour scheme as last seen, so the next start opens in the right colours at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from stretchtimer.storage.paths import ensure_private_dir

if TYPE_CHECKING:
    from stretchtimer.gui.theme import Theme

SYSTEM_SCHEME_KEY = "theme/system_scheme"


def window_state(config: Path) -> QSettings:
    """The store, in the (owner-only) config folder."""
    folder = ensure_private_dir(config)
    return QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)


def last_system_scheme(config: Path) -> str | None:
    """The name of the system's scheme when the app last looked; None before that."""
    value = window_state(config).value(SYSTEM_SCHEME_KEY)
    return value if isinstance(value, str) else None


def remember_system_scheme(config: Path, scheme: Theme) -> None:
    window_state(config).setValue(SYSTEM_SCHEME_KEY, scheme.name)
