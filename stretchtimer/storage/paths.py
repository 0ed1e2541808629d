"""Where stretchtimer keeps its files.

Folders come from platformdirs. ``STRETCHTIMER_HOME`` puts all of them under one
folder instead, for portable use and for tests. Folders are created on first
use, readable by their owner only: they hold personal health data.

On Linux with an absolute ``HOME`` (nearly always) the four folders are the XDG ones,
worked out here exactly as platformdirs does (a test compares the two): its five
modules are some 0.3 MiB resident that an app waiting in the tray for hours would
carry for four folder names.
"""

from __future__ import annotations

import os
import posixpath
import sys
from dataclasses import dataclass
from pathlib import Path

from stretchtimer import APP_NAME

HOME_VARIABLE = "STRETCHTIMER_HOME"
PRIVATE_DIR_MODE = 0o700


@dataclass(frozen=True)
class Paths:
    data: Path
    config: Path
    cache: Path
    logs: Path

    @property
    def routines(self) -> Path:
        """The person's own routine files."""
        return self.data / "routines"

    @property
    def history(self) -> Path:
        """The SQLite file with the session history."""
        return self.data / "history.sqlite3"

    @property
    def voices(self) -> Path:
        """Piper voices the person added (``stretchtimer voices add``)."""
        return self.data / "voices"

    @property
    def settings(self) -> Path:
        return self.config / "settings.toml"

    @property
    def clips(self) -> Path:
        """Rendered speech, safe to delete."""
        return self.cache / "clips"

    @property
    def log_file(self) -> Path:
        return self.logs / "stretchtimer.log"

    def listing(self) -> list[tuple[str, Path]]:
        """``(name, path)`` pairs, as ``stretchtimer paths`` prints them."""
        return [
            ("data", self.data),
            ("config", self.config),
            ("cache", self.cache),
            ("logs", self.logs),
            ("routines", self.routines),
            ("history", self.history),
            ("settings", self.settings),
        ]


def app_paths(environ: dict[str, str] | None = None) -> Paths:
    """The app's folders, honouring ``STRETCHTIMER_HOME``."""
    environ = dict(os.environ) if environ is None else environ
    home = environ.get(HOME_VARIABLE, "").strip()
    if home:
        root = Path(home).expanduser().absolute()
        return Paths(root / "data", root / "config", root / "cache", root / "logs")
    return xdg_paths(environ) or platform_paths()


def xdg_paths(environ: dict[str, str], platform: str = sys.platform) -> Paths | None:
    """Linux's folders as platformdirs (which follows the XDG base directories) gives
    them; None where it decides otherwise (another system, a ``HOME`` not absolute)."""
    home = environ.get("HOME", "")
    if not platform.startswith("linux") or not posixpath.isabs(home):
        return None

    def folder(variable: str, default: str) -> Path:
        given = environ.get(variable, "")
        base = given if posixpath.isabs(given) else home.rstrip("/") + default
        return Path(base, APP_NAME)

    return Paths(
        data=folder("XDG_DATA_HOME", "/.local/share"),
        config=folder("XDG_CONFIG_HOME", "/.config"),
        cache=folder("XDG_CACHE_HOME", "/.cache"),
        logs=folder("XDG_STATE_HOME", "/.local/state") / "log",
    )


def platform_paths() -> Paths:
    """The folders platformdirs gives on this system."""
    import platformdirs

    return Paths(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) if needed; every folder made is owner-only."""
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
    return path
