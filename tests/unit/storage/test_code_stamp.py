"""A kept result's stamp changes with any file it was made by, and only with those."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stretchtimer.storage import code_stamp
from stretchtimer.storage.routines.builtin_cache import hasher


def stamp(patterns: tuple[str, ...]) -> str:
    digest = hasher()
    code_stamp.stamp_files(digest, patterns)
    return str(digest.hexdigest())


def test_the_stamp_follows_the_size_and_time_of_the_matching_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(code_stamp, "PACKAGE", tmp_path)
    (tmp_path / "core").mkdir()
    made_by = tmp_path / "core" / "planner.py"
    made_by.write_text("A = 1\n")
    other = tmp_path / "core" / "notes.txt"
    other.write_text("not code")
    patterns = ("core/*.py",)
    first = stamp(patterns)
    assert stamp(patterns) == first  # read again: the same
    other.write_text("other notes, longer")
    assert stamp(patterns) == first  # a file it is not made by
    os.utime(made_by, ns=(1, 1))
    touched = stamp(patterns)
    assert touched != first  # the same text, written again
    made_by.write_text("A = 22\n")
    os.utime(made_by, ns=(1, 1))
    assert stamp(patterns) not in (first, touched)  # another size
    made_by.unlink()
    assert stamp(patterns) == stamp(())  # gone: nothing of it left
