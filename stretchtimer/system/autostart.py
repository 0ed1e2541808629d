"""Start at login: the app starts minimised to the tray when the person logs in.

One interface, :class:`Autostart` (``is_enabled``, ``enable``, ``disable``,
``refresh``, ``location``), three ways behind it; :func:`autostart_for` picks
the one for this system:

* **Linux and other XDG desktops** (:class:`XdgAutostart`): a desktop entry
  ``$XDG_CONFIG_HOME/autostart/<APP_ID>.desktop`` (``~/.config`` when unset), as
  the XDG Autostart specification says; GNOME, KDE, Xfce, Cinnamon, MATE and
  LXQt start every entry there at login.
* **Windows** (:class:`WindowsRunKey`): a value named ``stretchtimer`` under
  ``HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``, whose
  data is the command line. Windows runs it at login; it also lists it under
  Settings › Apps › Startup, where the person can switch it off.
* **macOS** (:class:`LaunchAgent`): ``~/Library/LaunchAgents/<APP_ID>.plist`` with
  ``RunAtLoad``; launchd starts it at the next login.

The command is :func:`login_command`: the installed ``stretchtimer`` launcher
(``stretchtimer-gui`` on Windows, which opens no console) with ``--tray``, the
flag that starts the app in the tray without opening its window. A
``STRETCHTIMER_HOME`` in force when the entry is made goes with it (on Linux and
macOS; a Windows Run value cannot carry an environment). ``refresh`` rewrites an
existing entry, so one made before the app moved or was reinstalled still works.
"""

from __future__ import annotations

import logging
import os
import plistlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from stretchtimer import APP_DISPLAY_NAME, APP_ID, APP_NAME
from stretchtimer.core.i18n import _
from stretchtimer.storage.atomic import write_atomically, write_text_atomically
from stretchtimer.storage.paths import HOME_VARIABLE

log = logging.getLogger(__name__)

TRAY_FLAG = "--tray"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class AutostartError(Exception):
    """Start at login could not be changed; the message is one sentence for the person."""


@dataclass(frozen=True)
class LoginCommand:
    """What runs at login: the program and its arguments, and extra environment."""

    argv: tuple[str, ...]
    environment: Mapping[str, str] = field(default_factory=dict)


def login_command(
    environ: Mapping[str, str] | None = None,
    executable: str = sys.executable,
    windows: bool = os.name == "nt",
) -> LoginCommand:
    """The command that starts this installation of the app in the tray."""
    environ = os.environ if environ is None else environ
    folder = Path(executable).parent
    # Launchers sit beside the interpreter (a virtual environment) or, for a
    # system-wide Python on Windows, in its Scripts folder.
    if windows:
        launchers = [folder / "stretchtimer-gui.exe", folder / "Scripts" / "stretchtimer-gui.exe"]
        windowless = folder / "pythonw.exe"  # no console window
        python = str(windowless) if windowless.exists() else executable
    else:
        launchers = [folder / APP_NAME]
        python = executable
    launcher = next((path for path in launchers if path.is_file()), None)
    program = [str(launcher)] if launcher else [python, "-m", APP_NAME]
    home = environ.get(HOME_VARIABLE, "").strip()
    extra = {HOME_VARIABLE: str(Path(home).expanduser().absolute())} if home else {}
    return LoginCommand((*program, TRAY_FLAG), extra)


class Autostart(Protocol):
    @property
    def location(self) -> str:
        """Where the entry lives, in words a person can look up."""
        ...

    def is_enabled(self) -> bool: ...

    def enable(self) -> None:
        """Start at login from now on. Raises :class:`AutostartError`."""
        ...

    def disable(self) -> None:
        """No longer start at login. Raises :class:`AutostartError`."""
        ...

    def refresh(self) -> None:
        """Rewrite the entry if there is one (the app may have moved)."""
        ...


def _refused(turning_on: bool, where: object, error: OSError) -> AutostartError:
    reason = error.strerror or str(error)
    sentence = (
        _(
            "Could not turn on start at login ({where}: {reason}); "
            "check that you can write there, then try again."
        )
        if turning_on
        else _(
            "Could not turn off start at login ({where}: {reason}); "
            "check that you can write there, then try again."
        )
    )
    return AutostartError(sentence.format(where=where, reason=reason))


# -- Linux and other XDG desktops ---------------------------------------------------------

_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_exec(argv: Sequence[str]) -> str:
    """A command line as the ``Exec`` value of a desktop entry (quoted, then escaped)."""
    words = []
    for word in argv:
        if word and not (_RESERVED & set(word)):
            quoted = word
        else:
            inner = "".join("\\" + char if char in '"`$\\' else char for char in word)
            quoted = f'"{inner}"'
        words.append(quoted.replace("%", "%%"))
    # A desktop entry value escapes each backslash once more.
    return " ".join(words).replace("\\", "\\\\")


def desktop_entry(command: LoginCommand) -> str:
    argv = list(command.argv)
    if command.environment:
        assignments = [f"{key}={value}" for key, value in sorted(command.environment.items())]
        argv = ["env", *assignments, *argv]
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_DISPLAY_NAME}\n"
        f"Comment={_('Reminds you to stretch; starts in the tray')}\n"
        f"Exec={desktop_exec(argv)}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


class XdgAutostart:
    """A desktop entry in the XDG autostart folder."""

    def __init__(self, config_home: Path, command: LoginCommand) -> None:
        self.path = config_home / "autostart" / f"{APP_ID}.desktop"
        self.command = command

    @property
    def location(self) -> str:
        return str(self.path)

    def is_enabled(self) -> bool:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        lines = {line.strip() for line in text.splitlines()}
        return "Hidden=true" not in lines and "X-GNOME-Autostart-enabled=false" not in lines

    def enable(self) -> None:
        try:
            write_text_atomically(self.path, desktop_entry(self.command))
        except OSError as error:
            raise _refused(True, self.path, error) from error
        log.info("start at login: wrote %s", self.path)

    def disable(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as error:
            raise _refused(False, self.path, error) from error
        log.info("start at login: removed %s", self.path)

    def refresh(self) -> None:
        if self.is_enabled():
            self.enable()


# -- Windows -----------------------------------------------------------------------------


class RunValues(Protocol):
    """The values of the current user's Run key."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, command_line: str) -> None: ...

    def delete(self, name: str) -> None: ...


if sys.platform == "win32":
    import winreg

    class WinRegRunValues:
        """The real Run key, through ``winreg``."""

        def get(self, name: str) -> str | None:
            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                    value, _ = winreg.QueryValueEx(key, name)
            except FileNotFoundError:
                return None
            return value if isinstance(value, str) else None

        def set(self, name: str, command_line: str) -> None:
            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.SetValueEx(key, name, 0, winreg.REG_SZ, command_line)

        def delete(self, name: str) -> None:
            try:
                with winreg.OpenKey(
                    winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE
                ) as key:
                    winreg.DeleteValue(key, name)
            except FileNotFoundError:
                pass

else:

    class WinRegRunValues:
        """Elsewhere there is no registry: every use fails as a refused write would."""

        def get(self, name: str) -> str | None:
            raise OSError("the Windows registry exists only on Windows")

        def set(self, name: str, command_line: str) -> None:
            raise OSError("the Windows registry exists only on Windows")

        def delete(self, name: str) -> None:
            raise OSError("the Windows registry exists only on Windows")


class WindowsRunKey:
    """A value in the current user's Run key."""

    def __init__(self, command: LoginCommand, values: RunValues | None = None) -> None:
        self.command = command
        self.values = values or WinRegRunValues()

    @property
    def location(self) -> str:
        return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{APP_NAME}"

    @property
    def command_line(self) -> str:
        return subprocess.list2cmdline(self.command.argv)

    def is_enabled(self) -> bool:
        try:
            return bool(self.values.get(APP_NAME))
        except OSError:
            return False

    def enable(self) -> None:
        try:
            self.values.set(APP_NAME, self.command_line)
        except OSError as error:
            raise _refused(True, self.location, error) from error

    def disable(self) -> None:
        try:
            self.values.delete(APP_NAME)
        except OSError as error:
            raise _refused(False, self.location, error) from error

    def refresh(self) -> None:
        if self.is_enabled():
            self.enable()


# -- macOS -------------------------------------------------------------------------------


def launch_agent_plist(command: LoginCommand) -> bytes:
    agent: dict[str, object] = {
        "Label": APP_ID,
        "ProgramArguments": list(command.argv),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",  # a graphical login, not an SSH session
    }
    if command.environment:
        agent["EnvironmentVariables"] = dict(command.environment)
    return plistlib.dumps(agent)


class LaunchAgent:
    """A launchd agent in the person's LaunchAgents folder."""

    def __init__(self, home: Path, command: LoginCommand) -> None:
        self.path = home / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
        self.command = command

    @property
    def location(self) -> str:
        return str(self.path)

    def is_enabled(self) -> bool:
        try:
            agent = plistlib.loads(self.path.read_bytes())
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return isinstance(agent, dict) and agent.get("Disabled") is not True

    def enable(self) -> None:
        try:
            write_atomically(self.path, launch_agent_plist(self.command))
        except OSError as error:
            raise _refused(True, self.path, error) from error

    def disable(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as error:
            raise _refused(False, self.path, error) from error

    def refresh(self) -> None:
        if self.is_enabled():
            self.enable()


def autostart_for(
    platform: str = sys.platform,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> Autostart:
    """Start at login the way this system does it."""
    environ = os.environ if environ is None else environ
    home = home or Path.home()
    if platform == "win32":
        return WindowsRunKey(login_command(environ, windows=True))
    command = login_command(environ, windows=False)
    if platform == "darwin":
        return LaunchAgent(home, command)
    config_home = environ.get("XDG_CONFIG_HOME", "").strip()
    config = Path(config_home) if config_home and Path(config_home).is_absolute() else None
    return XdgAutostart(config or home / ".config", command)
