"""The built-ins kept between runs: read back exactly as parsed, never trusted when damaged
or made for other files, and kept for the owner only."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from stretchtimer.core.routine.model import Routine
from stretchtimer.storage.routines import builtin_cache
from stretchtimer.storage.routines.library import _read_builtins

FILES = [("stretch.toml", b'title = "Stretch"\n')]


@pytest.fixture(scope="module")
def parsed() -> builtin_cache.Parsed:
    """The built-ins as the parser reads them (no cache)."""
    return _read_builtins(None)


def test_a_second_start_reads_the_same_routines_from_the_cache(
    tmp_path: Path, parsed: builtin_cache.Parsed
) -> None:
    first = _read_builtins(tmp_path)
    kept = tmp_path / builtin_cache.FILE_NAME
    assert kept.is_file()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # the person's files are owner-only
    again = _read_builtins(tmp_path)
    assert first == parsed
    assert again == parsed  # every step, translation, side and pace as the files say
    assert all(isinstance(routine, Routine) for _, routine in again)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut off
        lambda data: b"\x00\xff" * 40,  # not text
        lambda data: data.replace(b"Hip", b"Hop", 1),  # a text changed inside
        lambda data: b"[]",  # valid JSON, not ours
        lambda data: b"",
    ],
)
def test_a_damaged_cache_is_ignored_and_written_afresh(
    tmp_path: Path, parsed: builtin_cache.Parsed, damage: object
) -> None:
    _read_builtins(tmp_path)
    kept = tmp_path / builtin_cache.FILE_NAME
    assert callable(damage)
    whole = kept.read_bytes()
    damaged = damage(whole)
    assert damaged != whole
    kept.write_bytes(damaged)
    assert _read_builtins(tmp_path) == parsed
    key = json.loads(kept.read_bytes())["key"]
    assert builtin_cache.read(tmp_path, key) == parsed  # whole again


def test_a_well_formed_cache_that_would_not_make_a_routine_is_ignored(tmp_path: Path) -> None:
    key = builtin_cache.cache_key(FILES)
    bad = json.dumps([["stretch", {"class": "Routine", "fields": {"titel": "x", "steps": []}}]])
    wrong_class = json.dumps([["stretch", {"class": "Path", "fields": {}}]])
    for routines in (bad, wrong_class):
        (tmp_path / builtin_cache.FILE_NAME).write_text(
            json.dumps(
                {"key": key, "sha256": builtin_cache._checksum(routines), "routines": routines}
            )
        )
        assert builtin_cache.read(tmp_path, key) is None


def test_the_cache_is_not_used_for_other_files_or_another_version(
    tmp_path: Path, parsed: builtin_cache.Parsed, monkeypatch: pytest.MonkeyPatch
) -> None:
    builtin_cache.write(tmp_path, builtin_cache.cache_key(FILES), parsed)
    changed = [("stretch.toml", b'title = "Stretch more"\n')]
    renamed = [("stretches.toml", FILES[0][1])]
    assert builtin_cache.read(tmp_path, builtin_cache.cache_key(FILES)) == parsed
    assert builtin_cache.read(tmp_path, builtin_cache.cache_key(changed)) is None
    assert builtin_cache.read(tmp_path, builtin_cache.cache_key(renamed)) is None
    monkeypatch.setattr(builtin_cache, "__version__", "99.0")
    assert builtin_cache.read(tmp_path, builtin_cache.cache_key(FILES)) is None


def test_a_cache_folder_that_cannot_be_written_costs_nothing_but_the_cache(
    tmp_path: Path, parsed: builtin_cache.Parsed
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert _read_builtins(blocked) == parsed
