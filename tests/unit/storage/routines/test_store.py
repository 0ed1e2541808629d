"""Own routine files as the editor writes them: atomic, backed up, never silently lost."""

from __future__ import annotations

import dataclasses
import json
import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from stretchtimer.core.i18n import Language
from stretchtimer.core.routine.draft import Kind, RoutineDraft, StepDraft
from stretchtimer.core.routine.file import load_routine
from stretchtimer.core.routine.model import Hold, Routine, Step
from stretchtimer.core.routine.problems import RoutineFileError
from stretchtimer.storage.routines.drafts import DraftFolder, DraftKeeper
from stretchtimer.storage.routines.store import (
    ChangedOnDiskError,
    RoutineClashError,
    RoutineStore,
    canonical_bytes,
    written_by_hand,
)

HAND_WRITTEN = b"""\
# my therapist's sheet, week 2
format = 1
title = "Week two"

[[step]]
name = "Clamshell"   # lying on the side
reps = 12
"""
ROUTINE = Routine("Week two", (Step("Clamshell", Hold(40)),))


@pytest.fixture
def store(tmp_path: Path) -> RoutineStore:
    return RoutineStore(tmp_path / "routines", reserved={"hip-openers"})


def test_editor_store_saving_over_a_hand_written_file_keeps_it_as_bak(store: RoutineStore) -> None:
    path = store.folder / "week-two.toml"
    path.parent.mkdir(parents=True)
    path.write_bytes(HAND_WRITTEN)
    assert written_by_hand(HAND_WRITTEN)
    saved = store.save(ROUTINE, path, expected=HAND_WRITTEN)
    assert saved.backup == path.with_name("week-two.toml.bak")
    assert saved.backup.read_bytes() == HAND_WRITTEN
    assert load_routine(path) == ROUTINE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # The app's own file is not backed up again when saved once more.
    changed = dataclasses.replace(ROUTINE, title="Week three")
    again = store.save(changed, path, expected=saved.data)
    assert again.backup is None
    assert saved.backup.read_bytes() == HAND_WRITTEN


def test_editor_store_refuses_to_overwrite_a_file_changed_since_it_was_opened(
    store: RoutineStore,
) -> None:
    first = store.create(ROUTINE)
    other = canonical_bytes(dataclasses.replace(ROUTINE, title="Changed elsewhere"))
    first.path.write_bytes(other)
    with pytest.raises(ChangedOnDiskError) as refused:
        store.save(ROUTINE, first.path, expected=first.data)
    assert refused.value.current == other
    assert first.path.read_bytes() == other  # untouched
    forced = store.save(ROUTINE, first.path, expected=first.data, force=True)
    assert forced.backup is not None and forced.backup.read_bytes() == other


def test_editor_store_new_files_get_free_names_beside_builtins_and_each_other(
    store: RoutineStore,
) -> None:
    assert store.create(ROUTINE).path.name == "week-two.toml"
    assert store.create(ROUTINE).path.name == "week-two-2.toml"
    builtin_named = dataclasses.replace(ROUTINE, title="Hip openers")
    assert store.create(builtin_named).path.name == "hip-openers-2.toml"


def test_editor_store_rename_changes_the_title_and_keeps_the_file_name(
    store: RoutineStore,
) -> None:
    saved = store.create(ROUTINE)
    renamed = store.rename(saved.path, "  Evening clamshells ")
    assert renamed.path == saved.path
    assert load_routine(saved.path).title == "Evening clamshells"


def test_editor_store_delete_keeps_the_file_and_restore_brings_it_back(
    store: RoutineStore,
) -> None:
    saved = store.create(ROUTINE)
    deleted = store.delete(saved.path)
    assert not saved.path.exists()
    assert deleted.kept.read_bytes() == saved.data
    assert store.restore(deleted) == saved.path
    assert saved.path.read_bytes() == saved.data


def test_editor_store_import_copies_the_file_as_it_is_and_asks_on_a_clash(
    store: RoutineStore, tmp_path: Path
) -> None:
    source = tmp_path / "Week Two.toml"
    source.write_bytes(HAND_WRITTEN)
    first = store.import_file(source)
    assert first.path == store.folder / "week-two.toml"
    assert first.path.read_bytes() == HAND_WRITTEN  # comments and all
    assert store.check_import(source).already_there
    source.write_bytes(HAND_WRITTEN.replace(b"reps = 12", b"reps = 15"))
    with pytest.raises(RoutineClashError):
        store.import_file(source)
    renamed = store.import_file(source, clash="rename")
    assert renamed.path.name == "week-two-2.toml"
    replaced = store.import_file(source, clash="replace")
    assert replaced.path == first.path and replaced.backup is not None
    assert replaced.backup.read_bytes() == HAND_WRITTEN
    assert b"reps = 15" in first.path.read_bytes()


def test_editor_store_import_of_a_broken_file_writes_nothing(
    store: RoutineStore, tmp_path: Path
) -> None:
    source = tmp_path / "broken.toml"
    source.write_text('format = 1\ntitle = "B"\n[[step]]\nname = "x"\nholds = 3\n')
    with pytest.raises(RoutineFileError) as error:
        store.import_file(source)
    assert "holds: unknown key; did you mean hold?" in str(error.value)
    assert not store.folder.exists() or not any(store.folder.iterdir())


def test_editor_store_import_cannot_replace_a_builtin(store: RoutineStore, tmp_path: Path) -> None:
    source = tmp_path / "hip-openers.toml"
    source.write_bytes(HAND_WRITTEN)
    with pytest.raises(RoutineClashError) as clash:
        store.import_file(source, clash="replace")
    assert clash.value.builtin
    assert store.import_file(source, clash="rename").path.name == "hip-openers-2.toml"


def test_editor_drafts_are_kept_until_dropped(tmp_path: Path) -> None:
    folder = DraftFolder(tmp_path / "drafts")
    routine_file = tmp_path / "routines" / "week-two.toml"
    keeper = DraftKeeper(folder.new_path(routine_file), routine_file, HAND_WRITTEN)
    draft = RoutineDraft(
        title="Week two",
        tags=("floor", "a, b"),
        steps=(StepDraft(name="Clamshell", kind=Kind.REPS, reps="1o", say="Slowly.\nBreathe."),),
    )
    keeper.keep(draft)
    keeper.write_pending()
    kept = folder.for_routine(routine_file)
    assert kept is not None
    assert kept.draft == draft
    assert kept.routine_file == routine_file
    assert stat.S_IMODE(keeper.path.stat().st_mode) == 0o600
    assert [found.draft for found in folder.kept()] == [draft]
    keeper.drop()
    keeper.write_pending()
    assert folder.kept() == []


def test_editor_an_unreadable_draft_is_set_aside_not_deleted(tmp_path: Path) -> None:
    folder = DraftFolder(tmp_path / "drafts")
    folder.folder.mkdir()
    broken = folder.folder / "new-123.json"
    broken.write_text(json.dumps({"version": 1, "draft": []}))
    assert folder.kept() == []
    assert not broken.exists()
    assert (folder.folder / "new-123.json.unreadable-1").exists()


def test_editor_store_exports_files_others_can_read(tmp_path: Path) -> None:
    from stretchtimer.storage.routines.store import export_file, export_routine

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    exported = export_routine(ROUTINE, shared / "week-two.toml").path
    copied = export_file(HAND_WRITTEN, shared / "hand-written.toml").path
    for path in (exported, copied):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # a file to share
    assert load_routine(exported) == ROUTINE
    assert copied.read_bytes() == HAND_WRITTEN


def test_editor_store_import_of_a_routine_titled_like_one_of_yours_asks(
    store: RoutineStore, tmp_path: Path
) -> None:
    mine = store.import_file(_write(tmp_path / "week-two.toml", HAND_WRITTEN)).path
    same = _write(tmp_path / "from-the-clinic.toml", HAND_WRITTEN)
    assert store.check_import(same).already_there  # the very same routine: nothing to add
    updated = _write(same, HAND_WRITTEN.replace(b"reps = 12", b"reps = 15"))
    check = store.check_import(updated)
    assert check.clash is not None and check.target == mine
    assert str(check.clash) == "your routines already have “Week two” in week-two.toml"
    with pytest.raises(RoutineClashError):
        store.import_file(updated)
    replaced = store.import_file(updated, clash="replace")  # the clinic's new version
    assert replaced.path == mine and b"reps = 15" in mine.read_bytes()
    assert replaced.backup is not None and replaced.backup.read_bytes() == HAND_WRITTEN
    assert sorted(path.name for path in store.folder.glob("*.toml")) == ["week-two.toml"]


def test_editor_store_import_of_a_routine_titled_like_a_builtin_asks_for_another_title(
    store: RoutineStore, tmp_path: Path
) -> None:
    desk = HAND_WRITTEN.replace(b'title = "Week two"', b'title = "desk hips"')
    source = _write(tmp_path / "desk.toml", desk)
    check = store.check_import(source)
    assert check.clash is not None and check.clash.builtin
    assert str(check.clash) == "a built-in routine is already called “Desk hips”"
    for clash in ("refuse", "replace"):  # a built-in is read-only
        with pytest.raises(RoutineClashError):
            store.import_file(source, clash=clash)  # type: ignore[arg-type]
    assert list(store.folder.glob("*.toml")) == []

    first = store.import_file(source, clash="rename")
    assert first.path == store.folder / "desk.toml"
    assert first.path.read_bytes() == desk.replace(b'"desk hips"', b'"desk hips (2)"')
    second = store.import_file(source, clash="rename")
    assert (second.path.name, load_routine(second.path).title) == ("desk-2.toml", "desk hips (3)")
    typed = store.import_file(source, clash="rename", title="  Desk hips, my way ")
    assert load_routine(typed.path).title == "Desk hips, my way"
    for taken in ("Hip openers", "DESK HIPS (2)"):
        with pytest.raises(RoutineClashError):
            store.import_file(source, clash="rename", title=taken)
    assert len(list(store.folder.glob("*.toml"))) == 3


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_editor_drafts_keep_the_routines_language_and_translations(tmp_path: Path) -> None:
    from stretchtimer.core.routine.draft import draft_from_routine
    from stretchtimer.core.routine.file import parse_routine

    routine = parse_routine(
        b'format = 2\ntitle = "Hips"\n[[step]]\nname = "A"\nhold = 5\n'
        b'[step.translations.de]\nname = "Eins"\n[translations.fr]\ntitle = "Hanches"\n'
    )
    folder = DraftFolder(tmp_path / "drafts")
    keeper = DraftKeeper(folder.new_path(None), None, None)
    draft = draft_from_routine(routine)
    keeper.keep(draft)
    keeper.write_pending()
    [kept] = folder.kept()
    assert kept.draft == draft
    assert kept.draft.translations[0].title == "Hanches"
    assert kept.draft.steps[0].translations[0].name == "Eins"


def test_an_imported_routine_may_not_take_a_built_in_title_in_any_language(
    tmp_path: Path,
) -> None:
    store = RoutineStore(tmp_path / "routines")
    assert store.builtin_title("hip openers") == "Hip openers"
    assert store.builtin_title("HÜFTÖFFNER") == "Hüftöffner"
    assert store.builtin_title("Caderas en el escritorio") == "Caderas en el escritorio"
    assert store.builtin_title("Morning hips") is None


def test_the_stores_refusals_are_told_in_the_persons_language(
    tmp_path: Path, language: Callable[[str], Language]
) -> None:
    from stretchtimer.storage.routines.library import RoutineLibrary, UnknownRoutineError
    from stretchtimer.storage.routines.names import copy_title
    from tests.languages import unmarked

    language("qps")
    target = tmp_path / "hips.toml"
    refusals = [
        ChangedOnDiskError(target, None),
        ChangedOnDiskError(target, b"changed"),
        RoutineClashError(target, builtin=True, title="Hip openers"),
        RoutineClashError(target, builtin=True),
        RoutineClashError(target, builtin=False, title="Mine"),
        RoutineClashError(target, builtin=False),
    ]
    with pytest.raises(UnknownRoutineError) as unknown:
        RoutineLibrary(tmp_path).get("hip-opener")
    for error in (*refusals, unknown.value):
        text = str(error)
        while (inner := re.sub(r"⟦[^⟦⟧]*⟧", " ", text)) != text:  # messages nest their marks
            text = inner
        assert unmarked(text, ("hips.toml", "Hip openers", "Mine", "hip-openers", "hip")) == ""
    assert copy_title("Hips") == "Hips ⟦(copy)⟧"
