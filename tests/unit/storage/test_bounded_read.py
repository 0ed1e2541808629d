"""Reading a file somebody else chose: only regular files, never past the limit, never blocked."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from stretchtimer.storage.bounded_read import FileRefusedError, read_bounded, size_text


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 1000)
    assert read_bounded(path, 1000) == b"x" * 1000


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(50 * 1000 * 1000 * 1000)  # a sparse 50 GB file costs nothing here
    started = time.monotonic()
    with pytest.raises(FileRefusedError, match=r"is 50\.0 GB, over the limit of 64\.0 MB"):
        read_bounded(path, 64 * 1000 * 1000)
    assert time.monotonic() - started < 1


def test_devices_pipes_and_folders_are_refused_at_once(tmp_path: Path) -> None:
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(FileRefusedError, match="not an ordinary file"):
        read_bounded(zero, 1000)
    with pytest.raises(FileRefusedError, match="not an ordinary file"):
        read_bounded(fifo, 1000)
    with pytest.raises(FileRefusedError, match="is a folder"):
        read_bounded(tmp_path, 1000)
    assert time.monotonic() - started < 1


def test_a_missing_file_is_the_usual_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_bounded(tmp_path / "gone.json", 10)


def test_sizes_read_as_a_person_reads_them() -> None:
    assert size_text(512) == "512 bytes"
    assert size_text(3_200_000) == "3.2 MB"
    assert size_text(5_900_000_000) == "5.9 GB"
