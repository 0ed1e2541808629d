"""Where files live: platform folders, or one folder with STRETCHTIMER_HOME."""

from __future__ import annotations

import stat
from pathlib import Path

from stretchtimer.storage.paths import app_paths, ensure_private_dir


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
