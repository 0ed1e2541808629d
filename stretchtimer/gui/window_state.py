"""What the app remembers about its windows between runs (``window.ini`` in the config
folder): where the window was and how big, what the tray has told, and the system's
colour scheme as last seen, so the next start opens in the right colours at once."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from stretchtimer.storage.atomic import PRIVATE_FILE_MODE
from stretchtimer.storage.paths import ensure_private_dir

if TYPE_CHECKING:
    from stretchtimer.gui.theme import Theme

SYSTEM_SCHEME_KEY = "theme/system_scheme"


def window_state(config: Path) -> QSettings:
    """The store, in the (owner-only) config folder, readable by its owner only.

    Qt writes the file anew on every save but keeps the mode of the file it
    replaces; so the file is made owner-only before Qt first writes it.
    """
    folder = ensure_private_dir(config)
    path = folder / "window.ini"
    _private_file(path)
    return QSettings(str(path), QSettings.Format.IniFormat)


def _private_file(path: Path) -> None:
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        with contextlib.suppress(OSError):
            if os.name == "posix" and path.stat().st_mode & 0o077:
                path.chmod(PRIVATE_FILE_MODE)
    except OSError:  # a read-only config folder: Qt will not save either
        pass


def last_system_scheme(config: Path) -> str | None:
    """The name of the system's scheme when the app last looked; None before that."""
    value = window_state(config).value(SYSTEM_SCHEME_KEY)
    return value if isinstance(value, str) else None


def remember_system_scheme(config: Path, scheme: Theme) -> None:
    window_state(config).setValue(SYSTEM_SCHEME_KEY, scheme.name)
