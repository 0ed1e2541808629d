"""Where files live: platform folders, or one folder with STRETCHTIMER_HOME."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from stretchtimer.storage.paths import app_paths, ensure_private_dir, platform_paths, xdg_paths


def test_stretchtimer_home_puts_every_folder_under_it(tmp_path: Path) -> None:
    paths = app_paths({"STRETCHTIMER_HOME": str(tmp_path)})
    for _, path in paths.listing():
        assert tmp_path in path.parents
    assert paths.history.name == "history.sqlite3"
    assert paths.routines.parent == paths.data


def test_without_the_variable_the_platform_folders_are_used() -> None:
    paths = app_paths({})
    assert all("stretchtimer" in str(path) for _, path in paths.listing())
    assert len({paths.data, paths.config, paths.cache}) == 3


def test_folders_are_created_readable_by_the_owner_only(tmp_path: Path) -> None:
    target = ensure_private_dir(tmp_path / "a" / "b" / "c")
    for folder in (tmp_path / "a", tmp_path / "a" / "b", target):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


@pytest.mark.parametrize(
    "environment",
    [
        {"HOME": "/home/ada"},
        {"HOME": "/home/ada/"},  # a trailing slash
        {"HOME": "/"},
        {
            "HOME": "/home/ada",
            "XDG_DATA_HOME": "/srv/data",
            "XDG_CONFIG_HOME": "/srv/config/",
            "XDG_CACHE_HOME": "/tmp/cache",
            "XDG_STATE_HOME": "/srv/state",
        },
        {  # not absolute, or empty: the XDG rules say to ignore them
            "HOME": "/home/ada",
            "XDG_DATA_HOME": "data",
            "XDG_CONFIG_HOME": "",
            "XDG_CACHE_HOME": " ",
            "XDG_STATE_HOME": "~/state",
        },
    ],
)
def test_linux_folders_are_those_platformdirs_gives(
    environment: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in XDG:
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert xdg_paths(environment, "linux") == platform_paths()


def test_elsewhere_or_without_an_absolute_home_platformdirs_decides() -> None:
    assert xdg_paths({"HOME": "/Users/ada"}, "darwin") is None
    assert xdg_paths({"HOME": "/home/ada"}, "win32") is None
    assert xdg_paths({"HOME": "ada"}, "linux") is None
    assert xdg_paths({}, "linux") is None


def test_the_app_finds_its_folders_without_loading_platformdirs(tmp_path: Path) -> None:
    # platformdirs' five modules: some 0.3 MiB resident, for four folder names.
    script = (
        "import sys; from stretchtimer.storage.paths import app_paths; "
        "paths = app_paths(); print(paths.config, 'platformdirs' in sys.modules)"
    )
    environment = {k: v for k, v in os.environ.items() if k not in XDG}
    environment.pop("STRETCHTIMER_HOME", None)
    environment["HOME"] = str(tmp_path)
    shown = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert shown.stdout.split() == [str(tmp_path / ".config" / "stretchtimer"), "False"]
