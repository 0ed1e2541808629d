"""``stretchtimer desktop install|uninstall``: the launcher and icons for one person,
under XDG_DATA_HOME, written so that a desktop can start the app, and removed again."""

from __future__ import annotations

import configparser
import subprocess
from pathlib import Path

from stretchtimer import APP_ID, __version__
from stretchtimer.storage.resources import ICON_SIZES, app_icon_png, desktop_entry_path
from stretchtimer.system.launcher import DesktopLayout, launcher_text
from tests.conftest import run_cli


def launcher(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


STRING_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


def unescape_string(value: str) -> str:
    """Undo a desktop file's string escapes: backslash with s, n, t, r or itself."""
    text, index = "", 0
    while index < len(value):
        if value[index] == "\\" and index + 1 < len(value):
            text += STRING_ESCAPES.get(value[index + 1], value[index : index + 2])
            index += 2
        else:
            text += value[index]
            index += 1
    return text


def exec_argv(value: str) -> list[str]:
    """An Exec value split the way the desktop specification tells launchers to: first
    the string escapes, then double quotes in which a backslash escapes " ` $ and itself,
    then ``%%`` for a literal percent sign."""
    text = unescape_string(value)
    argv: list[str] = []
    current: str | None = None
    quoted = False
    index = 0
    while index < len(text):
        char = text[index]
        if quoted and char == "\\" and text[index + 1] in '"`$\\':
            current = (current or "") + text[index + 1]
            index += 1
        elif char == '"':
            quoted = not quoted
            current = current or ""
        elif char == " " and not quoted:
            if current is not None:
                argv.append(current)
            current = None
        else:
            current = (current or "") + char
        index += 1
    if current is not None:
        argv.append(current)
    return [part.replace("%%", "%") for part in argv]


def test_install_puts_a_valid_launcher_and_every_icon_under_xdg_data_home(
    home: Path, tmp_path: Path
) -> None:
    data_home = tmp_path / "data home"
    result = run_cli("desktop", "install", home=home, env={"XDG_DATA_HOME": str(data_home)})
    assert result.returncode == 0, result.stderr
    layout = DesktopLayout(data_home)
    assert sorted(path for path in data_home.rglob("*") if path.is_file()) == sorted(layout.files())
    desktop_file = data_home / "applications" / f"{APP_ID}.desktop"
    assert str(desktop_file) in result.stdout
    validated = subprocess.run(
        ["desktop-file-validate", str(desktop_file)], capture_output=True, text=True, check=False
    )
    assert validated.returncode == 0, validated.stdout
    for size in ICON_SIZES:
        installed = data_home / "icons/hicolor" / f"{size}x{size}/apps/{APP_ID}.png"
        assert installed.read_bytes() == app_icon_png(size).read_bytes()
    assert (data_home / f"icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    assert desktop_file.stat().st_mode & 0o777 == 0o644


def test_the_installed_launcher_starts_this_stretchtimer_from_any_folder(
    home: Path, tmp_path: Path
) -> None:
    data_home = tmp_path / "share"
    run_cli("desktop", "install", home=home, env={"XDG_DATA_HOME": str(data_home)})
    entry = launcher(data_home / "applications" / f"{APP_ID}.desktop")
    argv = exec_argv(entry["Exec"])
    assert Path(argv[0]).is_absolute()  # found even when the venv is not on PATH
    assert entry["TryExec"] == argv[0]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [*argv, "--version"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "STRETCHTIMER_HOME": str(home)},
        check=False,
    )
    assert result.stdout.strip() == f"stretchtimer {__version__}", result.stderr


def test_an_unusual_install_path_is_quoted_so_the_launcher_still_works(tmp_path: Path) -> None:
    command = [str(tmp_path / 'my "apps" $HOME `x` 100% \\o/' / "python"), "-m", "stretchtimer"]
    text = launcher_text(desktop_entry_path().read_text(encoding="utf-8"), command)
    desktop_file = tmp_path / f"{APP_ID}.desktop"
    desktop_file.write_text(text, encoding="utf-8")
    validated = subprocess.run(
        ["desktop-file-validate", str(desktop_file)], capture_output=True, text=True, check=False
    )
    assert validated.returncode == 0, validated.stdout
    assert exec_argv(launcher(desktop_file)["Exec"]) == command


def test_uninstall_removes_only_what_install_wrote(home: Path, tmp_path: Path) -> None:
    data_home = tmp_path / "share"
    other_launcher = data_home / "applications" / "org.example.Other.desktop"
    other_icon = data_home / "icons/hicolor/48x48/apps/org.example.Other.png"
    for path in (other_launcher, other_icon):
        path.parent.mkdir(parents=True)
        path.write_text("someone else's")
    environment = {"XDG_DATA_HOME": str(data_home)}
    assert run_cli("desktop", "install", home=home, env=environment).returncode == 0

    result = run_cli("desktop", "uninstall", home=home, env=environment)
    assert result.returncode == 0, result.stderr
    assert f"{len(ICON_SIZES) + 2} files" in result.stdout
    left = sorted(path for path in data_home.rglob("*") if path.is_file())
    assert left == sorted([other_launcher, other_icon])

    again = run_cli("desktop", "uninstall", home=home, env=environment)
    assert again.returncode == 0
    assert "was not in your app menu" in again.stdout


def test_installing_twice_replaces_the_launcher(home: Path, tmp_path: Path) -> None:
    environment = {"XDG_DATA_HOME": str(tmp_path / "share")}
    desktop_file = tmp_path / "share" / "applications" / f"{APP_ID}.desktop"
    run_cli("desktop", "install", home=home, env=environment)
    desktop_file.write_text("[Desktop Entry]\nExec=/moved/away\n")
    assert run_cli("desktop", "install", home=home, env=environment).returncode == 0
    assert "/moved/away" not in desktop_file.read_text()


def test_without_xdg_data_home_it_uses_local_share_in_home(home: Path, tmp_path: Path) -> None:
    fake_home = tmp_path / "person"
    fake_home.mkdir()
    environment = {"HOME": str(fake_home), "XDG_DATA_HOME": "relative/is/ignored"}
    result = run_cli("desktop", "install", home=home, env=environment)
    assert result.returncode == 0, result.stderr
    assert (fake_home / ".local/share/applications" / f"{APP_ID}.desktop").is_file()


def test_a_folder_it_cannot_write_gets_one_sentence_with_the_fix(
    home: Path, tmp_path: Path
) -> None:
    # A regular file where the applications folder should be: no permissions trick, so
    # this fails the same way as root (tests run as root here) and as a person.
    data_home = tmp_path / "share"
    data_home.mkdir()
    (data_home / "applications").write_text("not a folder")
    result = run_cli("desktop", "install", home=home, env={"XDG_DATA_HOME": str(data_home)})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("stretchtimer: could not write ")
    assert "set XDG_DATA_HOME to a folder you can write to" in lines[0]
    assert "Traceback" not in result.stderr
