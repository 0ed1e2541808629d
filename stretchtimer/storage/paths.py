"""Where stretchtimer keeps its files.

Folders come from platformdirs. ``STRETCHTIMER_HOME`` puts all of them under one
folder instead, for portable use and for tests. Folders are created on first
use, readable by their owner only: they hold personal health data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

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
