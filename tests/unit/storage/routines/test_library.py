"""The routine library: built-ins plus the person's own files, broken ones shown not hidden."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from stretchtimer.core.i18n import Language
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.storage.routines.library import RoutineLibrary, UnknownRoutineError

GOOD = 'format = 1\ntitle = "Mine"\n[[step]]\nname = "A"\nhold = 10\n'


def test_builtins_come_first_then_own_routines_and_broken_files_carry_their_problems(
    tmp_path: Path,
) -> None:
    (tmp_path / "mine.toml").write_text(GOOD)
    (tmp_path / "broken.toml").write_text('format = 1\ntitle = "B"\n')
    (tmp_path / "notes.txt").write_text("not a routine")
    entries = RoutineLibrary(tmp_path).entries()
    builtin_ids = [entry.id for entry in entries if entry.builtin]
    assert len(builtin_ids) >= 5
    own = [entry for entry in entries if not entry.builtin]
    assert [entry.id for entry in own] == ["broken", "mine"]
    assert own[0].routine is None and own[0].error is not None
    assert own[1].routine is not None and own[1].routine.title == "Mine"


def test_an_own_file_named_like_a_builtin_does_not_hide_it(tmp_path: Path) -> None:
    (tmp_path / "desk-hips.toml").write_text(GOOD)
    library = RoutineLibrary(tmp_path)
    assert library.get("desk-hips").builtin
    assert library.get("own:desk-hips").routine.title == "Mine"  # type: ignore[union-attr]


def test_open_by_id_or_file_and_unknown_ids_suggest_a_close_one(tmp_path: Path) -> None:
    library = RoutineLibrary(tmp_path)
    assert library.open("desk-hips").routine is not None
    path = tmp_path / "elsewhere.toml"
    path.write_text(GOOD)
    assert library.open(str(path)).routine.title == "Mine"  # type: ignore[union-attr]
    with pytest.raises(UnknownRoutineError, match="did you mean desk-hips"):
        library.open("desk-hip")
    with pytest.raises(RoutineFileError):
        library.open(str(tmp_path / "missing.toml"))


def test_a_missing_routines_folder_is_simply_empty(tmp_path: Path) -> None:
    entries = RoutineLibrary(tmp_path / "not-yet").entries()
    assert all(entry.builtin for entry in entries)


OWN_TRANSLATED = """\
format = 2
title = "Morning hips"
[[step]]
name = "Hip circles"
say = "Circle your hips slowly."
hold = 20
[step.translations.de]
name = "Hüftkreise"
[translations.de]
title = "Hüften am Morgen"
"""


def test_a_german_app_lists_own_and_built_in_routines_by_their_german_titles(
    tmp_path: Path, language: Callable[[str], Language]
) -> None:
    (tmp_path / "morning.toml").write_text(OWN_TRANSLATED)
    library = RoutineLibrary(tmp_path)
    assert library.get("morning").title == "Morning hips"
    language("de")
    entries = {entry.id: entry for entry in library.entries()}
    assert entries["morning"].title == "Hüften am Morgen"
    assert entries["hip-openers"].title == "Hüftöffner"
    shown = entries["morning"].shown()
    assert shown is not None and shown.steps[0].name == "Hüftkreise"
    # the editor edits the file's own texts
    assert entries["morning"].routine is not None
    assert entries["morning"].routine.title == "Morning hips"
    assert entries["morning"].routine.translations[0].title == "Hüften am Morgen"


def test_a_routine_not_translated_into_the_apps_language_is_listed_as_written(
    tmp_path: Path, language: Callable[[str], Language]
) -> None:
    (tmp_path / "mine.toml").write_text(GOOD)
    language("fr")
    assert RoutineLibrary(tmp_path).get("mine").title == "Mine"
    assert RoutineLibrary(tmp_path).get("mine").shown("es").title == "Mine"  # type: ignore[union-attr]
