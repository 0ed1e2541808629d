"""Start at login: a real XDG autostart entry on Linux; Windows and macOS entries checked here."""

from __future__ import annotations

import json
import os
import plistlib
import stat
import subprocess
from pathlib import Path

import pytest

from stretchtimer import APP_ID
from stretchtimer.system.autostart import (
    TRAY_FLAG,
    AutostartError,
    LaunchAgent,
    LoginCommand,
    WindowsRunKey,
    WinRegRunValues,
    XdgAutostart,
    autostart_for,
    desktop_exec,
    launch_agent_plist,
    login_command,
)

AWKWARD = ["/opt/my apps/stretch$timer", 'say "hi"', "back\\slash", "100%", "~/x;y", "plain"]


def exec_words(value: str) -> list[str]:
    """An ``Exec`` value back to words, by the Desktop Entry Specification (independently)."""
    unescaped = value.replace("\\\\", "\\")  # the string-value escape comes off first
    words: list[str] = []
    word, quoted, index, started = "", False, 0, False
    while index < len(unescaped):
        char = unescaped[index]
        if quoted and char == "\\" and unescaped[index + 1] in '"`$\\':
            word += unescaped[index + 1]
            index += 2
            continue
        if char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if started:
                words.append(word)
            word, started = "", False
        else:
            word += char
            started = True
        index += 1
    if started:
        words.append(word)
    return [word.replace("%%", "%") for word in words]


def read_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def validate(path: Path) -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_autostart_linux_entry_starts_this_app_in_the_tray_with_its_home(
    home: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    autostart = autostart_for(
        "linux", {"XDG_CONFIG_HOME": str(config), "STRETCHTIMER_HOME": str(home)}
    )
    assert isinstance(autostart, XdgAutostart)
    assert not autostart.is_enabled()
    autostart.enable()
    path = config / "autostart" / f"{APP_ID}.desktop"
    assert autostart.location == str(path) and autostart.is_enabled()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    validate(path)
    entry = read_entry(path)
    assert entry["Type"] == "Application" and entry["Icon"] == APP_ID
    words = exec_words(entry["Exec"])
    assert words[:2] == ["env", f"STRETCHTIMER_HOME={home}"]
    assert words[-1] == TRAY_FLAG
    # The entry runs this installation: the same command asked for its paths instead.
    ran = subprocess.run(
        [*words[:-1], "paths", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "STRETCHTIMER_HOME"},
    )
    assert json.loads(ran.stdout)["data"] == str(home / "data")
    autostart.disable()
    assert not path.exists() and not autostart.is_enabled()
    autostart.disable()  # already off: nothing to do, no error


def test_autostart_exec_quotes_awkward_paths_so_they_survive(tmp_path: Path) -> None:
    value = desktop_exec(AWKWARD)
    assert exec_words(value) == AWKWARD
    autostart = XdgAutostart(tmp_path, LoginCommand(tuple(AWKWARD)))
    autostart.enable()
    validate(autostart.path)
    assert exec_words(read_entry(autostart.path)["Exec"]) == AWKWARD


def test_autostart_an_entry_hidden_by_the_desktop_counts_as_off(tmp_path: Path) -> None:
    autostart = XdgAutostart(tmp_path, login_command({}))
    autostart.enable()
    autostart.path.write_text(autostart.path.read_text() + "Hidden=true\n")
    assert not autostart.is_enabled()
    autostart.refresh()  # refresh leaves an entry the person switched off alone
    assert "Hidden=true" in autostart.path.read_text()


def test_autostart_refresh_rewrites_an_entry_with_an_old_command(tmp_path: Path) -> None:
    old = XdgAutostart(tmp_path, LoginCommand(("/gone/stretchtimer", TRAY_FLAG)))
    old.enable()
    current = XdgAutostart(tmp_path, login_command({}))
    current.refresh()
    assert "/gone/" not in current.path.read_text()


def test_autostart_a_folder_that_cannot_be_written_gives_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "autostart").write_text("a file where the folder should be")
    with pytest.raises(AutostartError) as raised:
        XdgAutostart(tmp_path, login_command({})).enable()
    message = str(raised.value)
    assert message.startswith("Could not turn on start at login (")
    assert "autostart" in message and message.endswith("then try again.")


def test_autostart_config_home_defaults_to_dot_config(tmp_path: Path) -> None:
    for environ in ({}, {"XDG_CONFIG_HOME": "relative/is/ignored"}):
        autostart = autostart_for("linux", environ, home=tmp_path)
        assert autostart.location == str(tmp_path / ".config" / "autostart" / f"{APP_ID}.desktop")


def test_autostart_command_uses_the_installed_launcher_or_python(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python = bin_dir / "python3"
    assert login_command({}, executable=str(python), windows=False).argv == (
        str(python),
        "-m",
        "stretchtimer",
        TRAY_FLAG,
    )
    (bin_dir / "stretchtimer").write_text("#!/bin/sh\n")
    assert login_command({}, executable=str(python), windows=False) == LoginCommand(
        (str(bin_dir / "stretchtimer"), TRAY_FLAG)
    )
    assert login_command({}).argv[-1] == TRAY_FLAG


def test_autostart_windows_prefers_a_windowless_launcher(tmp_path: Path) -> None:
    python = tmp_path / "python.exe"
    assert login_command({}, executable=str(python), windows=True).argv[1:] == (
        "-m",
        "stretchtimer",
        TRAY_FLAG,
    )
    (tmp_path / "pythonw.exe").write_text("")
    assert login_command({}, executable=str(python), windows=True).argv[0] == str(
        tmp_path / "pythonw.exe"
    )
    (tmp_path / "Scripts").mkdir()
    (tmp_path / "Scripts" / "stretchtimer-gui.exe").write_text("")
    assert login_command({}, executable=str(python), windows=True).argv == (
        str(tmp_path / "Scripts" / "stretchtimer-gui.exe"),
        TRAY_FLAG,
    )


class FakeRunKey:
    """The Run key's values (the registry itself exists only on Windows)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, command_line: str) -> None:
        self.values[name] = command_line

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_autostart_windows_run_value_holds_a_quoted_command_line() -> None:
    key = FakeRunKey()
    command = LoginCommand((r"C:\Program Files\Stretch\stretchtimer-gui.exe", TRAY_FLAG))
    autostart = WindowsRunKey(command, key)
    assert not autostart.is_enabled()
    autostart.enable()
    assert key.values == {"stretchtimer": r'"C:\Program Files\Stretch\stretchtimer-gui.exe" --tray'}
    assert autostart.is_enabled()
    assert autostart.location.endswith(r"\CurrentVersion\Run\stretchtimer")
    autostart.disable()
    assert key.values == {} and not autostart.is_enabled()


def test_autostart_windows_code_is_import_safe_here_and_refuses_politely() -> None:
    autostart = autostart_for("win32", {})
    assert isinstance(autostart, WindowsRunKey)
    assert isinstance(autostart.values, WinRegRunValues)
    assert not autostart.is_enabled()
    with pytest.raises(AutostartError, match="only on Windows"):
        autostart.enable()


def test_autostart_macos_launch_agent(home: Path, tmp_path: Path) -> None:
    autostart = autostart_for("darwin", {"STRETCHTIMER_HOME": str(home)}, home=tmp_path)
    assert isinstance(autostart, LaunchAgent)
    path = tmp_path / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    assert autostart.location == str(path) and not autostart.is_enabled()
    autostart.enable()
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == APP_ID
    assert agent["ProgramArguments"][-1] == TRAY_FLAG
    assert agent["RunAtLoad"] is True and agent["LimitLoadToSessionType"] == "Aqua"
    assert agent["EnvironmentVariables"] == {"STRETCHTIMER_HOME": str(home)}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert autostart.is_enabled()
    path.write_bytes(plistlib.dumps({**agent, "Disabled": True}))
    assert not autostart.is_enabled()
    autostart.disable()
    assert not path.exists()


def test_autostart_macos_plist_without_a_home_has_no_environment() -> None:
    agent = plistlib.loads(
        launch_agent_plist(LoginCommand(("/usr/local/bin/stretchtimer", "--tray")))
    )
    assert "EnvironmentVariables" not in agent
    assert agent["ProgramArguments"] == ["/usr/local/bin/stretchtimer", "--tray"]
