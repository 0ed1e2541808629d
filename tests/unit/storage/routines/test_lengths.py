"""The routines' lengths kept between runs: the same as estimated, read back on the next
start, estimated afresh for other settings, another language or a changed routine, never
trusted when damaged, and kept for the owner only."""

from __future__ import annotations

import dataclasses
import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from stretchtimer.core.session.estimate import PlanSettings, estimated_seconds
from stretchtimer.storage.routines import lengths
from stretchtimer.storage.routines.library import RoutineEntry, builtin_entries
from stretchtimer.storage.settings import Settings


@pytest.fixture(scope="module")
def entries() -> list[RoutineEntry]:
    return builtin_entries()


def expected(entries: list[RoutineEntry], settings: Settings) -> list[float]:
    return [estimated_seconds(entry.routine, settings) for entry in entries if entry.routine]


def kept_file(folder: Path) -> Path:
    return folder / lengths.FILE_NAME


def test_the_kept_settings_are_all_the_plan_takes() -> None:
    # A setting the planner starts to take must be part of the key too.
    members = {name for name in vars(PlanSettings) if not name.startswith("_")}
    assert set(lengths.PLAN_SETTINGS) == members


def test_lengths_are_kept_owner_only_and_read_back_on_the_next_start(
    tmp_path: Path, entries: list[RoutineEntry]
) -> None:
    settings = Settings()
    first = lengths.routine_seconds(entries, settings, tmp_path)
    assert first == expected(entries, settings)
    kept = kept_file(tmp_path)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # the person's files are owner-only
    # The next start reads them: a length written there is the one shown.
    table = json.loads(kept.read_bytes())
    (key,) = table
    table[key][lengths.routine_digest(entries[0].routine)] = 123.0  # type: ignore[arg-type]
    kept.write_text(json.dumps(table))
    assert lengths.routine_seconds(entries, settings, tmp_path)[0] == 123.0


def test_other_settings_are_estimated_afresh_and_both_kept(
    tmp_path: Path, entries: list[RoutineEntry]
) -> None:
    usual = Settings()
    slow = dataclasses.replace(usual, rate=100, prepare=usual.prepare + 5)
    assert lengths.routine_seconds(entries, usual, tmp_path) == expected(entries, usual)
    assert lengths.routine_seconds(entries, slow, tmp_path) == expected(entries, slow)
    assert expected(entries, slow) != expected(entries, usual)
    assert len(json.loads(kept_file(tmp_path).read_bytes())) == 2
    assert lengths.routine_seconds(entries, usual, tmp_path) == expected(entries, usual)


def test_another_language_is_estimated_afresh(
    tmp_path: Path, entries: list[RoutineEntry], language: Callable[[str], object]
) -> None:
    settings = Settings()
    english = lengths.routine_seconds(entries, settings, tmp_path)
    language("de")  # German words take their own time to say
    german = lengths.routine_seconds(entries, settings, tmp_path)
    assert german == expected(entries, settings)
    assert german != english


def test_a_changed_routine_is_estimated_afresh(tmp_path: Path, entries: list[RoutineEntry]) -> None:
    settings = Settings()
    entry = entries[0]
    assert entry.routine is not None
    lengths.routine_seconds([entry], settings, tmp_path)
    shorter = dataclasses.replace(entry.routine, steps=entry.routine.steps[:1])
    changed = dataclasses.replace(entry, routine=shorter)
    (seconds,) = lengths.routine_seconds([changed], settings, tmp_path)
    assert seconds == estimated_seconds(shorter, settings)
    assert seconds < estimated_seconds(entry.routine, settings)


def test_a_broken_file_is_zero_and_nothing_is_kept_without_a_folder(
    tmp_path: Path, entries: list[RoutineEntry]
) -> None:
    broken = RoutineEntry("broken", "broken.toml", builtin=False)
    settings = Settings()
    assert lengths.routine_seconds([broken, *entries], settings, None) == [
        0.0,
        *expected(entries, settings),
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff" * 40,
        b"[]",
        b'{"key": {"digest": "long"}}',
        b'{"key": {"digest": -5}}',
        b'{"key": {"digest": true}}',
        b'{"key": 7}',
    ],
)
def test_a_damaged_file_is_ignored_and_written_afresh(
    tmp_path: Path, entries: list[RoutineEntry], damage: bytes
) -> None:
    settings = Settings()
    kept_file(tmp_path).write_bytes(damage)
    assert lengths.routine_seconds(entries, settings, tmp_path) == expected(entries, settings)
    table = json.loads(kept_file(tmp_path).read_bytes())
    assert list(table) == [lengths.settings_key(settings)]


def test_only_the_latest_combinations_are_kept(tmp_path: Path, entries: list[RoutineEntry]) -> None:
    for rate in range(100, 100 + lengths.KEPT + 3):
        lengths.routine_seconds(entries[:1], dataclasses.replace(Settings(), rate=rate), tmp_path)
    table = json.loads(kept_file(tmp_path).read_bytes())
    assert len(table) == lengths.KEPT
    latest = dataclasses.replace(Settings(), rate=100 + lengths.KEPT + 2)
    assert next(iter(table)) == lengths.settings_key(latest)
