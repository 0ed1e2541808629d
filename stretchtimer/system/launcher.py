"""Put stretchtimer in a Linux desktop's app menu for the current user, and take it out.

Follows the XDG specifications: the launcher goes to
``$XDG_DATA_HOME/applications/<app id>.desktop`` and the icons to the hicolor theme
under ``$XDG_DATA_HOME/icons`` (``XDG_DATA_HOME`` defaults to ``~/.local/share``).
The launcher shipped in the package says ``Exec=stretchtimer``; the installed copy
names the command that is running now (a venv's or pipx's script, or the bundle's
executable), so it works even when that folder is not on the desktop's ``PATH``.
Nothing here is personal, so the files are readable like any installed app's.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from stretchtimer import APP_ID, APP_NAME
from stretchtimer.core.i18n import _
from stretchtimer.storage.atomic import write_atomically
from stretchtimer.storage.resources import (
    ICON_SIZES,
    MISSING,
    app_icon_png,
    app_icon_svg,
    desktop_entry_path,
)

log = logging.getLogger(__name__)

PUBLIC_FILE_MODE = 0o644
# Characters that make the desktop specification require a quoted Exec argument.
EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
EXEC_ESCAPED_IN_QUOTES = frozenset('"`$\\')


class DesktopIntegrationError(Exception):
    """A known failure, worded for the person, with the fix."""


@dataclass(frozen=True)
class DesktopLayout:
    """Where the launcher and icons go under one XDG data folder."""

    data_home: Path

    @property
    def desktop_entry(self) -> Path:
        return self.data_home / "applications" / f"{APP_ID}.desktop"

    @property
    def hicolor(self) -> Path:
        return self.data_home / "icons" / "hicolor"

    def icon_png(self, size: int) -> Path:
        return self.hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"

    @property
    def icon_svg(self) -> Path:
        return self.hicolor / "scalable" / "apps" / f"{APP_ID}.svg"

    def files(self) -> list[Path]:
        """Every file :func:`install` writes, launcher first."""
        return [
            self.desktop_entry,
            *(self.icon_png(size) for size in ICON_SIZES),
            self.icon_svg,
        ]


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute (as the
    XDG Base Directory specification says)."""
    environ = os.environ if environ is None else environ
    value = environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def own_command() -> list[str]:
    """The command that starts this same installation of stretchtimer again."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable itself
        return [str(Path(sys.executable).absolute())]
    started_as = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started_as is not None and started_as.name == APP_NAME and started_as.is_file():
        return [str(started_as.absolute())]
    beside_python = Path(sys.executable).parent / APP_NAME
    if beside_python.is_file():
        return [str(beside_python.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", APP_NAME]


def exec_argument(argument: str) -> str:
    """``argument`` written for an ``Exec`` key: quoted and escaped as the desktop
    specification asks, then escaped once more as a desktop-file string."""
    argument = argument.replace("%", "%%")
    if not EXEC_RESERVED.intersection(argument):
        return argument
    inner = "".join(f"\\{char}" if char in EXEC_ESCAPED_IN_QUOTES else char for char in argument)
    return f'"{inner}"'.replace("\\", "\\\\")


def launcher_text(template: str, command: list[str]) -> str:
    """The shipped launcher with ``Exec`` and ``TryExec`` pointing at ``command``."""
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            lines.append("Exec=" + " ".join(exec_argument(part) for part in command))
        elif line.startswith("TryExec="):
            # TryExec is a plain string, not a command line: no quoting, only escapes.
            lines.append("TryExec=" + command[0].replace("\\", "\\\\"))
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data, mode=PUBLIC_FILE_MODE)


def _cannot(writing: bool, path: Path, error: OSError) -> DesktopIntegrationError:
    reason = error.strerror or str(error)
    sentence = (
        _(
            "could not write {path} ({reason}); check that you own that folder, "
            "or set XDG_DATA_HOME to a folder you can write to"
        )
        if writing
        else _(
            "could not remove {path} ({reason}); check that you own that folder, "
            "or set XDG_DATA_HOME to a folder you can write to"
        )
    )
    return DesktopIntegrationError(sentence.format(path=path, reason=reason))


def install(layout: DesktopLayout, command: list[str] | None = None) -> list[Path]:
    """Write the icons, then the launcher; returns the files written. Running it again
    replaces them, so it also repairs a launcher after stretchtimer moved."""
    command = command or own_command()
    try:
        template = desktop_entry_path().read_text(encoding="utf-8")
        contents = {layout.icon_png(size): app_icon_png(size).read_bytes() for size in ICON_SIZES}
        contents[layout.icon_svg] = app_icon_svg().read_bytes()
    except OSError as error:
        log.error("a packaged launcher file is missing", exc_info=True)
        raise DesktopIntegrationError(
            _(MISSING).format(what=_("launcher files and icons"))
        ) from error
    # Icons first: a launcher that appears before its icon shows a blank one.
    contents[layout.desktop_entry] = launcher_text(template, command).encode("utf-8")
    written = []
    for target, data in contents.items():
        try:
            _write(target, data)
        except OSError as error:
            raise _cannot(True, target, error) from error
        written.append(target)
    _tell_icon_caches(layout.hicolor)
    log.info("installed the launcher in %s running %s", layout.data_home, command)
    return written


def uninstall(layout: DesktopLayout) -> list[Path]:
    """Remove the files :func:`install` writes and nothing else; returns those removed."""
    removed = []
    for path in layout.files():
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise _cannot(False, path, error) from error
        removed.append(path)
    if removed:
        _tell_icon_caches(layout.hicolor)
    log.info("removed %d launcher files from %s", len(removed), layout.data_home)
    return removed


def _tell_icon_caches(hicolor: Path) -> None:
    """Touch the theme folder: GTK rereads a theme whose folder is newer than its cache."""
    try:
        os.utime(hicolor)
    except OSError:
        log.debug("could not touch %s", hicolor, exc_info=True)
